package raw

// Descriptors made by system call number, as netpoll libraries make their
// eventfd and sandboxes their userfaultfd.

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

func eventfd() (int, error) {
	r, _, errno := unix.Syscall(unix.SYS_EVENTFD2, 0, 0, 0) // want `^unix.Syscall of SYS_EVENTFD2 creates a descriptor without EFD_CLOEXEC: a process started meanwhile inherits it$`
	if errno != 0 {
		return -1, errno
	}
	return int(r), nil
}

func eventfdNonblock() uintptr {
	r, _, _ := unix.RawSyscall(unix.SYS_EVENTFD2, 0, unix.EFD_NONBLOCK, 0) // want `^unix.RawSyscall of SYS_EVENTFD2 creates a descriptor without EFD_CLOEXEC`
	return r
}

func eventfdCloexec() uintptr {
	r, _, _ := unix.Syscall(unix.SYS_EVENTFD2, 0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC, 0) // ok
	return r
}

func eventfdSyscall() uintptr {
	r, _, _ := syscall.Syscall(syscall.SYS_EVENTFD2, 0, 0, 0)                 // want `^syscall.Syscall of SYS_EVENTFD2 creates a descriptor without close-on-exec`
	k, _, _ := syscall.Syscall(syscall.SYS_EVENTFD2, 0, syscall.O_CLOEXEC, 0) // ok: syscall has no EFD_CLOEXEC, and judges only 0
	return r + k
}

func pipes(p *[2]int32, nonblock bool) {
	unix.RawSyscall(unix.SYS_PIPE2, uintptr(unsafe.Pointer(p)), 0, 0)              // want `^unix.RawSyscall of SYS_PIPE2 creates descriptors without O_CLOEXEC: a process started meanwhile inherits them$`
	unix.RawSyscall(unix.SYS_PIPE2, uintptr(unsafe.Pointer(p)), unix.O_CLOEXEC, 0) // ok
	unix.RawSyscall(unix.SYS_PIPE, uintptr(unsafe.Pointer(p)), 0, 0)               // want `^unix.RawSyscall of SYS_PIPE creates descriptors without close-on-exec`
	flags := unix.O_NONBLOCK
	if nonblock {
		flags |= unix.O_NONBLOCK
	}
	unix.RawSyscall(unix.SYS_PIPE2, uintptr(unsafe.Pointer(p)), uintptr(flags), 0) // want `^unix.RawSyscall of SYS_PIPE2 creates descriptors without O_CLOEXEC`
}

func memfd(name *byte, flags uintptr) {
	unix.Syscall(unix.SYS_MEMFD_CREATE, uintptr(unsafe.Pointer(name)), unix.MFD_ALLOW_SEALING, 0)                  // want `^unix.Syscall of SYS_MEMFD_CREATE creates a descriptor without MFD_CLOEXEC`
	unix.Syscall(unix.SYS_MEMFD_CREATE, uintptr(unsafe.Pointer(name)), unix.MFD_ALLOW_SEALING|unix.MFD_CLOEXEC, 0) // ok
	unix.Syscall(unix.SYS_MEMFD_CREATE, uintptr(unsafe.Pointer(name)), flags, 0)                                   // ok: the flags are unknown here
}

func userfaultfd() (int, error) {
	fd, _, errno := unix.Syscall(unix.SYS_USERFAULTFD, unix.O_NONBLOCK, 0, 0) // want `^unix.Syscall of SYS_USERFAULTFD creates a descriptor without O_CLOEXEC`
	if errno != 0 {
		return -1, errno
	}
	ok, _, _ := unix.Syscall(unix.SYS_USERFAULTFD, unix.O_CLOEXEC|unix.O_NONBLOCK, 0, 0) // ok
	unix.Close(int(ok))
	return int(fd), nil
}

func others(fd int) {
	unix.Syscall(unix.SYS_EPOLL_CREATE1, 0, 0, 0)                  // want `^unix.Syscall of SYS_EPOLL_CREATE1 creates a descriptor without EPOLL_CLOEXEC`
	unix.Syscall(unix.SYS_EPOLL_CREATE1, unix.EPOLL_CLOEXEC, 0, 0) // ok
	unix.Syscall(unix.SYS_INOTIFY_INIT1, 0, 0, 0)                  // want `^unix.Syscall of SYS_INOTIFY_INIT1 creates a descriptor without IN_CLOEXEC`
	unix.Syscall(unix.SYS_FCNTL, uintptr(fd), unix.F_DUPFD, 3)     // want `^unix.Syscall of SYS_FCNTL creates a descriptor without close-on-exec`
	unix.Syscall(unix.SYS_FCNTL, uintptr(fd), unix.F_GETFD, 0)     // ok: creates nothing
	unix.Syscall(unix.SYS_PIDFD_OPEN, 1, 0, 0)                     // ok: always close-on-exec
	unix.Syscall(unix.SYS_GETPID, 0, 0, 0)                         // ok: creates nothing
}

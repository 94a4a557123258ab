package cloexec

// linux/arm64 has no inotify_init, epoll_create or pipe system calls: its
// syscall package builds InotifyInit and EpollCreate from their relatives,
// and the numbers differ from amd64's (pipe2 is 59, execve's number on
// amd64).

import (
	"syscall"
	"unsafe"
)

func events() {
	syscall.InotifyInit()                       // want `^syscall.InotifyInit creates a descriptor without close-on-exec`
	syscall.EpollCreate(1)                      // want `^syscall.EpollCreate creates a descriptor without close-on-exec`
	syscall.EpollCreate1(syscall.EPOLL_CLOEXEC) // ok
}

func pipe(p *[2]int32) {
	syscall.RawSyscall(syscall.SYS_PIPE2, uintptr(unsafe.Pointer(p)), 0, 0)                 // want `^syscall.RawSyscall of SYS_PIPE2 creates descriptors without O_CLOEXEC`
	syscall.RawSyscall(syscall.SYS_PIPE2, uintptr(unsafe.Pointer(p)), syscall.O_CLOEXEC, 0) // ok
	syscall.RawSyscall(syscall.SYS_EPOLL_CREATE1, 0, 0, 0)                                  // want `^syscall.RawSyscall of SYS_EPOLL_CREATE1 creates a descriptor without EPOLL_CLOEXEC`
}

package forklockmark

// The ForkLock idiom with the mark spelled other ways than CloseOnExec:
// fcntl(fd, F_SETFD, FD_CLOEXEC) through golang.org/x/sys/unix's FcntlInt
// or a system call by number (syscall's forkpipe.go marks so), and a
// helper of the package that marks its parameter.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func fcntlMark() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0) // ok: marked by fcntl
	if err != nil {
		return -1, err
	}
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

func setCloexec(fd int) { syscall.CloseOnExec(fd) }

func helperMark() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0) // ok: marked by the helper
	if err != nil {
		return -1, err
	}
	setCloexec(fd)
	return fd, nil
}

func rawMark() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0) // ok: marked by a raw fcntl
	if err != nil {
		return -1, err
	}
	unix.Syscall(unix.SYS_FCNTL, uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC)
	return fd, nil
}

func wrongMark() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
	if err != nil {
		return -1, err
	}
	unix.FcntlInt(uintptr(fd), unix.F_SETFL, unix.FD_CLOEXEC) // F_SETFL sets the status flags
	return fd, nil
}

// setCloexecRMW reads the descriptor's flags and writes them back with the
// flag.
func setCloexecRMW(fd int) {
	flags, _ := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	unix.FcntlInt(uintptr(fd), unix.F_SETFD, flags|unix.FD_CLOEXEC)
}

func rmwMark() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0) // ok: read, modified, written
	if err != nil {
		return -1, err
	}
	setCloexecRMW(fd)
	return fd, nil
}

package dupfix

// Dup gets F_DUPFD_CLOEXEC through golang.org/x/sys/unix's FcntlInt where
// the file already imports that package.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func dupUnix(fd int) (int, error) {
	return unix.Dup(fd) // want `^unix.Dup creates a descriptor without close-on-exec`
}

func dupSyscall(fd int) (int, error) {
	nfd, err := syscall.Dup(fd) // want `^syscall.Dup creates a descriptor without close-on-exec`
	if err != nil {
		return -1, err
	}
	return nfd, syscall.SetNonblock(nfd, true)
}

func dupShadowed(fd int) (int, error) {
	unix := fd + 1
	return syscall.Dup(unix) // want `^syscall.Dup creates a descriptor without close-on-exec`
}

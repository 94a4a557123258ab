package dupnofix2

// The Dup is the file's only use of syscall: a fix through unix.FcntlInt
// would leave syscall imported and unused, and is not offered.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func dup(fd int) (int, error) {
	return syscall.Dup(fd) // want `^syscall.Dup creates a descriptor without close-on-exec`
}

func close(fd int) error { return unix.Close(fd) }

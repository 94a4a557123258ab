package dupnofix

// A file without golang.org/x/sys/unix gets no fix for Dup: the guide says
// what to write. Nor does one whose only use of syscall is the Dup: the fix
// would leave the import unused.

import "syscall"

func dup(fd int) (int, error) {
	return syscall.Dup(fd) // want `^syscall.Dup creates a descriptor without close-on-exec`
}

package flags

// Flags that are not a single constant: a local variable built on some
// paths, and creators called through a function value.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func socket(nonblock bool) {
	typ := unix.SOCK_STREAM
	if nonblock {
		typ |= unix.SOCK_NONBLOCK
	}
	unix.Socket(unix.AF_UNIX, typ, 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
}

func socketCloexec(nonblock bool) {
	typ := unix.SOCK_STREAM | unix.SOCK_CLOEXEC
	if nonblock {
		typ |= unix.SOCK_NONBLOCK
	}
	unix.Socket(unix.AF_UNIX, typ, 0) // ok: every path sets the flag
}

func socketSometimes(cloexec bool) {
	typ := unix.SOCK_STREAM
	if cloexec {
		typ |= unix.SOCK_CLOEXEC
	}
	unix.Socket(unix.AF_UNIX, typ, 0) // ok: some path sets the flag
}

func openCleared(path string) {
	flags := syscall.O_RDONLY | syscall.O_CLOEXEC
	flags &^= syscall.O_CLOEXEC
	syscall.Open(path, flags, 0) // want `^syscall.Open creates a descriptor without O_CLOEXEC`
}

func openConverted(path string, write bool) {
	var flags uint32 = syscall.O_RDONLY
	if write {
		flags = syscall.O_WRONLY | syscall.O_APPEND
	}
	syscall.Open(path, int(flags), 0) // want `^syscall.Open creates a descriptor without O_CLOEXEC`
}

func openUnknown(path string, extra int) {
	flags := syscall.O_RDONLY | extra
	syscall.Open(path, flags, 0) // ok: extra may carry the flag
}

func openLoop(path string, n int) {
	flags := syscall.O_RDONLY
	for i := 0; i < n; i++ {
		flags |= syscall.O_CLOEXEC
	}
	syscall.Open(path, flags, 0) // ok: a loop may set the flag
}

func throughValue(p []int) {
	pipe := unix.Pipe
	pipe(p) // want `^unix.Pipe creates descriptors without close-on-exec`
}

func throughValueFlags(p []int, choose bool) {
	pipe2 := syscall.Pipe2
	if choose {
		pipe2 = unix.Pipe2
	}
	pipe2(p, 0)                 // want `^syscall.Pipe2 creates descriptors without O_CLOEXEC`
	pipe2(p, syscall.O_CLOEXEC) // ok
}

func throughValueStdio(fd int) {
	dup2 := unix.Dup2
	dup2(fd, 2) // ok: onto stderr
	dup2(fd, 9) // want `^unix.Dup2 creates a descriptor without close-on-exec`
}

func callback(f func() (int, error)) {
	f() // ok: not a creator
}

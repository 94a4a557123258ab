package initprobe

// A probe that init opens and closes runs before main can start anything:
// judged like test code. One that init keeps leaks into every child.

import "syscall"

var ipv6, kept int

func init() {
	fd, err := syscall.Socket(syscall.AF_INET6, syscall.SOCK_STREAM, 0) // ok: a probe closed before main runs
	if err == nil {
		syscall.Close(fd)
		ipv6 = 1
	}
}

func init() {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_DGRAM, 0) // want `^syscall.Socket creates a descriptor without SOCK_CLOEXEC`
	if err == nil {
		kept = fd
	}
}

//go:build linux

// Package detach is a library that forks: every program that calls Detach
// inherits the hazard, and forkcheck follows it across packages.
package detach

import "syscall"

// Detach forks the calling process and reports whether it is the child.
func Detach() (child bool, err error) {
	pid, _, errno := syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0)
	if errno != 0 {
		return false, errno
	}
	return pid == 0, nil
}

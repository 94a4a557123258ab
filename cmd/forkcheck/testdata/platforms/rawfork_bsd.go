//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package platforms

import "syscall"

// Fork forks with the fork system call. ios is darwin.
func Fork() uintptr {
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	return pid
}

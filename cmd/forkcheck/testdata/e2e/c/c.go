// Package c forks without exec. The end-to-end tests analyze this module
// for linux/amd64, where syscall.SYS_FORK exists, whatever the host.
package c

import "syscall"

// Fork forks the process and returns the child's process id in the parent.
func Fork() uintptr {
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // reported: the fork itself
	return pid
}

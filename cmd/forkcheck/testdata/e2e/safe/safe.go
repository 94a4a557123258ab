// Package safe forks and execs at once, making only raw system calls in the
// child: the fork-then-exec idiom, which forkcheck does not report.
package safe

import (
	"syscall"
	"unsafe"
)

// Spawn forks and execs path with argv and envv.
func Spawn(path *byte, argv, envv **byte) uintptr {
	pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: the child only execs or exits
	if errno != 0 {
		return 0
	}
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), uintptr(unsafe.Pointer(argv)), uintptr(unsafe.Pointer(envv)))
		syscall.RawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
	return pid
}

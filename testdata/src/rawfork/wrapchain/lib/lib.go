package lib // want package:"wraps system calls"

// Package lib forwards the system call entry points, as cilium/ebpf's
// internal/unix does for its callers.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func Syscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err syscall.Errno) { // want Syscall:"passes parameter 0 as the number of unix.Syscall, parameter 1 as its flags"
	return unix.Syscall(trap, a1, a2, a3)
}

func RawSyscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err syscall.Errno) { // want RawSyscall:`passes parameter 0 as the number of unix.RawSyscall, parameter 1 as its flags \(raw\)`
	return unix.RawSyscall(trap, a1, a2, a3)
}

// rawSyscall is unexported: no other package calls it.
func rawSyscall(trap uintptr) uintptr {
	r, _, _ := unix.RawSyscall(trap, 0, 0, 0)
	return r
}

func Getpid() int { return int(rawSyscall(unix.SYS_GETPID)) } // ok: creates no process

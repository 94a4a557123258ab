package clone3 // want package:"forks"

// On linux/mips64 the numbers start at 5000 (the n64 ABI): clone3 is 5435,
// which the syscall package names only in a constant export data lacks.

import (
	"syscall"
	"unsafe"
)

type cloneArgs struct {
	flags      uint64
	pidfd      uint64
	childTID   uint64
	parentTID  uint64
	exitSignal uint64
	stack      uint64
	stackSize  uint64
	tls        uint64
}

func Fork() { // want Fork:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	args := cloneArgs{exitSignal: uint64(syscall.SIGCHLD)}
	syscall.RawSyscall(5435, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `^syscall.RawSyscall\(SYS_CLONE3\) forks without exec`
}

func Thread() {
	args := cloneArgs{flags: syscall.CLONE_VM | syscall.CLONE_THREAD}
	syscall.RawSyscall(5435, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // ok: a thread
}

func NotClone3() {
	syscall.RawSyscall(435, 0, 0, 0) // ok: clone3 on amd64, no system call on mips64
}

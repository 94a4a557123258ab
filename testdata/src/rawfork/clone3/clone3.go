package clone3 // want package:"forks"

// clone3 through the syscall package, which names its number only in a
// constant that export data lacks, and the thread exemption read from
// struct clone_args, as runtimes and sandboxes declare it (golang.org/x/sys/unix
// has no type for it; the syscall package's own is unexported).

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// cloneArgs is struct clone_args of clone3(2), version 0.
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

func unixNumber() { // want unixNumber:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	args := cloneArgs{exitSignal: uint64(syscall.SIGCHLD)}
	syscall.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `^syscall.RawSyscall\(SYS_CLONE3\) forks without exec: the child can deadlock`
}

func literal() { // want literal:`forks: syscall.Syscall\(SYS_CLONE3\)`
	var args cloneArgs
	args.exitSignal = uint64(syscall.SIGCHLD)
	syscall.Syscall(435, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `^syscall.Syscall\(SYS_CLONE3\) forks without exec`
}

const sysClone3 = 435 // as code that imports only syscall spells it

func constant() { // want constant:`forks: syscall.RawSyscall6\(SYS_CLONE3\)`
	args := &cloneArgs{flags: unix.CLONE_FILES, exitSignal: uint64(syscall.SIGCHLD)}
	syscall.RawSyscall6(sysClone3, uintptr(unsafe.Pointer(args)), unsafe.Sizeof(*args), 0, 0, 0, 0) // want `^syscall.RawSyscall6\(SYS_CLONE3\) forks without exec`
}

func viaUnix() { // want viaUnix:`forks: unix.RawSyscall\(SYS_CLONE3\)`
	args := cloneArgs{flags: unix.CLONE_VM, exitSignal: uint64(unix.SIGCHLD)}                // CLONE_VM without CLONE_THREAD: a process that shares memory
	unix.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `^unix.RawSyscall\(SYS_CLONE3\) forks without exec`
}

func flagsVary(thread bool) { // want flagsVary:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	var args cloneArgs
	if thread {
		args.flags = syscall.CLONE_VM | syscall.CLONE_THREAD
	}
	syscall.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `forks without exec`
}

func flagsNotConstant(flags uint64) { // want flagsNotConstant:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	args := cloneArgs{flags: flags}
	syscall.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `forks without exec`
}

func fill(a *cloneArgs) { a.flags = 0 }

func argsPassed() { // want argsPassed:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	args := cloneArgs{flags: syscall.CLONE_VM | syscall.CLONE_THREAD}
	fill(&args)
	syscall.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // want `forks without exec`
}

// The thread shapes: CLONE_VM|CLONE_THREAD in the flags on every path.

func thread() {
	args := cloneArgs{flags: syscall.CLONE_VM | syscall.CLONE_THREAD | syscall.CLONE_SIGHAND | syscall.CLONE_FS | syscall.CLONE_FILES}
	syscall.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // ok: a thread
}

func threadLiteral() {
	args := &cloneArgs{flags: unix.CLONE_VM | unix.CLONE_THREAD | unix.CLONE_FS}
	syscall.Syscall(435, uintptr(unsafe.Pointer(args)), unsafe.Sizeof(*args), 0) // ok: a thread
}

func threadFlagsGrown(files bool) {
	flags := uint64(unix.CLONE_VM | unix.CLONE_THREAD)
	if files {
		flags |= unix.CLONE_FILES
	}
	var args cloneArgs
	args.flags = flags
	unix.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // ok: a thread either way
}

func clone3Getpid() {
	syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0) // ok: creates no process
	syscall.RawSyscall(434, 0, 0, 0)                // ok: pidfd_open, next to clone3
}

// probeClone3 asks whether clone3 exists with a size the kernel rejects
// (EINVAL) before it creates anything; ENOSYS means it does not exist.
func probeClone3() bool {
	var buf [64]byte
	_, _, errno := unix.Syscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&buf[0])), 0, 0) // ok: size 0, no process
	return errno == syscall.EINVAL
}

type cloneArgsV0Prefix struct{ flags, pidfd uint64 }

func probeSmall() {
	var args cloneArgsV0Prefix
	syscall.RawSyscall(435, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0) // ok: 16 bytes, below CLONE_ARGS_SIZE_VER0
}

func sizeUnknown(size uintptr) { // want sizeUnknown:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	var args cloneArgs
	syscall.RawSyscall(435, uintptr(unsafe.Pointer(&args)), size, 0) // want `forks without exec`
}

package linkalias // want package:"forks"

// Functions declared without a body and bound by go:linkname to an entry
// point that takes a system call number are that entry point: code that
// reaches for RawSyscall without its wrapper, or for the runtime's own
// Syscall6, spells it so.

import (
	"syscall"
	"unsafe"
)

//go:linkname rawSyscall syscall.RawSyscall
func rawSyscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err syscall.Errno)

//go:linkname rawVforkSyscall syscall.rawVforkSyscall
func rawVforkSyscall(trap, a1, a2, a3 uintptr) (r1 uintptr, err syscall.Errno)

//go:linkname runtimeSyscall6 internal/runtime/syscall/linux.Syscall6
func runtimeSyscall6(num, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, errno uintptr)

//go:linkname noError golang.org/x/sys/unix.RawSyscallNoError
func noError(trap, a1, a2, a3 uintptr) (r1, r2 uintptr)

//go:linkname sysCall syscall.Syscall
func sysCall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err syscall.Errno)

func Fork() { // want Fork:`^forks: rawSyscall\(SYS_FORK\)$`
	rawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^rawSyscall\(SYS_FORK\) forks without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
}

func Vfork() { // want Vfork:`forks: rawVforkSyscall\(SYS_CLONE\)`
	rawVforkSyscall(syscall.SYS_CLONE, syscall.CLONE_VM|syscall.CLONE_VFORK|uintptr(syscall.SIGCHLD), 0, 0) // want `^rawVforkSyscall\(SYS_CLONE\) forks without exec`
}

func Runtime() { // want Runtime:`forks: runtimeSyscall6\(SYS_FORK\)`
	runtimeSyscall6(57, 0, 0, 0, 0, 0, 0) // want `^runtimeSyscall6\(SYS_FORK\) forks without exec`
}

func NoError() { // want NoError:`forks: noError\(SYS_VFORK\)`
	noError(syscall.SYS_VFORK, 0, 0, 0) // want `^noError\(SYS_VFORK\) forks without exec`
}

func Value() { // want Value:`forks: rawSyscall\(SYS_FORK\)`
	f := rawSyscall
	f(syscall.SYS_FORK, 0, 0, 0) // want `^rawSyscall\(SYS_FORK\) forks without exec`
}

// ForkExec is the fork-then-exec idiom through the alias: safe.
func ForkExec(path *byte, argv, envv []*byte) uintptr {
	pid, _, errno := rawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: the child execs
	if errno != 0 {
		return 0
	}
	if pid == 0 {
		rawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), uintptr(unsafe.Pointer(&argv[0])), uintptr(unsafe.Pointer(&envv[0])))
		rawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
	return pid
}

// SchedulerInChild execs through an alias of Syscall, which runs the
// scheduler's entersyscall in the child.
func SchedulerInChild(path *byte) { // want SchedulerInChild:`forks: rawSyscall\(SYS_FORK\)`
	pid, _, _ := rawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^rawSyscall\(SYS_FORK\) forks without exec`
	if pid == 0 {
		sysCall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
		rawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
}

func Getpid() uintptr {
	pid, _, _ := rawSyscall(syscall.SYS_GETPID, 0, 0, 0)  // ok: creates no process
	runtimeSyscall6(syscall.SYS_GETTID, 0, 0, 0, 0, 0, 0) // ok: creates no process
	return pid
}

//go:linkname nanotime runtime.nanotime
func nanotime() int64

func Now() int64 { return nanotime() } // ok: not an entry point that takes a number

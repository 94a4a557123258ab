package execchild // want package:"forks"

// The fork-then-exec idiom, which is safe, and children that run Go code.

import (
	"fmt"
	"syscall"
	"unsafe"
)

// forkExec is the idiom of the syscall package: the child makes only raw
// system calls and exits if execve fails.
func forkExec(path *byte, argv, envv []*byte) (int, error) {
	pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: the child execs
	if errno != 0 {
		return 0, errno
	}
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE,
			uintptr(unsafe.Pointer(path)),
			uintptr(unsafe.Pointer(&argv[0])),
			uintptr(unsafe.Pointer(&envv[0])))
		for {
			syscall.RawSyscall(syscall.SYS_EXIT, 127, 0, 0)
		}
	}
	return int(pid), nil
}

// namedResults forks into named results whose address the child takes, as
// syscall.forkAndExecInChild1 does (they live in memory, not in registers),
// and runs only len and an inlined leaf before it execs.
func namedResults(path *byte, args []uintptr) (pid uintptr, err1 syscall.Errno) {
	pid, _, err1 = syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // ok: the child execs
	if err1 != 0 || pid != 0 {
		return
	}
	if len(args) > 0 {
		syscall.RawSyscall(syscall.SYS_PRCTL, index(args[0]), 0, 0)
	}
	syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
	syscall.RawSyscall(syscall.SYS_WRITE, 2, uintptr(unsafe.Pointer(&err1)), unsafe.Sizeof(err1))
	for {
		syscall.RawSyscall(syscall.SYS_EXIT, 253, 0, 0)
	}
}

func index(c uintptr) uintptr { return c >> 5 }

// notLeaf is a call that the child must not make: it formats.
func notLeaf(path *byte) (pid uintptr, err1 syscall.Errno) { // want notLeaf:"forks"
	pid, _, err1 = syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // want `syscall.RawSyscall\(SYS_CLONE\) forks without exec`
	if err1 != 0 || pid != 0 {
		return
	}
	describe(uintptr(unsafe.Pointer(&err1)))
	syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
	for {
		syscall.RawSyscall(syscall.SYS_EXIT, 253, 0, 0)
	}
}

func describe(p uintptr) string { return fmt.Sprint(p) }

// forkExecCompound tests the pid and the error in one condition, as
// syscall.forkAndExecInChild1 does, and exits through syscall.Exit.
func forkExecCompound(path *byte) uintptr {
	r1, _, err1 := syscall.RawSyscall6(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0, 0, 0, 0) // ok: the child execs
	if err1 != 0 || r1 != 0 {
		return r1
	}
	syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
	syscall.Exit(127)
	return 0
}

// eitherClone forks with one of two calls and tests one pid, as the
// syscall package does with clone3 and clone.
func eitherClone(useVfork bool, path *byte) (uintptr, syscall.Errno) {
	var pid uintptr
	var err1 syscall.Errno
	if useVfork {
		pid, _, err1 = syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // ok: the child execs
	} else {
		pid, _, err1 = syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // ok: the child execs
	}
	if err1 != 0 || pid != 0 {
		return pid, err1
	}
	syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
	for {
		syscall.RawSyscall(syscall.SYS_EXIT_GROUP, 127, 0, 0)
	}
}

// childPrints runs Go code in the child.
func childPrints() { // want childPrints:`forks: syscall.RawSyscall\(SYS_FORK\)`
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid == 0 {
		fmt.Println("child")
		syscall.RawSyscall(syscall.SYS_EXIT, 0, 0, 0)
	}
}

// childReturns goes back into Go code in the child when exec fails.
func childReturns(path *byte) { // want childReturns:`forks: syscall.RawSyscall\(SYS_FORK\)`
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
	}
}

// bothExit never looks at the pid: parent and child make one raw system
// call and exit.
func bothExit() {
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: the child only exits
	syscall.RawSyscall(syscall.SYS_EXIT, 0, 0, 0)
}

// goWrapper calls a Go function in the child before it exits.
func goWrapper() { // want goWrapper:`forks: syscall.RawSyscall\(SYS_FORK\)`
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	syscall.Getpid()
	syscall.RawSyscall(syscall.SYS_EXIT, 0, 0, 0)
}

// allocates builds a string in the child.
func allocates(name string) { // want allocates:`forks: syscall.RawSyscall\(SYS_FORK\)`
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid != 0 {
		return
	}
	p := name + "\x00"
	syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(unsafe.StringData(p))), 0, 0)
	syscall.RawSyscall(syscall.SYS_EXIT_GROUP, 127, 0, 0)
}

// scheduledChild execs with Syscall, not RawSyscall: Syscall runs the
// scheduler's entersyscall and exitsyscall in the child, Go code that can
// take a runtime lock.
func scheduledChild(path *byte) { // want scheduledChild:"forks"
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid == 0 {
		syscall.Syscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
		syscall.RawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
}

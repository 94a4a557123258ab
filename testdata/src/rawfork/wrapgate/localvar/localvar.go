package localvar // want package:"forks"

// The only fork: a local variable that holds the number, passed to a
// wrapper of the package.

import "syscall"

func rawSyscall(nr, a1 uintptr) uintptr {
	r, _, _ := syscall.RawSyscall(nr, a1, 0, 0)
	return r
}

func detach() { // want detach:`forks: rawSyscall\(SYS_FORK\)`
	nr := uintptr(syscall.SYS_FORK)
	rawSyscall(nr, 0) // want `rawSyscall\(SYS_FORK\) forks without exec`
}

func getpid() uintptr {
	nr := uintptr(syscall.SYS_GETPID)
	return rawSyscall(nr, 0) // ok: creates no process
}

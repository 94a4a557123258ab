package returned // want package:"forks"

// The only fork: a function that returns the number, its result passed to
// a wrapper of the package.

import "golang.org/x/sys/unix"

func forkTrap() uintptr { return unix.SYS_FORK }

func rawSyscall(nr uintptr) uintptr {
	r, _, _ := unix.RawSyscall(nr, 0, 0, 0)
	return r
}

func detach() { // want detach:`forks: rawSyscall\(SYS_FORK\)`
	rawSyscall(forkTrap()) // want `rawSyscall\(SYS_FORK\) forks without exec`
}

package indirect // want package:"wraps system calls"

// An exported wrapper that reaches the system call through an unexported
// one, in a package where nothing forks: its fact is for its importers.

import "golang.org/x/sys/unix"

func raw(nr, a1 uintptr) uintptr {
	r, _, _ := unix.RawSyscall(nr, a1, 0, 0)
	return r
}

func Call(nr int) uintptr { // want Call:`passes parameter 0 as the number of unix.RawSyscall \(raw\)`
	return raw(uintptr(nr), 0)
}

func Getpid() uintptr { return raw(unix.SYS_GETPID, 0) } // ok: creates no process

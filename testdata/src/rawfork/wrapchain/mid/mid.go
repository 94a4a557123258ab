package mid // want package:"forks; wraps system calls"

// Package mid wraps lib's wrapper once more, and forks through it.

import (
	"syscall"

	"rawfork/wrapchain/lib"
)

// Sys passes its number on, converted.
func Sys(nr int, flags uintptr) uintptr { // want Sys:`passes parameter 0 as the number of unix.RawSyscall, parameter 1 as its flags \(raw\)`
	r, _, _ := lib.RawSyscall(uintptr(nr), flags, 0, 0)
	return r
}

func Fork() uintptr { // want Fork:`forks: lib.RawSyscall\(SYS_FORK\)`
	r, _, _ := lib.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `lib.RawSyscall\(SYS_FORK\) forks without exec`
	return r
}

func Pid() uintptr {
	r, _, _ := lib.Syscall(syscall.SYS_GETPID, 0, 0, 0) // ok: creates no process
	return r
}

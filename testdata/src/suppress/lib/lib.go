package lib // want package:"forks"

// A library whose audited forks are suppressed: its importers must not
// report them either. Its unsuppressed forks reach them as before.

import (
	"syscall"
	_ "unsafe"
)

// Spawn is audited: the suppression covers every caller.
func Spawn() { // ok: no fact, the fork is suppressed
	//forkcheck:ignore rawfork the child execs at once, in assembly
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: suppressed
}

// Detach is not.
func Detach() { // want Detach:`^forks: syscall.RawSyscall\(SYS_FORK\)$`
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec`
}

// SpawnTwice calls only audited code.
func SpawnTwice() { // ok: no fact
	Spawn()
	Spawn()
}

// Both calls audited code and a fork that is not: it forks through Detach.
func Both() { // want Both:`^forks: syscall.RawSyscall\(SYS_FORK\)$`
	Spawn()
	Detach()
}

// want +2 `^go:linkname to syscall.runtime_AfterFork reaches`
//
//go:linkname afterFork syscall.runtime_AfterFork
func afterFork() // want afterFork:`forks: go:linkname to syscall.runtime_AfterFork`

//forkcheck:ignore rawfork the runtime's hooks are called in the audited order
//go:linkname beforeFork syscall.runtime_BeforeFork
func beforeFork() // ok: no fact, the directive's finding is suppressed

// Hooks calls the suppressed internal only.
func Hooks() { // ok: no fact
	beforeFork()
}

// After calls the internal that is not suppressed.
func After() { // want After:`forks: go:linkname to syscall.runtime_AfterFork`
	afterFork()
}

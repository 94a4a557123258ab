package linkname // want package:"forks"

// go:linkname into the runtime's fork internals.

import (
	"syscall"
	_ "unsafe"
)

// want +2 `^go:linkname to syscall.runtime_BeforeFork reaches the runtime's fork internals to fork without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
//
//go:linkname beforeFork syscall.runtime_BeforeFork
func beforeFork() // want beforeFork:`^forks: go:linkname to syscall.runtime_BeforeFork$`

// want +2 `go:linkname to syscall.runtime_AfterForkInChild reaches`
//
//go:linkname afterForkInChild syscall.runtime_AfterForkInChild
func afterForkInChild() // want afterForkInChild:`forks: go:linkname to syscall.runtime_AfterForkInChild`

//go:linkname nanotime runtime.nanotime
func nanotime() int64 // ok: not a fork internal

func Fork() uintptr { // want Fork:`forks: go:linkname to syscall.runtime_BeforeFork`
	beforeFork()
	pid, _, _ := syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0)
	if pid == 0 {
		afterForkInChild()
	}
	return pid
}

func Now() int64 { return nanotime() }

// A push: the file implements the name, as the runtime implements
// syscall.runtime_BeforeFork. It provides the internal, and reaches
// nothing.
//
//go:linkname provideAfterFork syscall.runtime_AfterFork
func provideAfterFork() {}

package prunepaireduser // want package:"forks"

// Forks after the functions of prunepaired: held only where they leave a
// mutex locked.

import (
	"syscall"

	"forklock/prunepaired"
)

func afterGet(s *prunepaired.S) { // want afterGet:`forks: syscall.RawSyscall\(SYS_FORK\)`
	s.Get()
	s.Read()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func afterHoldAfter(s *prunepaired.S) { // want afterHoldAfter:`forks: syscall.RawSyscall\(SYS_FORK\)` afterHoldAfter:"locks s.mu"
	s.HoldAfter()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
}

func afterSwap(a, b *prunepaired.S) { // want afterSwap:`forks: syscall.RawSyscall\(SYS_FORK\)` afterSwap:`unlocks b.mu before it creates a process; locks a.mu`
	prunepaired.Swap(a, b)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while a.mu is locked: the child`
}

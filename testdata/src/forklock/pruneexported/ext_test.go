package pruneexported_test // want package:"forks; leaves mutexes locked or unlocked"

import (
	"syscall"
	"testing"

	"forklock/pruneexported"
)

func TestFork(t *testing.T) { // want TestFork:`forks: syscall.RawSyscall\(SYS_FORK\)` TestFork:"locks pruneexported.mu"
	pruneexported.TestFreeze(t)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while pruneexported.mu is locked: the child`
}

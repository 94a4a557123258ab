package pruneexporteduser // want package:"forks"

// Forks while a mutex is held through the exported functions and methods
// of pruneexported, whose lockFacts come from a partial SSA form.

import (
	"syscall"

	"forklock/pruneexported"
)

func acquired(p *pruneexported.Pool) { // want acquired:`forks: syscall.RawSyscall\(SYS_FORK\)`
	p.Acquire()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while p.mu is locked: the child`
	p.Release()
}

func released(p *pruneexported.Pool) { // want released:`forks: syscall.RawSyscall\(SYS_FORK\)`
	p.Acquire()
	p.Release()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func held() { // want held:`forks: syscall.RawSyscall\(SYS_FORK\)`
	c := pruneexported.Open()
	c.Hold()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while c.mu is locked: the child`
}

func frozen() { // want frozen:`forks: syscall.RawSyscall\(SYS_FORK\)` frozen:"locks pruneexported.mu"
	pruneexported.Freeze()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while pruneexported.mu is locked: the child`
}

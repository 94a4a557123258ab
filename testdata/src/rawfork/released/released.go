package released // want package:"forks"

// A called function that unlocks its caller's mutex: a fork after the
// call, or in the called function after the unlock, does not happen while
// the mutex is locked; one before the unlock does. The mutex may reach the
// called function as its receiver, a pointer parameter, a variable its
// literal captures or a package-level variable.

import (
	"sync"
	"syscall"
)

type server struct {
	mu sync.Mutex
	n  int
}

func (s *server) unlock() { s.mu.Unlock() } // want unlock:"unlocks s.mu"

func release(m *sync.Mutex) { m.Unlock() } // want release:"unlocks m"

func byPointer(s *server) { // want byPointer:"forks"
	s.mu.Lock()
	release(&s.mu)
	// Released by release.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func byMethodValue(s *server) { // want byMethodValue:"forks"
	s.mu.Lock()
	unlock := s.unlock
	unlock()
	// Released by the method value.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func byLiteral(s *server) { // want byLiteral:"forks"
	s.mu.Lock()
	func() { s.mu.Unlock() }()
	// Released by the literal, which captures s.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func byLiteralLocal() { // want byLiteralLocal:"forks"
	var m sync.Mutex
	m.Lock()
	func() { m.Unlock() }()
	// Released by the literal, which captures m.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func deferredLiteral(s *server) { // want deferredLiteral:"forks"
	s.mu.Lock()
	defer func() { s.mu.Unlock() }()
	// The deferred unlock runs at return.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
}

func deferredMethod(s *server) { // want deferredMethod:"forks"
	s.mu.Lock()
	defer s.unlock()
	// The deferred unlock runs at return.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
}

// The fork in the called function, after or before it unlocks.

func (s *server) unlockAndFork() { // want unlockAndFork:"unlocks s.mu" unlockAndFork:"forks"
	s.mu.Unlock()
	// No witness for the caller's s.mu: released above.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func (s *server) callsUnlockAndFork() { // want callsUnlockAndFork:"forks"
	s.mu.Lock()
	s.unlockAndFork()
}

func (s *server) forkThenUnlock() { // want forkThenUnlock:"unlocks s.mu" forkThenUnlock:"forks"
	// The caller's s.mu is still locked.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
	s.mu.Unlock()
}

func (s *server) callsForkThenUnlock() { // want callsForkThenUnlock:"forks"
	s.mu.Lock()
	s.forkThenUnlock()
}

func releaseThenFork(m *sync.Mutex) { // want releaseThenFork:"unlocks m" releaseThenFork:"forks"
	release(m)
	// The caller's mutex is m, released by release.
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
}

func callsReleaseThenFork(s *server) { // want callsReleaseThenFork:"forks"
	s.mu.Lock()
	releaseThenFork(&s.mu)
}

func (s *server) literalThenFork() { // want literalThenFork:"unlocks s.mu" literalThenFork:"forks"
	func() { s.mu.Unlock() }()
	// Released by the literal.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func (s *server) callsLiteralThenFork() { // want callsLiteralThenFork:"forks"
	s.mu.Lock()
	s.literalThenFork()
}

// Two calls down: the middle function releases, then calls the one that
// forks.
func (s *server) forkNow() { // want forkNow:"forks"
	// Bad only through callsForkNow, which holds s.mu.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
}

func (s *server) unlockThenForkNow() { // want unlockThenForkNow:"forks" unlockThenForkNow:"unlocks s.mu"
	s.unlock()
	s.forkNow()
}

func (s *server) callsUnlockThenForkNow() { // want callsUnlockThenForkNow:"forks"
	s.mu.Lock()
	s.unlockThenForkNow()
}

func (s *server) callsForkNow() { // want callsForkNow:"forks"
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forkNow()
}

// A package-level mutex.

var mu sync.Mutex

func unlockGlobalAndFork() { // want unlockGlobalAndFork:"forks" unlockGlobalAndFork:"unlocks mu"
	mu.Unlock()
	// Mu released above.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func callsUnlockGlobalAndFork() { // want callsUnlockGlobalAndFork:"forks"
	mu.Lock()
	unlockGlobalAndFork()
}

// Another mutex is still held: only the released one is dropped.

type pair struct{ a, b sync.Mutex }

func (p *pair) unlockAAndFork() { // want unlockAAndFork:"forks" unlockAAndFork:"unlocks p.a"
	p.a.Unlock()
	// P.b is still locked.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while p.b is locked: the child`
}

func (p *pair) callsUnlockAAndFork() { // want callsUnlockAAndFork:"forks"
	p.a.Lock()
	p.b.Lock()
	p.unlockAAndFork()
	p.b.Unlock()
}

// A receiver that a literal captures: the SSA form keeps it in a variable,
// and the summary still names it.

func (s *server) lockAndLog() { // want lockAndLog:"locks s.mu"
	s.mu.Lock()
	log := func() { println(s.n) }
	log()
}

func (s *server) callsLockAndLog() { // want callsLockAndLog:"forks" callsLockAndLog:"locks s.mu"
	s.lockAndLog()
	// S.mu left locked by lockAndLog.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
}

// A release on some paths only: the mutex may be released before the
// fork, so it is no witness (no false witness; see the limits).

func (s *server) maybeUnlockAndFork(v bool) { // want maybeUnlockAndFork:"unlocks s.mu" maybeUnlockAndFork:"forks"
	if v {
		s.mu.Unlock()
	}
	// No witness for the caller's s.mu: maybe released.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func (s *server) callsMaybeUnlockAndFork() { // want callsMaybeUnlockAndFork:"forks"
	s.mu.Lock()
	s.maybeUnlockAndFork(true)
}

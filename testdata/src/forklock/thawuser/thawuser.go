package thawuser // want package:"forks; starts processes"

// What a function of another package releases before it starts a process
// or forks is not held there; what it releases after is.

import (
	"syscall"

	"forklock/thawlib"
	"forklock/thawmid"
)

func thawAndRun() { // want thawAndRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	thawlib.ThawAndRun() // ok: ForkLock is released before the start
}

func runAndThaw() { // want runAndThaw:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	// The start comes first.
	thawlib.RunAndThaw() // want `^call of thawlib.RunAndThaw starts a process while syscall.ForkLock is held: it deadlocks`
}

func maybeThawAndRun() { // want maybeThawAndRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	thawlib.MaybeThawAndRun(true) // ok: maybe released first (no false report)
}

func thawThenRun() { // want thawThenRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	thawlib.ThawThenRun() // ok: released by Thaw before run starts
}

func releaseAndRun() { // want releaseAndRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.RLock()
	thawlib.ReleaseAndRun(&syscall.ForkLock) // ok: the parameter is ForkLock, released first
}

func unlockAndFork(s *thawlib.Server) { // want unlockAndFork:"forks"
	s.Lock()
	// No witness: s.mu is released before the fork.
	s.UnlockAndFork() // want `^call of \(\*thawlib.Server\).UnlockAndFork forks without exec: the child`
}

func forkAndUnlock(s *thawlib.Server) { // want forkAndUnlock:"forks"
	s.Lock()
	// s.mu is still locked at the fork.
	s.ForkAndUnlock() // want `^call of \(\*thawlib.Server\).ForkAndUnlock forks without exec while s.mu is locked: the child`
}

func otherHeld(s, t *thawlib.Server) { // want otherHeld:"forks" otherHeld:"locks t.mu"
	s.Lock()
	t.Lock()
	// t.mu is still locked.
	s.UnlockAndFork() // want `^call of \(\*thawlib.Server\).UnlockAndFork forks without exec while t.mu is locked: the child`
}

func wrapped() { // want wrapped:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	thawmid.Wrap() // ok: released first, two packages away
}

func wrappedLate() { // want wrappedLate:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	// The start comes first, two packages away.
	thawmid.WrapLate() // want `^call of thawmid.WrapLate starts a process while syscall.ForkLock is held: it deadlocks`
}

// Method values of another package's type: the receiver is bound in the
// value, and the fact applies to it.

func boundLock(s *thawlib.Server) { // want boundLock:`locks s\.mu` boundLock:"forks"
	lock := s.Lock
	lock()
	// s.mu is locked by the method value.
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
}

func boundUnlockAndFork(s *thawlib.Server) { // want boundUnlockAndFork:"forks"
	s.Lock()
	unlockAndFork := s.UnlockAndFork
	// No witness: s.mu is released before the fork.
	unlockAndFork() // want `^call of \(\*thawlib.Server\).UnlockAndFork forks without exec: the child`
}

func returnedLock(s *thawlib.Server) { // want returnedLock:"forks"
	s.Locker()()
	// No witness: a lock returned as a function value is not followed (see the limits).
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
}

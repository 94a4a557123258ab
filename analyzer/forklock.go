package analyzer

import (
	"strings"

	"golang.org/x/tools/go/ssa"
)

// The forklock check: a process started while syscall.ForkLock is held.
// Starting a process takes ForkLock for writing, so it deadlocks.

// isForkLock reports whether a lock witness is an acquisition of
// syscall.ForkLock, for reading or writing.
func isForkLock(l related) bool {
	return strings.HasPrefix(l.key, "global syscall.ForkLock/")
}

// checkForkLock reports call if it starts a process while syscall.ForkLock
// is held.
func (s *ssaPass) checkForkLock(call ssa.CallInstruction) {
	if !s.refs().forkLock && !s.refs().forkLockFact {
		return // nothing can hold it: no use of it, no call of a function that leaves it held
	}
	if !s.startsTakeForkLock() {
		return // windows, plan9: starting a process does not take ForkLock
	}
	what := s.startName(call)
	if what == "" {
		return // not a process start
	}
	var held []related
	for _, l := range s.witnessesAt(call.Parent(), call).locks {
		if isForkLock(l) {
			held = append(held, s.lockRelated(l))
		}
	}
	if len(held) == 0 {
		return
	}
	pos, end := s.calleeRange(call.Common().Pos())
	s.diag("forklock", pos, end, what+" starts a process while syscall.ForkLock is held: it deadlocks, as starting a process locks ForkLock for writing", held)
}

// startsTakeForkLock reports whether starting a process on the target
// platform takes syscall.ForkLock (platform.go), computed once.
func (s *ssaPass) startsTakeForkLock() bool {
	if s.forkLockTaken == nil {
		sp := syscallPackage(s.pass.Pkg)
		taken := sp == nil || takesForkLock(sp)
		s.forkLockTaken = &taken
	}
	return *s.forkLockTaken
}

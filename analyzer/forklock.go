package analyzer

import (
	"strings"

	"golang.org/x/tools/go/ssa"
)

// isForkLock reports whether a lock witness is an acquisition of
// syscall.ForkLock, for reading or writing.
func isForkLock(l related) bool {
	return strings.HasPrefix(l.key, "global syscall.ForkLock/")
}

// checkForkLock reports call if it starts a process while syscall.ForkLock
// is held: starting a process takes ForkLock for writing, so it deadlocks.
func (c *checker) checkForkLock(call ssa.CallInstruction) {
	if !c.refs().forkLock {
		return // nothing can hold it
	}
	what := c.startName(call)
	if what == "" {
		return // not a process start
	}
	var held []related
	for _, l := range c.witnessesAt(call.Parent(), call).locks {
		if isForkLock(l) {
			held = append(held, c.lockRelated(l))
		}
	}
	if len(held) == 0 {
		return
	}
	pos, end := c.calleeRange(call.Common().Pos())
	c.diag("forklock", pos, end, what+" starts a process while syscall.ForkLock is held: it deadlocks, as starting a process locks ForkLock for writing", held)
}

package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// strict is the -strict flag: also report, for audit, every process start
// (the safe ones included) reachable after a goroutine start or while a
// mutex is held.
var strict bool

func init() {
	Analyzer.Flags.BoolVar(&strict, "strict", false,
		"also report, for audit, every process start (safe ones included) reachable after a goroutine start or while a mutex is held")
}

// checkStrict reports, in strict mode, call if it starts a process (or
// forks and execs in the child) after a goroutine is started or while a
// mutex is held.
func (c *checker) checkStrict(call ssa.CallInstruction, forkExec string) {
	if !strict {
		return
	}
	what := forkExec + " forks and execs in the child"
	if forkExec == "" {
		what = c.startName(call)
		if what == "" {
			return // not a process start
		}
		what += " starts a process"
	}
	w := c.witnessesAt(call.Parent(), call)
	w.addGoroutine(c.initWitness(call.Parent()))
	if w.phrase() == "" {
		return // nothing makes it worth an audit
	}
	pos, end := c.calleeRange(call.Common().Pos())
	c.diag("strict", pos, end, what+w.phrase()+" (reported for audit in strict mode)", c.witnessRelated(w))
}

// startName returns how a message names the process start that call is:
// "(*exec.Cmd).Run", or "call of lib.Run" for a function of another package
// with a spawnFact; "" if it is none.
func (c *checker) startName(call ssa.CallInstruction) string {
	for _, callee := range calleesOf(call.Common()) {
		obj, ok := callee.Object().(*types.Func)
		if !ok || c.processStart(obj) == "" {
			continue // not a process start
		}
		if processStarters[obj.Origin().FullName()] {
			return qualifiedName(obj)
		}
		return "call of " + qualifiedName(obj)
	}
	return ""
}

package analyzer

import (
	"golang.org/x/tools/go/ssa"
)

// The strict check, off by default: for audit, every process start (the
// safe ones included, and the fork-then-exec idiom that rawfork exempts)
// reachable after a goroutine start or while a mutex is held.

// strict is the -strict flag.
var strict bool

func init() {
	Analyzer.Flags.BoolVar(&strict, "strict", false,
		"also report, for audit, every process start (safe ones included) reachable after a goroutine start or while a mutex is held")
}

// checkStrict reports, in strict mode, call if it starts a process, or
// forks and execs in the child, after a goroutine is started or while a
// mutex is held.
func (s *ssaPass) checkStrict(call ssa.CallInstruction) {
	if !strict {
		return
	}
	var what string
	if name := s.forkTrap(call.Common()); name != "" {
		plain, ok := call.(*ssa.Call)
		if !ok || !s.execsInChild(plain) {
			return // a fork without exec: rawfork's
		}
		what = name + " forks and execs in the child"
	} else if what = s.startName(call); what != "" {
		what += " starts a process"
	} else {
		return // neither
	}
	w := s.witnessesAt(call.Parent(), call)
	w.addGoroutine(s.initWitness(call.Parent()))
	if w.phrase() == "" {
		return // nothing makes it worth an audit
	}
	pos, end := s.calleeRange(call.Common().Pos())
	s.diag("strict", pos, end, what+w.phrase()+" (reported for audit in strict mode)", s.witnessRelated(w))
}

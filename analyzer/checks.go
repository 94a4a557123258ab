package analyzer

import (
	"maps"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A check is one row of the registry: a category of findings, the gate
// that says when it needs SSA, the hooks the pass runs, and the facts it
// exports. Everything that lists the checks (Categories, the SSA gate, the
// dispatch in run and ssaPass.run, FactTypes, the names DependencyMatters
// scans for) is derived from the registry, so that a check cannot be
// half-registered.
//
// The pass runs, for each package: every syntax hook; then, if some gate
// is open, the SSA phase (every call hook on each call of the package's
// functions in blocks that may run, in source order, then every ssa hook);
// then every report hook. A hook that reports builds each diagnostic once
// with checker.diag; report sorts and sends them.
type check struct {
	category string

	// needsSSA reports whether the package may hold a finding of the check
	// that needs SSA; nil if the check never does.
	needsSSA func(c *checker) bool

	syntax func(c *checker)                           // before the SSA phase
	call   func(s *ssaPass, call ssa.CallInstruction) // each call of the SSA phase
	ssa    func(s *ssaPass)                           // the SSA phase, after the calls
	report func(c *checker)                           // after the SSA phase, run or not

	// facts are the object facts the check exports for functions of the
	// package, for importers to report what calls them.
	facts []analysis.Fact

	// factSources are the names of the objects of the standard library
	// (and of the functions cgo declares) whose use can give a package one
	// of facts: DependencyMatters scans a dependency's tokens for them.
	factSources []string

	// syscallFacts says that the check's facts arise only in a package
	// that imports a system call package (or calls a function of another
	// package that carries one, whose name DependencyMatters is given),
	// which DependencyMatters always loads: it needs no factSources.
	syscallFacts bool
}

// checks is the registry, in the order the user guide teaches the checks.
var checks = []check{
	{
		category:    "rawfork",
		needsSSA:    (*checker).mayFork,
		syntax:      func(c *checker) { c.links, c.aliases = forkLinknames(c.pass), trapAliases(c.pass) },
		call:        (*ssaPass).checkFork,
		ssa:         (*ssaPass).exportForkFacts,
		facts:       []analysis.Fact{(*forkFact)(nil), (*trapWrapFact)(nil)},
		factSources: cgoForkNames(),
	},
	{
		category:    "forklock",
		needsSSA:    func(c *checker) bool { return c.refs().forkLock || c.leavesLocks() },
		call:        (*ssaPass).checkForkLock,
		ssa:         (*ssaPass).exportLockFacts, // what importers need to see ForkLock left held
		facts:       []analysis.Fact{(*lockFact)(nil)},
		factSources: []string{"ForkLock"},
	},
	{
		category: "cloexec",
		needsSSA: (*checker).cloexecNeedsSSA, // pending flags, the ForkLock exemption
		syntax:   func(c *checker) { c.leaks = c.findLeaks(); c.exportFlagWrapperFacts() },
		ssa:      (*ssaPass).resolveLeaks,
		report:   (*checker).reportLeaks,
		facts:    []analysis.Fact{(*flagWrapperFact)(nil)},

		syscallFacts: true, // a creator is of syscall or golang.org/x/sys/unix
	},
	{
		category:    "threadattr",
		needsSSA:    (*checker).threadAttrNeedsSSA,
		ssa:         (*ssaPass).checkAllThreadAttrs,
		facts:       []analysis.Fact{(*threadAttrFact)(nil), (*exitFact)(nil)},
		factSources: append(mapKeys(std.ThreadFields), "UnlockOSThread"), // LockOSThread is shared
	},
	{
		category:    "threadstate",
		needsSSA:    (*checker).mayChangeThreadState,
		ssa:         (*ssaPass).checkThreadStates,
		facts:       []analysis.Fact{(*threadSwitchFact)(nil), (*switchedCallFact)(nil), (*threadBoundFact)(nil)},
		factSources: mapKeys(std.NamespaceSwitchers),
	},
	{
		category: "strict",
		needsSSA: func(c *checker) bool { return strict && c.refs().processStart },
		call:     (*ssaPass).checkStrict,
	},
}

// sharedFacts are the facts of the analyses that several checks share:
// process starts (starts.go), thread ends (threadend.go), goroutine starts
// (goroutines.go) and the package fact that gates them all.
var sharedFacts = []analysis.Fact{(*spawnFact)(nil), (*threadEndFact)(nil), (*goroutineFact)(nil), (*packageFact)(nil)}

// sharedFactSources are the names whose use gives a package a shared fact.
func sharedFactSources() []string {
	names := []string{"LockOSThread"}
	for full := range std.ProcessStarters {
		names = append(names, full[strings.LastIndex(full, ".")+1:])
	}
	for full := range std.GoroutineStarters {
		names = append(names, full[strings.LastIndex(full, ".")+1:])
	}
	return names
}

// Categories are the categories of forkcheck's findings, in the order the
// user guide teaches them.
var Categories = func() []string {
	var names []string
	for _, ch := range checks {
		names = append(names, ch.category)
	}
	return names
}()

// factTypes returns the fact types of every check, then the shared ones.
func factTypes() []analysis.Fact {
	var facts []analysis.Fact
	for _, ch := range checks {
		facts = append(facts, ch.facts...)
	}
	return append(facts, sharedFacts...)
}

// factSourceNames are the names whose use can give a package a fact of its
// own, from the registry.
var factSourceNames = func() map[string]bool {
	names := make(map[string]bool)
	for _, name := range sharedFactSources() {
		names[name] = true
	}
	for _, ch := range checks {
		for _, name := range ch.factSources {
			names[name] = true
		}
	}
	return names
}()

func mapKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// run runs the SSA phase: the call hooks on every call in a block that may
// run, in source order, then the ssa hooks.
func (s *ssaPass) run() {
	defer s.forgetFuncVars()
	for _, fn := range s.fns {
		for _, b := range fn.Blocks {
			if !s.mayRun(b) {
				continue // a branch the target platform never takes
			}
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue // not a call
				}
				for _, ch := range checks {
					if ch.call != nil {
						ch.call(s, call)
					}
				}
			}
		}
	}
	for _, ch := range checks {
		if ch.ssa != nil {
			ch.ssa(s)
		}
	}
}

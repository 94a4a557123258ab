package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// analyze runs the checks that need SSA: it finds the forks of the package,
// reports each with its witnesses, and exports a forkFact for every function
// of the package that may fork; it runs forklock, threadattr, strict mode
// and the ForkLock exemption of cloexec. It reports whether any function
// got a forkFact, and whether any got a threadAttrFact.
func (c *checker) analyze(pkg *ssa.Package) (forks, threadAttrs bool) {
	fns := sourceFunctions(c.pass, pkg)
	c.fns = fns
	c.live = make(map[*ssa.Function][]bool)
	c.executors = make(map[*types.Var]bool)
	c.callers = callSites(fns, c.isLive)
	c.entry = make(map[*ssa.Function]witnesses)
	c.held = make(map[*ssa.Function][]heldSet)
	c.after = make(map[*ssa.Function]bool)

	summary := c.checkLinknames(pkg)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			if !c.isLive(b) {
				continue // a branch the target platform never takes
			}
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue // not a call
				}
				if f := c.checkCall(call); f != nil && summary[fn] == nil {
					summary[fn] = f
				}
				c.checkForkLock(call)
				c.checkStrict(call, "")
			}
		}
	}
	propagate(fns, summary, c.isLive)
	c.exemptLeaks(fns)
	return c.exportForkFacts(fns, summary), c.checkAllThreadAttrs(fns)
}

// checkCall reports call if it forks: a raw system call that creates a
// process (unless the child only execs), a cgo fork, or a call of a function
// of another package that carries a forkFact. It returns the fact that the
// calling function inherits, or nil.
func (c *checker) checkCall(call ssa.CallInstruction) *forkFact {
	if name := c.forkTrap(call.Common()); name != "" {
		if plain, ok := call.(*ssa.Call); ok && c.execsInChild(plain) {
			c.checkStrict(call, name)
			return nil // fork then exec: the child runs no Go code
		}
		f := c.reportFork(call, name, nil)
		c.diags[len(c.diags)-1].SuggestedFixes = c.daemonizeFix(call.Common().Pos())
		return f
	}
	for _, callee := range calleesOf(call.Common()) {
		obj, ok := callee.Object().(*types.Func)
		if !ok {
			continue // a function literal or a wrapper
		}
		if name := cgoName(obj); cgoForks[name] {
			return c.reportFork(call, "C."+name, nil)
		}
		if f := c.importedForkFact(obj); f != nil {
			c.reportFork(call, "call of "+qualifiedName(obj), f)
			return f.through(qualifiedName(obj))
		}
	}
	return nil
}

// forkTrap returns how call names a raw system call that creates a
// process, as in "syscall.RawSyscall(SYS_FORK)", or "" if it is none. A clone
// whose constant flags make a thread is no fork.
func (c *checker) forkTrap(call *ssa.CallCommon) string {
	for _, fn := range calleesOf(call) {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !isTrapFunc(obj) || len(call.Args) == 0 {
			continue // not a system call
		}
		t := c.trapTable(obj.Pkg())
		traps, _ := intValues(call.Args[0])
		for _, n := range traps {
			if name, ok := t.forks[n]; ok && !(n == t.clone && makesThread(call, t)) {
				return obj.Pkg().Name() + "." + obj.Name() + "(" + name + ")"
			}
		}
	}
	return ""
}

// makesThread reports whether the constant flags of a clone call include
// CLONE_VM and CLONE_THREAD: the new task shares the process, as a thread.
func makesThread(call *ssa.CallCommon, t *trapTable) bool {
	if t.thread == 0 || len(call.Args) < 2 {
		return false
	}
	flags, ok := intValues(call.Args[1])
	if !ok || len(flags) == 0 {
		return false
	}
	for _, f := range flags {
		if f&t.thread != t.thread {
			return false
		}
	}
	return true
}

// checkLinknames reports the package's go:linkname directives into fork
// internals and returns the initial summary: each local function so bound
// forks through its directive.
func (c *checker) checkLinknames(pkg *ssa.Package) map[*ssa.Function]*forkFact {
	summary := make(map[*ssa.Function]*forkFact)
	for _, link := range c.links {
		c.reportLinkname(link)
		obj, ok := c.pass.Pkg.Scope().Lookup(link.local).(*types.Func)
		if !ok {
			continue // a variable, or a name declared elsewhere
		}
		if fn := pkg.Prog.FuncValue(obj); fn != nil {
			summary[fn] = &forkFact{Primitive: "go:linkname to " + link.target, Pos: positionOf(c.pass.Fset, link.pos)}
		}
	}
	return summary
}

// propagate gives each function without a summary the summary of a
// function of the package that it calls, starts or makes as a closure,
// until nothing changes.
func propagate(fns []*ssa.Function, summary map[*ssa.Function]*forkFact, live func(*ssa.BasicBlock) bool) {
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if summary[fn] != nil {
				continue
			}
			if f := calleeSummary(fn, summary, live); f != nil {
				summary[fn] = f
				changed = true
			}
		}
	}
}

// calleeSummary returns the summary of the first function of the package
// that fn calls, starts or makes as a closure in a live block and that has
// one.
func calleeSummary(fn *ssa.Function, summary map[*ssa.Function]*forkFact, live func(*ssa.BasicBlock) bool) *forkFact {
	for _, b := range fn.Blocks {
		if !live(b) {
			continue
		}
		for _, instr := range b.Instrs {
			for _, callee := range referencedFunctions(instr) {
				if f := summary[sourceOf(callee)]; f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// referencedFunctions returns the functions that instr calls, starts,
// defers or makes as a closure.
func referencedFunctions(instr ssa.Instruction) []*ssa.Function {
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		return calleesOf(instr.Common())
	case *ssa.MakeClosure:
		return []*ssa.Function{instr.Fn.(*ssa.Function)}
	}
	return nil
}

// exportForkFacts exports the summary of each declared function of the
// package and reports whether there was any.
func (c *checker) exportForkFacts(fns []*ssa.Function, summary map[*ssa.Function]*forkFact) bool {
	any := false
	for _, fn := range fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || summary[fn] == nil || obj.Name() == "init" {
			continue // a literal, an init function, or no fork
		}
		c.pass.ExportObjectFact(obj, summary[fn])
		any = true
	}
	return any
}

package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// sourceFunctions returns the package initializer, the functions and
// methods declared in the package and all their function literals, in
// source order.
func sourceFunctions(pass *analysis.Pass, pkg *ssa.Package) []*ssa.Function {
	var fns []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		fns = append(fns, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	add(pkg.Func("init"))
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue // not a function
			}
			obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue // no object, as for a function named _
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	return fns
}

// callSites returns, for each function of fns, the instructions of fns,
// in live blocks, that call, start or defer it. A function literal that nothing calls
// directly (it is passed or stored) has the instruction that makes it
// instead: it can run only after that.
func callSites(fns []*ssa.Function, live func(*ssa.BasicBlock) bool) map[*ssa.Function][]ssa.Instruction {
	sites := make(map[*ssa.Function][]ssa.Instruction)
	made := make(map[*ssa.Function]ssa.Instruction)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			if !live(b) {
				continue
			}
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case ssa.CallInstruction:
					for _, callee := range calleesOf(instr.Common()) {
						if sourceOf(callee).Pkg == fn.Pkg {
							sites[sourceOf(callee)] = append(sites[sourceOf(callee)], instr)
						}
					}
				case *ssa.MakeClosure:
					made[instr.Fn.(*ssa.Function)] = instr
				}
			}
		}
	}
	for fn, instr := range made {
		if len(sites[fn]) == 0 {
			sites[fn] = []ssa.Instruction{instr}
		}
	}
	return sites
}

// sourceOf returns the generic function that fn instantiates, or fn.
func sourceOf(fn *ssa.Function) *ssa.Function {
	if origin := fn.Origin(); origin != nil {
		return origin
	}
	return fn
}

// runsAfterInit reports whether fn may run after the package has
// initialized: it is not part of the initialization, and some chain of
// callers in the package leads to it from a function that nothing in the
// package calls (main, an exported function, a method called through an
// interface).
func (c *checker) runsAfterInit(fn *ssa.Function) bool {
	if after, ok := c.after[fn]; ok {
		return after
	}
	c.after[fn] = false // breaks cycles
	after := false
	if !isInitFunc(fn) {
		sites := c.callers[fn]
		after = len(sites) == 0
		for _, site := range sites {
			after = after || c.runsAfterInit(site.Parent())
		}
	}
	c.after[fn] = after
	return after
}

// isInitFunc reports whether fn is the package initializer or an init
// function.
func isInitFunc(fn *ssa.Function) bool {
	if fn.Synthetic == "package initializer" {
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Name() == "init" && obj.Signature().Recv() == nil
}

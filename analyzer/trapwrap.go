package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// rawfork's system call numbers that arrive as values: a function that
// passes one of its parameters as the number of a system call entry point
// (func rawSyscall(nr, a1 uintptr) { syscall.RawSyscall(nr, a1, 0, 0) },
// as gVisor and cilium/ebpf wrap theirs) makes the system call that its
// caller names, and a number may be held by a package-level variable or
// returned by a function of the package.

// A trapWrapFact marks a function that passes one of its parameters as the
// number of a system call entry point, directly or through other such
// functions: a call of it with a number that creates a process forks.
type trapWrapFact struct {
	Entry   string    // the entry point at the bottom, as messages name it: "syscall.RawSyscall"
	Numbers string    // the path of the system call package whose numbers it takes
	Trap    int       // the index of the parameter that is the number, a receiver first
	Flags   int       // the index of the parameter that becomes the entry point's second argument (clone's flags), or -1
	Thread  bool      // that argument is constant flags that make a thread
	Raw     bool      // the function makes the raw system call and runs no other Go code: safe in a forked child
	Pos     sourcePos // the call of the entry point
}

func (*trapWrapFact) AFact() {}

func (f *trapWrapFact) String() string {
	s := fmt.Sprintf("passes parameter %d as the number of %s", f.Trap, f.Entry)
	if f.Flags >= 0 {
		s += fmt.Sprintf(", parameter %d as its flags", f.Flags)
	}
	if f.Thread {
		s += ", with thread flags"
	}
	if f.Raw {
		s += " (raw)"
	}
	return s
}

// importedTrapWrap returns the trapWrapFact of fn, a function of another
// package, or nil.
func (c *checker) importedTrapWrap(fn *types.Func) *trapWrapFact {
	return importedFact[trapWrapFact](c, fn, func(pf *packageFact) bool { return pf.WrapsTraps })
}

// trapWrappers returns the functions of the package that pass a parameter
// as a system call number, found once: a function that passes one to an
// entry point, or to a function already found, is one, until nothing
// changes (wrappers of wrappers). The system call packages are none: their
// entry points are known by isTrapFunc.
func (s *ssaPass) trapWrappers() map[*ssa.Function]*trapWrapFact {
	if s.wrappers != nil {
		return s.wrappers
	}
	s.wrappers = make(map[*ssa.Function]*trapWrapFact)
	if std.IsSyscallPackage(s.pass.Pkg.Path()) {
		return s.wrappers
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range s.fns {
			if s.wrappers[fn] != nil || len(fn.Params) == 0 {
				continue // found, or nothing to pass
			}
			if w := s.findTrapWrap(fn); w != nil {
				s.wrappers[fn] = w
				changed = true
			}
		}
	}
	return s.wrappers
}

// findTrapWrap returns the fact of fn if a call in fn, in a block that may
// run, passes a parameter of fn as the number of a system call.
func (s *ssaPass) findTrapWrap(fn *ssa.Function) *trapWrapFact {
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue // not a call
			}
			inner, args := s.trapTaker(call)
			if inner == nil || inner.Trap >= len(args) {
				continue // takes no system call number
			}
			trap := slices.Index(fn.Params, code.ParamOf(fn, code.Unconvert(args[inner.Trap])))
			if trap < 0 {
				continue // the number is not a parameter
			}
			w := *inner
			w.Trap = trap
			if inner.Flags >= 0 {
				w.Flags, w.Thread = s.passedFlags(fn, inner, args)
			}
			w.Raw = inner.Raw && s.onlyMakes(fn, call)
			return &w
		}
	}
	return nil
}

// passedFlags returns which parameter of fn becomes the flags of the
// system call that inner, called with args, makes, or -1, and whether the
// flags fn passes itself make a thread.
func (s *ssaPass) passedFlags(fn *ssa.Function, inner *trapWrapFact, args []ssa.Value) (param int, thread bool) {
	if inner.Flags >= len(args) {
		return -1, false
	}
	if p := code.ParamOf(fn, code.Unconvert(args[inner.Flags])); p != nil {
		return slices.Index(fn.Params, p), false
	}
	pkg := s.numbersOf(inner.Numbers)
	return -1, pkg != nil && makesThread(args[inner.Flags], s.trapTable(pkg))
}

// trapTaker returns what call calls as a function that takes a system call
// number, with the arguments it passes (a method value's receiver first):
// an entry point (the number first, clone's flags second), a wrapper of the
// package, or a function of another package with a trapWrapFact; nil if it
// calls none.
func (s *ssaPass) trapTaker(call ssa.CallInstruction) (*trapWrapFact, []ssa.Value) {
	for _, t := range code.Targets(call.Common()) {
		obj, ok := t.Fn.Object().(*types.Func)
		if !ok {
			continue // a function literal
		}
		if entry, ok := s.trapEntryOf(obj); ok && entry.pkg != nil {
			pos, _ := s.calleeRange(call.Common().Pos())
			return &trapWrapFact{Entry: entry.name, Numbers: entry.pkg.Path(), Flags: 1, Raw: entry.raw, Pos: positionOf(s.pass.Fset, pos)}, t.Args
		}
		if w := s.wrappers[code.SourceOf(t.Fn)]; w != nil {
			return w, t.Args
		}
		if w := s.importedTrapWrap(obj); w != nil {
			return w, t.Args
		}
	}
	return nil, nil
}

// onlyMakes reports whether call is the only thing fn does that is not
// inert: a forked child that calls fn runs no other Go code.
func (s *ssaPass) onlyMakes(fn *ssa.Function, call ssa.CallInstruction) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr.(type) {
			case *ssa.Return, *ssa.If:
				continue
			}
			if instr != call && !code.IsInert(instr) {
				return false
			}
		}
	}
	return true
}

// wrapperCalled returns the wrapper that call calls, how messages name it
// ("rawSyscall" in its package, "lib.RawSyscall" in others), and the
// arguments it passes (a method value's receiver first); nil if it calls
// none.
func (s *ssaPass) wrapperCalled(call *ssa.CallCommon) (*trapWrapFact, string, []ssa.Value) {
	for _, t := range code.Targets(call) {
		obj, ok := t.Fn.Object().(*types.Func)
		if !ok {
			continue // a function literal
		}
		if w := s.trapWrappers()[code.SourceOf(t.Fn)]; w != nil {
			return w, strings.Replace(code.QualifiedName(obj), obj.Pkg().Name()+".", "", 1), t.Args
		}
		if w := s.importedTrapWrap(obj); w != nil {
			return w, code.QualifiedName(obj), t.Args
		}
	}
	return nil, "", nil
}

// wrappedForkEntry returns how call, a call of a wrapper, names a system
// call that creates a process ("rawSyscall(SYS_FORK)"), and the wrapper as
// an entry point; "" if the number it passes creates none. A clone whose
// flags, passed or the wrapper's own, make a thread is no fork; a clone3
// through a wrapper is one, its arguments unseen.
func (s *ssaPass) wrappedForkEntry(call *ssa.CallCommon) (string, trapEntry) {
	w, name, args := s.wrapperCalled(call)
	if w == nil || w.Trap >= len(args) {
		return "", trapEntry{}
	}
	pkg := s.numbersOf(w.Numbers)
	if pkg == nil {
		return "", trapEntry{} // no numbers to read
	}
	t := s.trapTable(pkg)
	traps, _ := s.trapValues(args[w.Trap])
	for _, n := range traps {
		fork, ok := t.forks[n]
		if ok && !(n == t.clone && (w.Thread || w.Flags >= 0 && w.Flags < len(args) && makesThread(args[w.Flags], t))) {
			return name + "(" + fork + ")", trapEntry{pkg: pkg, name: name, raw: w.Raw, wrapped: s.factPos(w.Pos), target: w.Entry}
		}
	}
	return "", trapEntry{}
}

// wrappedExit reports whether call calls a raw wrapper, safe in a forked
// child, and whether the number it passes exits the process.
func (s *ssaPass) wrappedExit(call *ssa.CallCommon) (exits, raw bool) {
	w, _, args := s.wrapperCalled(call)
	if w == nil || !w.Raw || w.Trap >= len(args) {
		return false, false
	}
	pkg := s.numbersOf(w.Numbers)
	if pkg == nil {
		return false, false
	}
	traps, _ := s.trapValues(args[w.Trap])
	return slices.ContainsFunc(traps, func(n int64) bool { return s.trapTable(pkg).exits[n] }), true
}

// numbersOf returns the system call package at path as the package sees
// it, directly or not, or the one whose numbers stand for it
// (numbersPackage); memoized by path.
func (c *checker) numbersOf(path string) *types.Package {
	if pkg, ok := c.numbers[path]; ok {
		return pkg
	}
	if c.numbers == nil {
		c.numbers = make(map[string]*types.Package)
	}
	pkg := numbersPackage(c.pass.Pkg, path)
	c.numbers[path] = pkg
	return pkg
}

// exportTrapWrapFacts exports the fact of each exported function of the
// package that passes a parameter as a system call number: other packages
// call it with their numbers.
func (s *ssaPass) exportTrapWrapFacts() {
	for _, fn := range s.fns { // in source order
		w := s.trapWrappers()[fn]
		obj, ok := fn.Object().(*types.Func)
		if w == nil || !ok || !obj.Exported() {
			continue // no wrapper, a literal, or not callable from other packages
		}
		s.pass.ExportObjectFact(obj, w)
		s.exports.WrapsTraps = true
	}
}

// exportsTrapWrapper reports, from the syntax, whether an exported
// function of the package may pass an integer parameter as a system call
// number: as the first argument of an entry point, as an argument of a
// function of another package with a trapWrapFact, or as an argument of a
// function of the package that does, until nothing changes. Such a
// function's fact is for other packages: the SSA phase must export it even
// where nothing forks.
func (c *checker) exportsTrapWrapper() bool {
	wraps := make(map[*types.Func]bool)
	var edges [][2]*types.Func // a function passes a parameter to another of the package
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue // not a function with a body
			}
			if from, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				edges = append(edges, c.passedParams(from, fd.Body, wraps)...)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			if wraps[e[1]] && !wraps[e[0]] {
				wraps[e[0]], changed = true, true
			}
		}
	}
	return slices.ContainsFunc(slices.Collect(maps.Keys(wraps)), (*types.Func).Exported)
}

// passedParams records in wraps that from passes an integer parameter to
// an entry point as its number or to a function of another package with a
// trapWrapFact, and returns the functions of the package it passes one to.
func (c *checker) passedParams(from *types.Func, body *ast.BlockStmt, wraps map[*types.Func]bool) [][2]*types.Func {
	info := c.pass.TypesInfo
	var edges [][2]*types.Func
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true // not a call
		}
		to := typeutil.StaticCallee(info, call)
		for i, arg := range call.Args {
			v, ok := info.Uses[unconverted(info, arg)].(*types.Var)
			if to == nil || !ok || v.Kind() != types.ParamVar || !isInteger(v.Type()) {
				continue // not a static call, or not an integer parameter
			}
			if _, entry := c.trapEntryOf(to); entry && i == 0 || c.importedTrapWrap(to) != nil {
				wraps[from] = true
			} else if to.Pkg() == c.pass.Pkg {
				edges = append(edges, [2]*types.Func{from, to.Origin()})
			}
		}
		return true
	})
	return edges
}

// trapValues returns the integer constants v, a system call number, may
// hold, as code.IntValues does, following also loads of the package's
// variables and calls of its functions (valueSources).
func (s *ssaPass) trapValues(v ssa.Value) ([]int64, bool) {
	return code.IntValuesThrough(v, s.valueSources)
}

// valueSources returns the values that v may take from elsewhere in the
// package: for a load of a package-level variable of the package, every
// value stored in it (its initializer, an init function, a build-tagged
// file's assignment); for a call of a function of the package, every value
// it returns first. ok is false for other values.
func (s *ssaPass) valueSources(v ssa.Value) (vals []ssa.Value, ok bool) {
	switch v := v.(type) {
	case *ssa.UnOp:
		if g, isGlobal := v.X.(*ssa.Global); isGlobal && v.Op == token.MUL && g.Pkg == s.pkg {
			idx := s.stores()
			if idx.escaped[g] {
				return nil, false // set through its address
			}
			vals, ok = idx.globals[g]
			return vals, ok
		}
	case *ssa.Call:
		if callee := v.Call.StaticCallee(); callee != nil && code.SourceOf(callee).Pkg == s.pkg && callee.Signature.Results().Len() == 1 {
			return s.returnedBy(code.SourceOf(callee), 0), true
		}
	}
	return nil, false
}

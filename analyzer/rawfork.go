package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// The rawfork check: a process created by fork, vfork, clone or clone3
// without exec, by a raw system call, cgo, a go:linkname into the fork
// internals, or a call of a function of another package that does so
// (forkFact). Each is reported with the witnesses that make it worse; the
// fork-then-exec idiom (execchild.go) is exempt; the daemonize idiom gets
// a fix (daemonize.go).

const deadlock = "the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead"

// A forkFact marks a function that may fork without exec: itself, through
// functions of its package, or through functions of other packages. It names
// the primitive at the bottom so that a call from another package can point
// at it.
type forkFact struct {
	Primitive string    // the operation that forks, as messages name it: "syscall.RawSyscall(SYS_FORK)"
	Via       []string  // the functions of other packages on the way to it, nearest first
	Pos       sourcePos // where the primitive is
}

func (*forkFact) AFact() {}

func (f *forkFact) String() string {
	return "forks: " + strings.Join(append(slices.Clone(f.Via), f.Primitive), " -> ")
}

// through returns the fact of a function that calls callee, a function of
// another package whose fact is f.
func (f *forkFact) through(callee string) *forkFact {
	return &forkFact{Primitive: f.Primitive, Via: append([]string{callee}, f.Via...), Pos: f.Pos}
}

// importedForkFact returns the forkFact of fn, a function of another
// package, or nil.
func (c *checker) importedForkFact(fn *types.Func) *forkFact {
	return importedFact[forkFact](c, fn, func(pf *packageFact) bool { return pf.Forks })
}

// cgoForkNames are the names of the Go functions cgo declares for the C
// functions that fork (std.CgoForks).
func cgoForkNames() []string {
	var names []string
	for fn := range std.CgoForks {
		names = append(names, "_Cfunc_"+fn, "_C2func_"+fn)
	}
	return names
}

// mayFork reports whether the package can hold a fork, or an exported
// wrapper whose fact other packages need: the gate of rawfork.
func (c *checker) mayFork() bool {
	if c.hasCgoFork() || len(c.links) > 0 || c.refs().forkingFunc {
		return true
	}
	traps := false // some file may make a system call
	for _, file := range c.pass.Files {
		if len(c.aliases) > 0 || c.refs().trapWrapper || code.ImportsAny(file, std.IsSyscallPackage) {
			if c.hasForkTrapSyntax(file) {
				return true
			}
			traps = true
		}
	}
	return traps && c.exportsTrapWrapper()
}

// hasCgoFork reports whether the package calls C.fork, C.vfork, C.daemon
// or C.forkpty: cgo declares a Go function for each C function used.
func (c *checker) hasCgoFork() bool {
	return slices.ContainsFunc(cgoForkNames(), func(name string) bool { return c.pass.Pkg.Scope().Lookup(name) != nil })
}

// hasForkTrapSyntax reports whether file has a system call whose number
// may create a process: a constant that does, or a value that is neither a
// constant nor a parameter of the enclosing function (which no local data
// flow can resolve), or a function that may take a number
// used as a value (isTrapValue); or a call of a function that may wrap one
// (mayPassForkTrap).
func (c *checker) hasForkTrapSyntax(file *ast.File) bool {
	info := c.pass.TypesInfo
	called := make(map[*ast.Ident]bool) // the names of functions in static calls
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if found {
			return false // a sibling found it: stop everywhere
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(info, n)
			if fn == nil {
				return true // not a static call
			}
			called[code.CalleeIdent(n)] = true
			entry, ok := c.trapEntryOf(fn)
			if !ok {
				found = c.mayPassForkTrap(file, fn, n.Args)
				return !found
			}
			found = len(n.Args) > 0 && c.mayBeForkTrap(entry, n.Args[0])
		case *ast.Ident:
			if fn, ok := info.Uses[n].(*types.Func); ok && !called[n] {
				found = c.isTrapValue(fn) // a function value
			}
		}
		return !found
	})
	return found
}

// mayBeForkTrap reports whether arg, the number of a system call to
// entry, may be one that creates a process.
func (c *checker) mayBeForkTrap(entry trapEntry, arg ast.Expr) bool {
	if tv := c.pass.TypesInfo.Types[arg]; tv.Value != nil {
		if entry.pkg == nil {
			return false // an alias in a package that sees no system call package: no numbers to read
		}
		n, ok := code.IntOf(tv.Value)
		_, forks := c.trapTable(entry.pkg).forks[n]
		return ok && forks
	}
	for {
		call, ok := astutil.Unparen(arg).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !c.pass.TypesInfo.Types[call.Fun].IsType() {
			break
		}
		arg = call.Args[0] // a conversion
	}
	id, ok := astutil.Unparen(arg).(*ast.Ident)
	if !ok {
		return true
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return !ok || v.Kind() != types.ParamVar
}

// isTrapValue reports whether fn, used as a value, may take a system call
// number: an entry point, or a function of the package or with a
// trapWrapFact that has an integer parameter (a wrapper, maybe).
func (c *checker) isTrapValue(fn *types.Func) bool {
	if _, ok := c.trapEntryOf(fn); ok {
		return true
	}
	if fn.Pkg() != c.pass.Pkg && c.importedTrapWrap(fn) == nil {
		return false
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if isInteger(params.At(i).Type()) {
			return true
		}
	}
	return false
}

// mayPassForkTrap reports whether a call of fn with args, in file, may
// pass a number that creates a process to a wrapper (trapwrap.go): fn is a
// function of the package or has a trapWrapFact, and an argument is a
// constant that creates a process, an integer variable of the package, a
// local variable that file assigns such a constant, or a call of a function
// of the package that returns one.
func (c *checker) mayPassForkTrap(file *ast.File, fn *types.Func, args []ast.Expr) bool {
	if fn.Pkg() != c.pass.Pkg && c.importedTrapWrap(fn) == nil {
		return false // not a function that may wrap a system call
	}
	for _, arg := range args {
		if c.isForkConst(arg) || c.returnsForkConst(arg) {
			return true
		}
		v, ok := c.pass.TypesInfo.Uses[unconverted(c.pass.TypesInfo, arg)].(*types.Var)
		if ok && isInteger(v.Type()) && (v.Parent() == c.pass.Pkg.Scope() || c.forkConstVars(file)[v]) {
			return true
		}
	}
	return false
}

// isForkConst reports whether expr is a constant that is the number of a
// system call that creates a process.
func (c *checker) isForkConst(expr ast.Expr) bool {
	tv := c.pass.TypesInfo.Types[expr]
	numbers := c.numbersOf("syscall")
	if tv.Value == nil || numbers == nil {
		return false // not a constant, or no numbers to read
	}
	n, ok := code.IntOf(tv.Value)
	_, forks := c.trapTable(numbers).forks[n]
	return ok && forks
}

// returnsForkConst reports whether expr is a call of a function of the
// package that returns, first, a constant that creates a process.
func (c *checker) returnsForkConst(expr ast.Expr) bool {
	call, ok := astutil.Unparen(expr).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	decl := c.funcDecls()[fn]
	if fn == nil || decl == nil || decl.Body == nil {
		return false // not a function of the package with a body
	}
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		found = found || ok && len(ret.Results) > 0 && c.isForkConst(ret.Results[0])
		return !found
	})
	return found
}

// forkConstVars returns the variables that file assigns a constant that
// creates a process, in a declaration or an assignment; made once per file.
func (c *checker) forkConstVars(file *ast.File) map[*types.Var]bool {
	if vars, ok := c.forkVars[file]; ok {
		return vars
	}
	vars := make(map[*types.Var]bool)
	add := func(id ast.Expr, val ast.Expr) {
		if id, ok := id.(*ast.Ident); ok && c.isForkConst(val) {
			if v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
				vars[v] = true
			}
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i := range n.Lhs {
				if len(n.Rhs) == len(n.Lhs) {
					add(n.Lhs[i], n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i := range n.Names {
				if i < len(n.Values) {
					add(n.Names[i], n.Values[i])
				}
			}
		}
		return true
	})
	if c.forkVars == nil {
		c.forkVars = make(map[*ast.File]map[*types.Var]bool)
	}
	c.forkVars[file] = vars
	return vars
}

// isInteger reports whether t is an integer type.
func isInteger(t types.Type) bool {
	basic, ok := t.Underlying().(*types.Basic)
	return ok && basic.Info()&types.IsInteger != 0
}

// unconverted returns the identifier that arg is, through parentheses and
// conversions, or nil.
func unconverted(info *types.Info, arg ast.Expr) *ast.Ident {
	for {
		call, ok := astutil.Unparen(arg).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !info.Types[call.Fun].IsType() {
			break
		}
		arg = call.Args[0] // a conversion
	}
	id, _ := astutil.Unparen(arg).(*ast.Ident)
	return id
}

// checkFork reports call if it forks, and records that its function
// inherits the fork.
func (s *ssaPass) checkFork(call ssa.CallInstruction) {
	if f := s.forkOf(call); f != nil && s.forkers[call.Parent()] == nil {
		s.forkers[call.Parent()] = f
	}
}

// forkOf reports call if it forks: a raw system call that creates a
// process (unless the child only execs), a cgo fork, or a call of a
// function of another package that carries a forkFact. It returns the fact
// that the calling function inherits, or nil.
func (s *ssaPass) forkOf(call ssa.CallInstruction) *forkFact {
	if name, entry := s.forkTrapEntry(call.Common()); name != "" {
		if plain, ok := call.(*ssa.Call); ok && s.execsInChild(plain) {
			return nil // fork then exec: the child runs no Go code
		}
		if entry.target != "" { // a go:linkname alias or a wrapper
			return s.reportFork(call, name, nil, entry.related()) // no fix: the daemonize shape is read for the system call packages' functions
		}
		return s.reportFork(call, name, nil, nil, s.daemonizeFix(call.Common().Pos())...)
	}
	for _, callee := range code.Callees(call.Common()) {
		obj, ok := callee.Object().(*types.Func)
		if !ok {
			continue // a function literal or a wrapper
		}
		if name := cgoName(obj); std.CgoForks[name] {
			return s.reportFork(call, "C."+name, nil, nil)
		}
		if f := s.importedForkFact(obj); f != nil {
			if s.reportFork(call, "call of "+code.QualifiedName(obj), f, nil) == nil {
				return nil // suppressed: the caller inherits nothing
			}
			return f.through(code.QualifiedName(obj))
		}
	}
	return nil
}

// forkTrap returns how call names a raw system call that creates a
// process, as in "syscall.RawSyscall(SYS_FORK)", or "" if it is none.
func (s *ssaPass) forkTrap(call *ssa.CallCommon) string {
	name, _ := s.forkTrapEntry(call)
	return name
}

// forkTrapEntry returns how call names a raw system call that creates a
// process, and the entry point it calls; "" if it is none. A clone or
// clone3 whose constant flags make a thread is no fork, nor is a clone3
// that the kernel rejects for the size of its arguments. The number may
// be held by a variable of the package or returned by one of its
// functions (trapValues). A call of a wrapper, of the package or of
// another, that passes a parameter as the number (trapwrap.go) is judged
// by the number it passes.
func (s *ssaPass) forkTrapEntry(call *ssa.CallCommon) (string, trapEntry) {
	for _, fn := range code.Callees(call) {
		obj, ok := fn.Object().(*types.Func)
		if !ok || len(call.Args) == 0 {
			continue // a function literal, or no arguments
		}
		entry, ok := s.trapEntryOf(obj)
		if !ok || entry.pkg == nil {
			continue // not a system call, or no numbers to read
		}
		t := s.trapTable(entry.pkg)
		traps, _ := s.trapValues(call.Args[0])
		for _, n := range traps {
			if name, ok := t.forks[n]; ok && !(n == t.clone && len(call.Args) > 1 && makesThread(call.Args[1], t)) && !(n == t.clone3 && (clone3MakesThread(call, t) || clone3ArgsTooSmall(call))) {
				return entry.name + "(" + name + ")", entry
			}
		}
	}
	return s.wrappedForkEntry(call)
}

// reportFork reports call, which forks as what describes ("syscall.RawSyscall(SYS_FORK)",
// "call of lib.Detach"), with the witnesses that make it worse. via is the
// fact of the called function of another package, whose primitive becomes
// related information, as are extra's. It returns the fact the calling
// function inherits, nil if a directive suppresses the finding.
func (s *ssaPass) reportFork(call ssa.CallInstruction, what string, via *forkFact, extra []related, fixes ...analysis.SuggestedFix) *forkFact {
	fn := call.Parent()
	w := s.witnessesAt(fn, call)
	w.addGoroutine(s.initWitness(fn))
	pos, end := s.calleeRange(call.Common().Pos())
	rel := append(extra, s.witnessRelated(w)...)
	if via != nil {
		rel = append([]related{{pos: s.factPos(via.Pos), message: viaMessage(via)}}, rel...)
	}
	s.diag("rawfork", pos, end, what+" forks without exec"+w.phrase()+": "+deadlock, rel, fixes...)
	if s.suppressed("rawfork", pos) {
		return nil // audited: the function does not fork for its callers
	}
	return &forkFact{Primitive: what, Pos: positionOf(s.pass.Fset, pos)}
}

// viaMessage describes where the primitive behind a function of another
// package is.
func viaMessage(f *forkFact) string {
	msg := f.Primitive + " forks here"
	for i, fn := range f.Via {
		if i == 0 {
			msg += ", through " + fn
		} else {
			msg += " and " + fn
		}
	}
	return msg
}

// exportForkFacts reports the package's go:linkname directives into fork
// internals (each local function so bound forks through its directive),
// gives each function of the package that calls one that forks the same
// fact, exports the fact of each declared function, and records in the
// package fact whether there was any.
func (s *ssaPass) exportForkFacts() {
	s.checkLinknames()
	propagate(s.fns, s.forkers, s.mayRun)
	for _, fn := range s.fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || s.forkers[fn] == nil || obj.Name() == "init" {
			continue // a literal, an init function, or no fork
		}
		s.pass.ExportObjectFact(obj, s.forkers[fn])
		s.exports.Forks = true
	}
	s.exportTrapWrapFacts()
}

// checkLinknames reports the package's go:linkname directives into fork
// internals and records that each local function so bound forks, unless a
// directive suppresses the finding.
func (s *ssaPass) checkLinknames() {
	for _, link := range s.links {
		end := link.pos + token.Pos(len("//go:linkname"))
		s.diag("rawfork", link.pos, end, "go:linkname to "+link.target+" reaches the runtime's fork internals to fork without exec: "+deadlock, nil)
		obj, ok := s.pass.Pkg.Scope().Lookup(link.local).(*types.Func)
		if !ok || s.suppressed("rawfork", link.pos) {
			continue // a variable, a name declared elsewhere, or audited
		}
		if fn := s.pkg.Prog.FuncValue(obj); fn != nil { // before what its body, in another file, may do
			s.forkers[fn] = &forkFact{Primitive: "go:linkname to " + link.target, Pos: positionOf(s.pass.Fset, link.pos)}
		}
	}
}

// propagate gives each function without a fact the fact of a function of
// the package that it calls, starts or makes as a closure, until nothing
// changes.
func propagate(fns []*ssa.Function, forkers map[*ssa.Function]*forkFact, mayRun func(*ssa.BasicBlock) bool) {
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if forkers[fn] != nil {
				continue
			}
			if f := calleeFork(fn, forkers, mayRun); f != nil {
				forkers[fn] = f
				changed = true
			}
		}
	}
}

// calleeFork returns the fact of the first function of the package that
// fn calls, starts or makes as a closure in a block that may run and that
// has one.
func calleeFork(fn *ssa.Function, forkers map[*ssa.Function]*forkFact, mayRun func(*ssa.BasicBlock) bool) *forkFact {
	for _, b := range fn.Blocks {
		if !mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			for _, callee := range referencedFunctions(instr) {
				if f := forkers[code.SourceOf(callee)]; f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// referencedFunctions returns the functions that instr calls, starts,
// defers, makes a closure of, or passes or stores as a value (a literal).
func referencedFunctions(instr ssa.Instruction) []*ssa.Function {
	var fns []*ssa.Function
	if call, ok := instr.(ssa.CallInstruction); ok {
		fns = code.Callees(call.Common())
	}
	return append(fns, code.FuncOperands(instr)...)
}

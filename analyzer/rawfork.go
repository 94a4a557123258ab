package analyzer

import (
	"go/ast"
	"go/constant"
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

// mayFork reports whether the package can hold a fork: the gate of rawfork.
func (c *checker) mayFork() bool {
	if c.hasCgoFork() || len(c.links) > 0 || c.refs().forkingFunc {
		return true
	}
	for _, file := range c.pass.Files {
		if (len(c.aliases) > 0 || code.ImportsAny(file, std.IsSyscallPackage)) && c.hasForkTrapSyntax(file) {
			return true
		}
	}
	return false
}

// hasCgoFork reports whether the package calls C.fork, C.vfork, C.daemon
// or C.forkpty: cgo declares a Go function for each C function used.
func (c *checker) hasCgoFork() bool {
	return slices.ContainsFunc(cgoForkNames(), func(name string) bool { return c.pass.Pkg.Scope().Lookup(name) != nil })
}

// hasForkTrapSyntax reports whether file has a system call whose number
// may create a process: a constant that does, or a value that is neither a
// constant nor a parameter of the enclosing function (which no local data
// flow can resolve), or a trap function used as a value.
func (c *checker) hasForkTrapSyntax(file *ast.File) bool {
	info := c.pass.TypesInfo
	called := make(map[*ast.Ident]bool) // the names of trap functions in calls
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
			entry, ok := c.trapEntryOf(fn)
			if !ok {
				return true // not a system call
			}
			called[code.CalleeIdent(n)] = true
			found = len(n.Args) > 0 && c.mayBeForkTrap(entry, n.Args[0])
		case *ast.Ident:
			if fn, ok := info.Uses[n].(*types.Func); ok && !called[n] {
				_, found = c.trapEntryOf(fn) // a function value
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
		if entry.link.IsValid() {
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
func (c *checker) forkTrap(call *ssa.CallCommon) string {
	name, _ := c.forkTrapEntry(call)
	return name
}

// forkTrapEntry returns how call names a raw system call that creates a
// process, and the entry point it calls; "" if it is none. A clone or
// clone3 whose constant flags make a thread is no fork, nor is a clone3
// that the kernel rejects for the size of its arguments.
func (c *checker) forkTrapEntry(call *ssa.CallCommon) (string, trapEntry) {
	for _, fn := range code.Callees(call) {
		obj, ok := fn.Object().(*types.Func)
		if !ok || len(call.Args) == 0 {
			continue // a function literal, or no arguments
		}
		entry, ok := c.trapEntryOf(obj)
		if !ok || entry.pkg == nil {
			continue // not a system call, or no numbers to read
		}
		t := c.trapTable(entry.pkg)
		traps, _ := code.IntValues(call.Args[0])
		for _, n := range traps {
			if name, ok := t.forks[n]; ok && !(n == t.clone && makesThread(call, t)) && !(n == t.clone3 && (clone3MakesThread(call, t) || clone3ArgsTooSmall(call))) {
				return entry.name + "(" + name + ")", entry
			}
		}
	}
	return "", trapEntry{}
}

// makesThread reports whether the constant flags of a clone call include
// CLONE_VM and CLONE_THREAD: the new task shares the process, as a thread.
func makesThread(call *ssa.CallCommon, t *trapTable) bool {
	if t.thread == 0 || len(call.Args) < 2 {
		return false
	}
	flags, ok := code.IntValueSet(call.Args[1])
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

// clone3MakesThread reports whether a clone3 call makes a thread: its
// struct clone_args, which begins with the 64-bit flags (clone3(2)), is a
// local variable whose address goes only to the call, every value written
// to its flags is a constant that includes CLONE_VM and CLONE_THREAD, and
// one is written on every path to the call. Anything else (flags that are
// not constant, the struct passed or stored elsewhere, flags left zero on
// some path) may make a process.
func clone3MakesThread(call *ssa.CallCommon, t *trapTable) bool {
	if t.thread == 0 || len(call.Args) < 2 {
		return false
	}
	args, ok := code.Unconvert(call.Args[1]).(*ssa.Alloc)
	if !ok || !beginsWithFlags(args) {
		return false // not a local struct that begins with 64-bit flags
	}
	var site ssa.Instruction // the call
	var writes []flagWrite
	for _, ref := range *args.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Convert:
			if site = convertedInto(ref, call); site == nil {
				return false // the address goes elsewhere
			}
		case *ssa.Store: // the struct written whole, as args := cloneArgs{…} does when its address is taken
			flags, ok := literalFlags(ref.Val)
			if !ok || ref.Addr != args {
				return false
			}
			for _, v := range flags {
				writes = append(writes, flagWrite{v, ref})
			}
		default:
			stores, ok := flagStores(args, ref)
			if !ok {
				return false // the struct passed, or a field's address
			}
			for _, store := range stores {
				writes = append(writes, flagWrite{store.Val, store})
			}
		}
	}
	return site != nil && flagsMakeThread(writes, site, t)
}

// A flagWrite is a value written to the flags of a clone_args, and where.
type flagWrite struct {
	val ssa.Value
	at  ssa.Instruction
}

// flagStores returns the stores to the flags of alloc, a struct that
// begins with them, that ref, a referrer of alloc, makes; ok is false if
// ref is no store to a field, load, or debug reference.
func flagStores(alloc *ssa.Alloc, ref ssa.Instruction) (stores []*ssa.Store, ok bool) {
	switch ref := ref.(type) {
	case *ssa.DebugRef:
		return nil, true
	case *ssa.UnOp:
		return nil, ref.Op == token.MUL
	case *ssa.FieldAddr:
		stores, ok := storesTo(ref)
		if ref.Field != 0 {
			stores = nil
		}
		return stores, ok
	}
	return nil, false
}

// literalFlags returns the values that v, a load of a composite literal
// that begins with flags, writes to them: one store, or none when the
// literal leaves them zero (a constant 0, returned as such).
func literalFlags(v ssa.Value) ([]ssa.Value, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	lit, ok := load.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	var flags []ssa.Value
	for _, ref := range *lit.Referrers() {
		stores, ok := flagStores(lit, ref)
		if !ok {
			return nil, false
		}
		for _, store := range stores {
			flags = append(flags, store.Val)
		}
	}
	if len(flags) == 0 {
		flags = append(flags, ssa.NewConst(constant.MakeInt64(0), types.Typ[types.Uint64]))
	}
	return flags, true
}

// clone3ArgsTooSmall reports whether a clone3 call passes a constant
// size below CLONE_ARGS_SIZE_VER0 (64 bytes), which the kernel rejects
// with EINVAL before it creates anything (kernel/fork.c,
// copy_clone_args_from_user): how programs probe whether clone3 exists.
func clone3ArgsTooSmall(call *ssa.CallCommon) bool {
	if len(call.Args) < 3 {
		return false
	}
	sizes, ok := code.IntValueSet(call.Args[2])
	return ok && len(sizes) > 0 && !slices.ContainsFunc(sizes, func(n int64) bool { return n < 0 || n >= 64 })
}

// beginsWithFlags reports whether alloc is a struct whose first field is
// a 64-bit integer, as the flags of struct clone_args are.
func beginsWithFlags(alloc *ssa.Alloc) bool {
	ptr, ok := alloc.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || st.NumFields() == 0 {
		return false
	}
	basic, ok := st.Field(0).Type().Underlying().(*types.Basic)
	return ok && (basic.Kind() == types.Uint64 || basic.Kind() == types.Int64)
}

// storesTo returns the stores to addr, a field's address; ok is false if
// the address is used but to store to it or load from it.
func storesTo(addr *ssa.FieldAddr) (stores []*ssa.Store, ok bool) {
	for _, ref := range *addr.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != addr {
				return nil, false // the address itself stored
			}
			stores = append(stores, ref)
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return stores, true
}

// convertedInto returns the instruction of call if conv, a conversion of
// a struct's address, reaches call through conversions and nothing else;
// nil otherwise.
func convertedInto(conv ssa.Value, call *ssa.CallCommon) ssa.Instruction {
	var site ssa.Instruction
	for _, ref := range *conv.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Convert:
			if site = convertedInto(ref, call); site == nil {
				return nil
			}
		case ssa.CallInstruction:
			if ref.Common() != call {
				return nil
			}
			site = ref
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return site
}

// flagsMakeThread reports whether each of writes, to the flags of
// clone_args, writes constants that make a thread, and one of them runs on
// every path to site.
func flagsMakeThread(writes []flagWrite, site ssa.Instruction, t *trapTable) bool {
	before := false
	for _, w := range writes {
		flags, ok := code.IntValueSet(w.val)
		if !ok || len(flags) == 0 || slices.ContainsFunc(flags, func(f int64) bool { return f&t.thread != t.thread }) {
			return false
		}
		if b := w.at.Block(); b == site.Block() && code.IndexOf(w.at) < code.IndexOf(site) || b != site.Block() && b.Dominates(site.Block()) {
			before = true
		}
	}
	return before
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

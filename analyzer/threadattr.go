package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ast/astutil"

	"golang.org/x/tools/go/ssa"
)

// A threadAttrFact marks a function that returns a command or process
// attributes with Pdeathsig or Ptrace set, as moby's reexec.Command does.
type threadAttrFact struct {
	Field string // "Pdeathsig" or "Ptrace"
}

func (*threadAttrFact) AFact() {}

func (f *threadAttrFact) String() string { return "returns attributes with " + f.Field + " set" }

// A threadAttr is where a function sets a thread-bound attribute: a store
// into the field, or a call of a function that returns it set.
type threadAttr struct {
	instr ssa.Instruction
	field string
	via   string    // the function called, for a call; "" for a store
	val   ssa.Value // the value stored, for a store

	// origin is set when instr uses a package-level variable that holds
	// attributes set (varAttrs): the store or call that set them.
	origin ssa.Instruction
}

// importedThreadAttr returns the threadAttrFact of fn, a function of
// another package, or nil.
func (c *checker) importedThreadAttr(fn *types.Func) *threadAttrFact {
	return importedFact[threadAttrFact](c, fn, func(pf *packageFact) bool { return pf.ThreadAttrs })
}

// threadAttrsOf returns where fn sets a thread-bound attribute, in order:
// a store into the field, a call of a function that returns attributes
// set or sets them through a parameter (attrSummaries, as far as they are
// made; threadAttrFact and exitFact for a function of another package), or
// a use of a package-level variable that holds attributes set (varAttrs,
// as far as they are made).
func (s *ssaPass) threadAttrsOf(fn *ssa.Function) []threadAttr {
	var attrs []threadAttr
	vars := s.exitMemo().vars
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if a := varAttrUse(instr, vars); a != nil {
				attrs = append(attrs, *a)
				continue
			}
			if field := storedThreadField(instr); field != "" {
				attrs = append(attrs, threadAttr{instr: instr, field: field, val: instr.(*ssa.Store).Val})
				continue
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue // neither a store nor a call
			}
			for _, callee := range s.attrCallees(call.Common()) {
				if field, via := s.calleeSets(callee); field != "" {
					attrs = append(attrs, threadAttr{instr: instr, field: field, via: via})
				}
			}
		}
	}
	return attrs
}

// varAttrUse returns the attribute that instr takes from a package-level
// variable of vars, the variables that hold attributes set, and hands on to
// a process to start (handsOnAttrs); nil if none. Printing the variable,
// copying it to clear the field, or reading another of its fields takes
// nothing.
func varAttrUse(instr ssa.Instruction, vars map[*ssa.Global]*threadAttr) *threadAttr {
	if len(vars) == 0 {
		return nil
	}
	for _, op := range instr.Operands(nil) {
		g, ok := (*op).(*ssa.Global)
		if !ok || vars[g] == nil || !handsOnAttrs(instr, g) {
			continue
		}
		set := vars[g]
		return &threadAttr{instr: instr, field: set.field, via: set.via, origin: cmp.Or(set.origin, set.instr)}
	}
	return nil
}

// handsOnAttrs reports whether instr, a use of g, a variable that holds
// process attributes or a command, hands what g holds on to a process to
// start: it stores g's address, or passes it, or loads g and stores the
// value into a field of process attributes (cmd.SysProcAttr =
// defaultSysProcAttr) or passes it to a call (template.Start()).
func handsOnAttrs(instr ssa.Instruction, g *ssa.Global) bool {
	if isHandedOn(instr, g) {
		return true // &attrs
	}
	load, ok := instr.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	if slices.ContainsFunc(referrers(load), func(r ssa.Instruction) bool { return isHandedOn(r, load) }) {
		return true
	}
	for _, c := range copiesOf(load) {
		if slices.ContainsFunc(referrers(c), func(r ssa.Instruction) bool { return isHandedOn(r, c) }) {
			return true // a := *defaultAttrs; cmd.SysProcAttr = &a
		}
	}
	return false
}

// copiesOf returns the local variables that v, a load of a variable of
// process attributes or of a pointer to them, is copied into (a :=
// *defaultAttrs, a := byValue), but those whose thread-bound fields the
// function sets: a.Pdeathsig = 0 clears the copy's, and any other value is
// an attribute of its own.
func copiesOf(v ssa.Value) []ssa.Value {
	var copies []ssa.Value
	for _, val := range []ssa.Value{v, loadOf(v)} {
		for _, r := range referrers(val) {
			store, ok := r.(*ssa.Store)
			if !ok || store.Val != val {
				continue // not a copy of val
			}
			if local, ok := store.Addr.(*ssa.Alloc); ok && !setsThreadField(local) {
				copies = append(copies, local)
			}
		}
	}
	return copies
}

// setsThreadField reports whether a thread-bound field of the attributes
// that v points to is stored into.
func setsThreadField(v ssa.Value) bool {
	for _, r := range referrers(v) {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.X != v || !code.IsThreadField(code.FieldVar(fa)) {
			continue // not a thread-bound field of v
		}
		if slices.ContainsFunc(referrers(fa), func(fr ssa.Instruction) bool {
			store, ok := fr.(*ssa.Store)
			return ok && store.Addr == fa
		}) {
			return true
		}
	}
	return false
}

// isHandedOn reports whether instr stores v into a field of process
// attributes (a command's SysProcAttr, a ProcAttr's Sys) or passes it to a
// call, its receiver included.
func isHandedOn(instr ssa.Instruction, v ssa.Value) bool {
	switch instr := instr.(type) {
	case *ssa.Store:
		fa, ok := instr.Addr.(*ssa.FieldAddr)
		if !ok || instr.Val != v {
			return false
		}
		f := code.FieldVar(fa)
		return f != nil && code.IsProcessAttrs(f.Type())
	case ssa.CallInstruction:
		return slices.Contains(instr.Common().Args, v)
	}
	return false
}

// varAttrs makes, once, the package-level variables of the package that
// hold a command or attributes with a thread-bound attribute set, with the
// first such attribute: var defaultSysProcAttr =
// &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}, which a function
// assigns to cmd.SysProcAttr before it starts cmd (redpanda's rpk). A
// variable holds one when a function (the package initializer, in
// practice) sets an attribute on what the variable holds, or stores into
// it what the attribute was set on.
func (s *ssaPass) varAttrs() {
	sum := s.exitMemo()
	if sum.vars != nil {
		return
	}
	sum.vars = make(map[*ssa.Global]*threadAttr)
	for _, fn := range s.fns {
		for _, a := range s.threadAttrsOf(fn) {
			for _, v := range s.attrTargets(a) {
				if g := varHolding(v); g != nil && sum.vars[g] == nil {
					sum.vars[g] = &a
				}
			}
		}
	}
}

// varHolding returns the package-level variable of process attributes
// whose object v lies in (cmd for cmd.SysProcAttr), or into which v, or
// the object it lies in, is stored, or copied (var attrs =
// syscall.SysProcAttr{...} copies a composite literal); nil if none.
func varHolding(v ssa.Value) *ssa.Global {
	return varHoldingDepth(v, 0)
}

// varHoldingDepth is varHolding, following at most three stores: the
// attributes stored into a command (&exec.Cmd{SysProcAttr: &...}) that is
// stored into the variable.
func varHoldingDepth(v ssa.Value, depth int) *ssa.Global {
	root := code.RootOf(v)
	if g, ok := root.(*ssa.Global); ok && isAttrsVar(g) {
		return g
	}
	if depth == 3 {
		return nil
	}
	for _, stored := range []ssa.Value{root, loadOf(root)} {
		for _, r := range referrers(stored) {
			if store, ok := r.(*ssa.Store); ok && store.Val == stored {
				if g := varHoldingDepth(store.Addr, depth+1); g != nil {
					return g
				}
			}
		}
	}
	return nil
}

// loadOf returns the first load of what addr points to, or nil.
func loadOf(addr ssa.Value) ssa.Value {
	for _, r := range referrers(addr) {
		if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
			return load
		}
	}
	return nil
}

// referrers returns the instructions that use v, or nil.
func referrers(v ssa.Value) []ssa.Instruction {
	if v == nil || v.Referrers() == nil {
		return nil
	}
	return *v.Referrers()
}

// isAttrsVar reports whether g is a variable of process attributes, or of
// a pointer to them. A global's type is a pointer to its variable's.
func isAttrsVar(g *ssa.Global) bool {
	return code.IsProcessAttrs(g.Type().(*types.Pointer).Elem())
}

// calleeSets returns the thread-bound field that a call of callee sets,
// by returning it set or through a parameter, and how a message names
// callee; "" if none.
func (s *ssaPass) calleeSets(callee *ssa.Function) (field, via string) {
	sum := s.exitMemo()
	if field := sum.attrs[code.SourceOf(callee)]; field != "" {
		return field, callee.Name()
	}
	if params := sum.params[code.SourceOf(callee)]; len(params) > 0 {
		return params[0].Field, attrCalleeName(callee)
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == s.pass.Pkg {
		return "", ""
	}
	if f := s.importedThreadAttr(obj); f != nil {
		return f.Field, code.QualifiedName(obj)
	}
	if f := s.importedExit(obj); f != nil && len(f.Params) > 0 {
		return f.Params[0].Field, code.QualifiedName(obj)
	}
	return "", ""
}

// storedThreadField returns the thread-bound field of syscall.SysProcAttr
// that instr stores a value other than zero into, or "". The field is the
// same object whatever the struct is called: unix.SysProcAttr, an alias of
// the user's, a type defined from it, a struct that embeds it.
func storedThreadField(instr ssa.Instruction) string {
	store, ok := instr.(*ssa.Store)
	if !ok {
		return ""
	}
	fa, ok := store.Addr.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	field := code.FieldVar(fa)
	if !code.IsThreadField(field) {
		return ""
	}
	if k, ok := store.Val.(*ssa.Const); ok && code.IsZeroConst(k) {
		return ""
	}
	return field.Name()
}

// attrSummaries makes, for the functions of the package, what a call
// leaves set for its caller: the functions that return a command or
// attributes with a thread-bound field set, and the attributes each sets
// on what its parameters point to. Made once, to a fixed point: a helper
// may call another.
func (s *ssaPass) attrSummaries() {
	sum := s.exitMemo()
	if sum.attrs != nil {
		return
	}
	sum.attrs, sum.params = make(map[*ssa.Function]string), make(map[*ssa.Function][]paramAttr)
	if !s.refs().threadAttr {
		return // nothing sets one
	}
	s.varAttrs()
	for changed := true; changed; {
		changed = false
		for _, fn := range s.fns {
			attrs := s.threadAttrsOf(fn)
			if sum.attrs[fn] == "" && len(attrs) > 0 && returnsProcessAttrs(fn.Signature) {
				sum.attrs[fn] = attrs[0].field
				changed = true
			}
			if params := s.paramAttrsOf(fn, attrs); len(params) > len(sum.params[fn]) {
				sum.params[fn] = params
				changed = true
			}
		}
	}
}

// paramAttrsOf returns, of attrs, those that fn sets on what a parameter
// of process attributes (an *exec.Cmd, *os.ProcAttr or
// *syscall.SysProcAttr) points to, one per parameter and field, in the
// order of the parameters.
func (s *ssaPass) paramAttrsOf(fn *ssa.Function, attrs []threadAttr) []paramAttr {
	seen := make(map[paramAttr]bool)
	for _, a := range attrs {
		for _, v := range s.attrTargets(a) {
			p := paramHolding(v)
			if p == nil || !code.IsProcessAttrs(p.Type()) {
				continue // not set through a parameter
			}
			seen[paramAttr{Param: slices.Index(fn.Params, p), Name: p.Name(), Field: a.field}] = true
		}
	}
	params := slices.Collect(maps.Keys(seen))
	slices.SortFunc(params, func(a, b paramAttr) int {
		return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Field, b.Field))
	})
	return params
}

// attrTargets returns the values that a sets an attribute on: the
// attributes stored into, the arguments that a callee sets through, or
// the attributes a callee returns; for a use of a variable that holds
// attributes set, what the use stores into, or loads.
func (s *ssaPass) attrTargets(a threadAttr) []ssa.Value {
	if a.origin != nil {
		switch use := a.instr.(type) {
		case *ssa.Store:
			return []ssa.Value{use.Addr}
		case ssa.Value:
			return append([]ssa.Value{use}, copiesOf(use)...)
		}
		return nil
	}
	if store, ok := a.instr.(*ssa.Store); ok {
		return []ssa.Value{store.Addr.(*ssa.FieldAddr).X}
	}
	call := a.instr.(*ssa.Call)
	targets := []ssa.Value{call}
	for _, callee := range s.attrCallees(call.Common()) {
		params := s.exitMemo().params[code.SourceOf(callee)]
		if obj, ok := callee.Object().(*types.Func); ok && obj.Pkg() != s.pass.Pkg {
			if f := s.importedExit(obj); f != nil {
				params = f.Params
			}
		}
		for _, p := range params {
			if p.Param >= 0 && p.Param < len(call.Call.Args) {
				targets = append(targets, call.Call.Args[p.Param])
			}
		}
	}
	return targets
}

// paramHolding returns the parameter whose object v lies in (cmd for
// cmd.SysProcAttr), or into whose object v is stored (cmd.SysProcAttr =
// v); nil if none.
func paramHolding(v ssa.Value) *ssa.Parameter {
	if p, ok := code.RootOf(v).(*ssa.Parameter); ok {
		return p
	}
	refs := v.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if store, ok := r.(*ssa.Store); ok && store.Val == v {
			if p, ok := code.RootOf(store.Addr).(*ssa.Parameter); ok {
				return p
			}
		}
	}
	return nil
}

// returnsProcessAttrs reports whether sig returns an exec.Cmd, an
// os.ProcAttr or a syscall.SysProcAttr, or a pointer to one, under any
// name.
func returnsProcessAttrs(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if code.IsProcessAttrs(v.Type()) {
			return true
		}
	}
	return false
}

// threadAttrNeedsSSA reports whether threadattr needs the SSA phase: the
// package sets a thread-bound attribute, or its functions may leave the
// thread locked or unlocked for their callers (exitFact): they lock it,
// unlock it (a library's Unpin that calls runtime.UnlockOSThread), or call
// a function that does; or it starts processes and a function of it takes
// process attributes, which it may start a process with (paramStart).
func (c *checker) threadAttrNeedsSSA() bool {
	r := c.refs()
	return r.threadAttr || r.lockThread || r.exitThread || r.processStart && c.declaresAttrsParam()
}

// declaresAttrsParam reports whether a function of the package has a
// parameter that holds process attributes (holdsProcessAttrs: them, a
// slice of them, or a struct with a field of them).
func (c *checker) declaresAttrsParam() bool {
	for _, obj := range c.pass.TypesInfo.Defs {
		if v, ok := obj.(*types.Var); ok && v.Kind() == types.ParamVar && holdsProcessAttrs(v.Type()) {
			return true
		}
	}
	return false
}

// checkAllThreadAttrs runs the threadattr check over the package and
// exports, for each declared function, a threadAttrFact if it returns
// attributes set and an exitFact if a call of it leaves the thread locked
// or unlocked or sets attributes through a parameter; the package fact
// records whether there was any.
func (s *ssaPass) checkAllThreadAttrs() {
	s.attrSummaries()
	sum := s.exitMemo()
	starts := s.paramStartSummaries()
	for _, fn := range s.fns {
		if s.refs().threadAttr {
			s.checkThreadAttrs(fn)
		}
		obj, ok := fn.Object().(*types.Func)
		if !ok || code.IsInitFunc(fn) {
			continue // a literal, or an init function that nothing calls
		}
		if sum.attrs[fn] != "" {
			s.pass.ExportObjectFact(obj, &threadAttrFact{Field: sum.attrs[fn]})
			s.exports.ThreadAttrs = true
		}
		f := &exitFact{Thread: s.threadExit(fn), ReturnsUnlock: s.returnsUnlock(fn), Params: sum.params[fn], Starts: starts[fn]}
		if f.Thread != "" || f.ReturnsUnlock || len(f.Params) > 0 || len(f.Starts) > 0 {
			s.pass.ExportObjectFact(obj, f)
			s.exports.Exits = true
		}
	}
}

// checkThreadAttrs reports the process starts of fn that a thread-bound
// attribute set before them reaches, when the goroutine may not be locked
// to its thread: one set in fn, or one set on the command that a struct
// field holds (fieldAttrs) when fn starts the command of that field.
func (s *ssaPass) checkThreadAttrs(fn *ssa.Function) {
	attrs := s.threadAttrsOf(fn)
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue // not a call
			}
			name, candidates := s.startAttrs(call, attrs)
			if name == "" || !s.threadMayBeUnlocked(call) {
				continue // not a start, or on a locked thread
			}
			var matter []threadAttr
			for _, a := range candidates {
				if s.attrMatters(a.field, call) {
					matter = append(matter, a)
				}
			}
			held := s.heldAttr(call)
			if held == nil {
				held = s.capturedAttr(call, s.startedArgs(call))
			}
			if held != nil && !s.attrMatters(held.field, call) {
				held = nil
			}
			if a := s.findUnlockedAttr(call, matter, held); a != nil {
				s.reportThreadAttr(call, name, *a)
			}
		}
	}
}

// startAttrs returns how a message names call if it starts a process with
// attributes of its function, and which of attrs may be the process's: all
// of them for a process start of the standard library; for a call of a
// helper that starts a process with the attributes of its arguments
// (paramStartCall), those set on what the arguments hold. A function of
// another package that starts a process otherwise (spawnFact) starts it
// with attributes of its own.
func (s *ssaPass) startAttrs(call ssa.CallInstruction, attrs []threadAttr) (string, []threadAttr) {
	if s.isStdStart(call) {
		return s.startName(call), attrs
	}
	args, name := s.paramStartCall(call)
	if len(args) == 0 {
		return "", nil
	}
	return name, s.attrsHandedTo(args, attrs)
}

// isStdStart reports whether call is a process start of the standard
// library.
func (s *ssaPass) isStdStart(call ssa.CallInstruction) bool {
	return slices.ContainsFunc(code.Callees(call.Common()), func(callee *ssa.Function) bool {
		obj, ok := callee.Object().(*types.Func)
		return ok && std.ProcessStarters[s.stdName(obj.Origin())]
	})
}

// heldAttr returns the attribute set on the command or attributes held in
// a struct field of the package that call starts, or nil.
func (s *ssaPass) heldAttr(call ssa.CallInstruction) *threadAttr {
	fields := s.fieldAttrs()
	for _, arg := range call.Common().Args {
		if f := heldIn(arg); f != nil && fields[f] != nil {
			return fields[f]
		}
	}
	return nil
}

// heldIn returns the field of a struct of the package that v was loaded
// from, the nearest on the way, if its type is process attributes
// (p.cmd for p.cmd.SysProcAttr); nil if none.
func heldIn(v ssa.Value) *types.Var {
	for base := range code.Bases(v) {
		fa, ok := base.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		if f := code.FieldVar(fa); f != nil && code.IsProcessAttrs(f.Type()) && !isProcessAttrsPkg(f.Pkg()) {
			return f
		}
	}
	return nil
}

// isProcessAttrsPkg reports whether pkg declares the types of process
// attributes, whose own fields (Cmd.SysProcAttr) hold no command of the
// user's.
func isProcessAttrsPkg(pkg *types.Package) bool {
	return pkg == nil || pkg.Path() == "os/exec" || pkg.Path() == "os" || pkg.Path() == "syscall"
}

// fieldAttrs returns, made once, the struct fields of the package that
// hold a command or attributes with a thread-bound attribute set, with the
// first such attribute: runc keeps the command it built with Pdeathsig in
// its process type and starts it in another method. A field holds one when
// a function stores into it (p.cmd = cmd, &process{cmd: cmd}) after an
// attribute set on the way; or stores a parameter into it, and a caller in
// the package sets an attribute before the call; or sets an attribute on
// the command it holds (p.cmd.SysProcAttr = ...).
func (s *ssaPass) fieldAttrs() map[*types.Var]*threadAttr {
	sum := s.exitMemo()
	if sum.fields != nil {
		return sum.fields
	}
	sum.fields = make(map[*types.Var]*threadAttr)
	for _, fn := range s.fns {
		attrs := s.threadAttrsOf(fn)
		for _, a := range attrs {
			for _, v := range s.attrTargets(a) {
				if f := heldIn(v); f != nil && sum.fields[f] == nil {
					sum.fields[f] = &a
				}
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				store, ok := instr.(*ssa.Store)
				if !ok || !s.mayRun(b) {
					continue
				}
				f := heldIn(store.Addr)
				if f == nil || sum.fields[f] != nil {
					continue // not a field of ours, or known
				}
				if a := s.attrBefore(store, store.Val, attrs); a != nil {
					sum.fields[f] = a
				}
			}
		}
	}
	return sum.fields
}

// attrBefore returns an attribute of attrs set before instr, in its
// function, or, when v is a parameter, one set before a call of the
// function in a caller in the package; nil if none.
func (s *ssaPass) attrBefore(instr ssa.Instruction, v ssa.Value, attrs []threadAttr) *threadAttr {
	if a := firstReaching(instr, attrs); a != nil {
		return a
	}
	if _, ok := v.(*ssa.Parameter); !ok {
		return nil
	}
	for _, site := range s.callers[instr.Parent()] {
		if call, ok := site.(*ssa.Call); ok {
			if a := firstReaching(call, s.threadAttrsOf(call.Parent())); a != nil {
				return a
			}
		}
	}
	return nil
}

// maxAttrStates bounds the states findUnlockedAttr visits in a function.
const maxAttrStates = 4096

// An attrState is where a path of findUnlockedAttr is, and what it knows.
type attrState struct {
	block    *ssa.BasicBlock
	unlocked bool            // the goroutine may not be locked to its thread
	attr     int             // the first attribute set on the path, an index of attrs; -1 if none
	zero     map[string]bool // what the conditions on the path tell: whether a value (by code.ValueKey) is zero
}

// findUnlockedAttr returns the first of attrs that some path from the
// entry of call's function sets before call, and on which the goroutine is
// not locked to its thread at call; nil if there is none.
//
// The search is path-sensitive in one way that matters: a library that
// sets Pdeathsig from a configurable signal locks the thread only when the
// signal is not zero (if sig != 0 { runtime.LockOSThread(); defer ... }).
// A path remembers what the conditions it took on a comparison with zero
// tell of the value compared (values are named by code.ValueKey, so that
// two loads of the same field agree), drops an edge that contradicts them,
// and does not count a store of a value it knows is zero. Past
// maxAttrStates states the answer is the path-insensitive one.
func (s *ssaPass) findUnlockedAttr(call ssa.CallInstruction, attrs []threadAttr, held *threadAttr) *threadAttr {
	fn := call.Parent()
	entry := -1
	if held != nil {
		attrs, entry = append(slices.Clip(attrs), *held), len(attrs) // set before fn runs
	}
	if len(attrs) == 0 {
		return nil
	}
	index := make(map[ssa.Instruction]int)
	for i, a := range attrs {
		if _, ok := index[a.instr]; !ok && i != entry {
			index[a.instr] = i
		}
	}
	seen := make(map[string]bool)
	stack := []attrState{{block: fn.Blocks[0], unlocked: s.unlockedOnEntry(fn.Blocks[0], entryUnknownUnlocked), attr: -1}}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if key := st.key(); seen[key] {
			continue
		} else if seen[key] = true; len(seen) > maxAttrStates {
			if entry >= 0 {
				return &attrs[entry]
			}
			return firstReaching(call, attrs)
		}
		exits := false
		for _, instr := range st.block.Instrs {
			if instr == call && st.unlocked && st.attr >= 0 {
				return &attrs[st.attr] // set on the path
			}
			if instr == call && st.unlocked && entry >= 0 {
				return &attrs[entry] // held before fn runs
			}
			if i, ok := index[instr]; ok && st.attr < 0 && !isZeroOnPath(attrs[i].val, st.zero) {
				st.attr = i
			}
			st.unlocked = s.threadTransfer(st.unlocked, instr)
			if exits = code.ExitsWithin([]ssa.Instruction{instr}); exits {
				break // the path ends here
			}
		}
		if !exits {
			stack = append(stack, st.successors()...)
		}
	}
	return nil
}

// successors returns the states at the successors of st's block that the
// path may take, with what the branch tells of a value compared with zero.
func (st attrState) successors() []attrState {
	succs := code.Succs(st.block)
	var v ssa.Value
	var op token.Token
	if br, ok := st.block.Instrs[len(st.block.Instrs)-1].(*ssa.If); ok && len(succs) == 2 {
		v, op, _ = code.ZeroTest(br.Cond)
	}
	var next []attrState
	for i, succ := range succs {
		n := st
		n.block = succ
		if zero, known := code.ZeroOnEdge(op, i == 0); v != nil && known {
			key := code.ValueKey(v)
			if was, ok := st.zero[key]; ok && was != zero {
				continue // contradicts the path
			}
			n.zero = maps.Clone(st.zero)
			if n.zero == nil {
				n.zero = make(map[string]bool)
			}
			n.zero[key] = zero
		}
		next = append(next, n)
	}
	return next
}

// key identifies st among the states of a search.
func (st attrState) key() string {
	facts := make([]string, 0, len(st.zero))
	for k, zero := range st.zero {
		facts = append(facts, fmt.Sprint(k, "=", zero))
	}
	slices.Sort(facts)
	return fmt.Sprint(st.block.Index, st.unlocked, st.attr, facts)
}

// isZeroOnPath reports whether val, a value stored into a thread-bound
// field (nil for an attribute set by a call), is zero on a path that knows
// zero: a constant zero, a φ of them, or a value the path found zero.
func isZeroOnPath(val ssa.Value, zero map[string]bool) bool {
	if val == nil {
		return false
	}
	if vals, ok := code.IntValues(val); ok && !slices.ContainsFunc(vals, func(n int64) bool { return n != 0 }) {
		return true
	}
	return zero[code.ValueKey(val)]
}

// firstReaching returns the first of attrs set on some path to instr, or
// nil: the answer of a search that gave up.
func firstReaching(instr ssa.Instruction, attrs []threadAttr) *threadAttr {
	for i := range attrs {
		if code.Reaches(attrs[i].instr, instr) {
			return &attrs[i]
		}
	}
	return nil
}

func (c *checker) reportThreadAttr(call ssa.CallInstruction, name string, a threadAttr) {
	msg := a.field + " set here"
	if a.via != "" {
		msg = a.field + " set by " + a.via + " here"
	}
	var pos, end token.Pos
	if set := cmp.Or(a.origin, a.instr); isCall(set) {
		pos, end = c.calleeRange(set.(ssa.CallInstruction).Common().Pos())
	} else {
		pos, end = c.storeTarget(set.Pos())
	}
	rel := []related{{pos: pos, end: end, message: msg}}
	if a.origin != nil {
		rel = append(rel, related{pos: a.instr.Pos(), message: "attributes taken from a package-level variable here"})
	}
	if decl, ok := c.programOf(call.Parent()); ok && a.field == "Pdeathsig" {
		if m := c.threadEnder(decl); m != nil {
			rel = append(rel, related{pos: m.pos, message: "a goroutine that may end its locked thread runs " + m.what + " here"})
		}
	}
	c.sortByPosition(rel)
	start, stop := c.calleeRange(call.Common().Pos())
	c.diag("threadattr", start, stop, name+" starts a process with "+a.field+" from a goroutine not locked to its thread: "+threadConsequence[a.field], rel)
}

// isCall reports whether instr is a call, a go or a defer statement.
func isCall(instr ssa.Instruction) bool {
	_, ok := instr.(ssa.CallInstruction)
	return ok
}

// storeTarget returns the range of what a store at pos writes: the key of
// a composite literal's element (SSA records its colon) or the left side
// of an assignment (SSA records its operator); pos itself otherwise.
func (c *checker) storeTarget(pos token.Pos) (token.Pos, token.Pos) {
	file := c.fileOf(pos)
	if file == nil {
		return pos, pos
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if n.Colon == pos {
				return n.Key.Pos(), n.Key.End()
			}
		case *ast.AssignStmt:
			if n.TokPos == pos && len(n.Lhs) == 1 {
				return n.Lhs[0].Pos(), n.Lhs[0].End()
			}
		}
	}
	return pos, pos
}

// attrMatters reports whether field, set for the process that call starts,
// can go wrong in the program. Ptrace goes wrong where ptrace requests
// are made: in the package, or wherever the process goes when it leaves
// the function (processEscapes).
func (s *ssaPass) attrMatters(field string, call ssa.CallInstruction) bool {
	c := s.checker
	switch field {
	case "Ptrace":
		return c.refs().ptrace || s.processEscapes(call)
	case "Pdeathsig":
		decl, ok := c.programOf(call.Parent())
		return !ok || c.mayEndThreads(decl)
	}
	return true
}

// threadConsequence says what goes wrong with each thread-bound field.
var threadConsequence = map[string]string{
	"Pdeathsig": "the child gets the signal when that thread exits, which can happen while the program runs",
	"Ptrace":    "only that thread may trace the child, and later ptrace calls may run on another",
}

// processEscapes reports whether the process that call starts, or the
// command that starts it, leaves the package for code that may make
// ptrace requests of it elsewhere: the command came from a parameter or a
// field, or the function returns, or stores where it outlives the
// function, something of it (cmd.Process.Pid, the *os.Process, the pid).
// What a function returns is followed into its callers when only the
// package calls it (runc's spawnProc returns the placeholder to
// Handles.Get, which kills it); a pid formatted into a message or a path
// stays in the function.
func (s *ssaPass) processEscapes(call ssa.CallInstruction) bool {
	roots := []ssa.Value{call.Value()}
	if v := call.Value(); v == nil {
		roots = nil // a go or defer statement
	}
	if args := call.Common().Args; len(args) > 0 && call.Common().Signature().Recv() != nil {
		root := code.RootOf(args[0])
		switch root.(type) {
		case *ssa.Parameter, *ssa.Global, *ssa.FreeVar:
			return true // the caller holds the command
		}
		roots = append(roots, root)
	}
	return s.rootsEscape(call.Parent(), roots, make(map[*ssa.Function]bool))
}

// rootsEscape reports whether fn returns, or stores where it outlives fn,
// a value whose root is one of roots; a return only if the value may
// leave the package through fn's callers (returnEscapes).
func (s *ssaPass) rootsEscape(fn *ssa.Function, roots []ssa.Value, seen map[*ssa.Function]bool) bool {
	rooted := func(v ssa.Value) bool { return slices.Contains(roots, code.RootOf(v)) }
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Return:
				if slices.ContainsFunc(instr.Results, rooted) && s.returnEscapes(fn, seen) {
					return true
				}
			case *ssa.Store:
				if !isLocalAddr(instr.Addr) && rooted(instr.Val) {
					return true
				}
			}
		}
	}
	return false
}

// returnEscapes reports whether what fn returns may leave the package:
// fn is exported, a function literal, or not called by the package, or
// one of its callers in the package lets its result escape.
func (s *ssaPass) returnEscapes(fn *ssa.Function, seen map[*ssa.Function]bool) bool {
	if seen[fn] {
		return false // followed already
	}
	seen[fn] = true
	obj, ok := fn.Object().(*types.Func)
	sites := s.callers[fn]
	if !ok || obj.Exported() || len(sites) == 0 {
		return true // callers elsewhere
	}
	for _, site := range sites {
		call, ok := site.(*ssa.Call)
		if !ok || s.rootsEscape(call.Parent(), []ssa.Value{call}, seen) {
			return true
		}
	}
	return false
}

// isLocalAddr reports whether addr lies in a variable of its function:
// a local, a field or element of one (the array of a variadic call's
// arguments).
func isLocalAddr(addr ssa.Value) bool {
	for {
		switch root := code.RootOf(addr).(type) {
		case *ssa.Alloc:
			return true
		case *ssa.IndexAddr:
			addr = root.X
		default:
			return false
		}
	}
}

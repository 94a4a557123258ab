package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// Parameter starts, threadattr's view of helpers that start a process with
// the attributes their caller built: func start(path string, attr
// *syscall.SysProcAttr) error stores attr into the command it starts, and
// func run(cmd *exec.Cmd) error runs the command its caller configured. A
// call of such a helper starts a process with the attributes of its
// argument, on the caller's thread when the helper does not lock it first.

// paramStartSummaries makes, once, the parameters of process attributes
// that each function of the package starts a process with on its caller's
// thread, to a fixed point: a helper may hand them to another.
func (s *ssaPass) paramStartSummaries() map[*ssa.Function][]paramStart {
	sum := s.exitMemo()
	if sum.starts != nil {
		return sum.starts
	}
	sum.starts = make(map[*ssa.Function][]paramStart)
	for changed := true; changed; {
		changed = false
		for _, fn := range s.fns {
			if starts := s.paramStartsOf(fn); len(starts) > len(sum.starts[fn]) {
				sum.starts[fn] = starts
				changed = true
			}
		}
	}
	return sum.starts
}

// paramStartsOf returns the parameters of process attributes of fn that a
// process start of fn takes, where the thread is as fn's caller left it
// (fn, entered unlocked, has not locked it on some path), in order.
func (s *ssaPass) paramStartsOf(fn *ssa.Function) []paramStart {
	params := attrsParams(fn)
	if len(params) == 0 || len(fn.Blocks) == 0 {
		return nil // nothing to start with
	}
	in := make([]bool, len(fn.Blocks))
	in[0] = true // entered unlocked
	s.propagateUnlocked(fn, in)
	var starts []paramStart
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue
		}
		unlocked := in[b.Index]
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && unlocked {
				starts = s.addParamStarts(starts, call, params)
			}
			unlocked = s.threadTransfer(unlocked, instr)
		}
	}
	slices.SortFunc(starts, func(a, b paramStart) int { return a.Param - b.Param })
	return starts
}

// attrsParams returns the parameters of fn that hold process attributes
// (holdsProcessAttrs); a receiver only if it is them: a method that starts
// the command of its struct's field is judged there (fieldAttrs).
func attrsParams(fn *ssa.Function) []*ssa.Parameter {
	var params []*ssa.Parameter
	for i, p := range fn.Params {
		if i == 0 && fn.Signature.Recv() != nil && !code.IsProcessAttrs(p.Type()) {
			continue // a receiver that holds a command in a field
		}
		if holdsProcessAttrs(p.Type()) {
			params = append(params, p)
		}
	}
	return params
}

// addParamStarts adds to starts each of params, parameters of call's
// function, that what call starts a process with holds (startedArgs).
func (s *ssaPass) addParamStarts(starts []paramStart, call ssa.CallInstruction, params []*ssa.Parameter) []paramStart {
	fn := call.Parent()
	for _, arg := range s.startedArgs(call) {
		for _, p := range params {
			ps := paramStart{Param: slices.Index(fn.Params, p), Name: p.Name()}
			if !slices.Contains(starts, ps) && holds(arg, p, 0) {
				starts = append(starts, ps)
			}
		}
	}
	return starts
}

// holdsProcessAttrs reports whether t is process attributes (an
// *exec.Cmd, *os.ProcAttr or *syscall.SysProcAttr, under any name), a
// slice of them (cmds ...*exec.Cmd), or a struct, or a pointer to one,
// with a field of them (a runner's Config{SysProcAttr: ...}).
func holdsProcessAttrs(t types.Type) bool {
	if s, ok := t.Underlying().(*types.Slice); ok {
		t = s.Elem()
	}
	if code.IsProcessAttrs(t) {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if code.IsProcessAttrs(f.Type()) {
			return true
		}
	}
	return false
}

// startedArgs returns the arguments of call whose attributes the process
// it starts takes: every argument of a process start of the standard
// library (the command, the ProcAttr), those at the parameter starts of a
// function of the package (paramStartSummaries, as far as made) or of
// another package (exitFact); nil for any other call. A go statement
// starts nothing on the caller's thread.
func (s *ssaPass) startedArgs(call ssa.CallInstruction) []ssa.Value {
	if _, ok := call.(*ssa.Go); ok {
		return nil // another goroutine
	}
	var started []ssa.Value
	for _, t := range code.Targets(call.Common()) {
		obj, _ := t.Fn.Object().(*types.Func)
		if obj != nil && std.ProcessStarters[s.stdName(obj.Origin())] {
			return t.Args
		}
		for _, p := range s.paramStartsOfCallee(t.Fn, obj) {
			if p.Param < len(t.Args) {
				started = append(started, t.Args[p.Param])
			}
		}
	}
	return started
}

// paramStartsOfCallee returns the parameter starts of callee, whose object
// is obj (nil for a function literal): its summary in the package, its
// exitFact in another.
func (s *ssaPass) paramStartsOfCallee(callee *ssa.Function, obj *types.Func) []paramStart {
	if obj == nil || obj.Pkg() == s.pass.Pkg {
		return s.exitMemo().starts[code.SourceOf(callee)]
	}
	if f := s.importedExit(obj); f != nil {
		return f.Starts
	}
	return nil
}

// maxHoldDepth bounds the stores holds follows: the attributes stored
// into a ProcAttr's Sys, stored into a command of the user's.
const maxHoldDepth = 3

// holds reports whether v, or an object it lies in, is inner's root
// (holdRoot), or holds it: a field or an element of v's root was set to a
// value that holds it (cmd.SysProcAttr = attr; &os.ProcAttr{Sys: attr};
// the array of a variadic call's arguments), following at most
// maxHoldDepth stores.
func holds(v, inner ssa.Value, depth int) bool {
	root := holdRoot(v)
	if root == holdRoot(inner) {
		return true
	}
	if depth == maxHoldDepth {
		return false
	}
	for _, r := range partsOf(root) {
		var addr ssa.Value
		switch r := r.(type) {
		case *ssa.FieldAddr:
			addr = r
		case *ssa.IndexAddr:
			addr = r
		default:
			continue // not a part of root
		}
		for _, ar := range referrers(addr) {
			if store, ok := ar.(*ssa.Store); ok && store.Addr == addr && holds(store.Val, inner, depth+1) {
				return true
			}
		}
	}
	return false
}

// partsOf returns the instructions that use root, a value or a variable,
// and those that use what a load of the variable gives (a captured cmd:
// cmd.SysProcAttr is a field of *cmd).
func partsOf(root ssa.Value) []ssa.Instruction {
	uses := referrers(root)
	if _, ok := root.(*ssa.Alloc); !ok {
		return uses
	}
	for _, r := range slices.Clone(uses) {
		if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL && load.X == root {
			uses = append(uses, referrers(load)...)
		}
	}
	return uses
}

// holdRoot returns the value that v lies in: its root (code.RootOf) through
// elements and slices too, or the parameter it is (code.ParamOf: a
// parameter that a closure captures is a load of a local; and a struct
// parameter lives in a local).
func holdRoot(v ssa.Value) ssa.Value {
	for {
		var last ssa.Value
		for b := range code.Bases(v) {
			if p := code.ParamOf(b.Parent(), b); p != nil {
				return p
			}
			if local, ok := b.(*ssa.Alloc); ok {
				if p := code.ParamStoredAt(local.Parent(), local); p != nil {
					return p // a struct parameter kept in a local
				}
			}
			last = b
		}
		switch x := last.(type) {
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Slice:
			v = x.X
		default:
			return last
		}
	}
}

// paramStartCall returns the arguments of call that a function it calls
// starts a process with (its parameter starts), and how a message names
// the call ("call of start"); nil if it calls none. A function of another
// package counts by its exitFact only: a process start that its
// attributes do not reach (lib.Tool()), or that it makes on a thread it
// locked, is not one.
func (s *ssaPass) paramStartCall(call ssa.CallInstruction) ([]ssa.Value, string) {
	for _, t := range code.Targets(call.Common()) {
		obj, _ := t.Fn.Object().(*types.Func)
		if obj != nil && std.ProcessStarters[s.stdName(obj.Origin())] {
			return nil, "" // a start itself
		}
		var args []ssa.Value
		for _, p := range s.paramStartsOfCallee(t.Fn, obj) {
			if p.Param < len(t.Args) {
				args = append(args, t.Args[p.Param])
			}
		}
		if len(args) == 0 {
			continue // starts nothing with them
		}
		name := t.Fn.Name()
		if obj != nil && obj.Pkg() != s.pass.Pkg {
			name = code.QualifiedName(obj)
		}
		return args, "call of " + name
	}
	return nil, ""
}

// attrsHandedTo returns, of attrs, those set on what one of args holds:
// the attributes built for a helper's process.
func (s *ssaPass) attrsHandedTo(args []ssa.Value, attrs []threadAttr) []threadAttr {
	var handed []threadAttr
	for _, a := range attrs {
		targets := s.attrTargets(a)
		if slices.ContainsFunc(args, func(arg ssa.Value) bool {
			return slices.ContainsFunc(targets, func(t ssa.Value) bool { return holds(arg, t, 0) })
		}) {
			handed = append(handed, a)
		}
	}
	return handed
}

// attrCallees returns the functions that call may call, for the
// attributes they set: its callees as far as a local data flow shows
// (code.Callees), or, for a call of a function value of unknown origin
// (a functional option applied in a loop: for _, o := range opts {
// o(cmd) }), every function of the package of the same signature that
// the package uses as a value and that sets attributes through a
// parameter (attrSummaries, as far as made).
func (s *ssaPass) attrCallees(call *ssa.CallCommon) []*ssa.Function {
	if callees := code.Callees(call); len(callees) > 0 || call.IsInvoke() {
		return callees
	}
	if _, ok := call.Value.(*ssa.Builtin); ok {
		return nil // a builtin
	}
	sum := s.exitMemo()
	var fns []*ssa.Function
	for _, fn := range s.valueFuncs() {
		if len(sum.params[fn]) > 0 && types.Identical(fn.Signature, call.Signature()) {
			fns = append(fns, fn)
		}
	}
	return fns
}

// valueFuncs returns, made once, the functions of the package that it
// uses as values: its function literals, and the functions it passes,
// stores or returns rather than calls.
func (s *ssaPass) valueFuncs() []*ssa.Function {
	sum := s.exitMemo()
	if sum.values != nil {
		return sum.values
	}
	seen := make(map[*ssa.Function]bool)
	for _, fn := range s.fns {
		if fn.Parent() != nil {
			seen[fn] = true // a literal
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				markFuncValues(instr, fn.Pkg, seen)
			}
		}
	}
	sum.values = make([]*ssa.Function, 0, len(seen))
	for _, fn := range s.fns {
		if seen[fn] {
			sum.values = append(sum.values, fn)
		}
	}
	return sum.values
}

// markFuncValues marks in seen the functions of pkg that instr uses as
// values rather than calls.
func markFuncValues(instr ssa.Instruction, pkg *ssa.Package, seen map[*ssa.Function]bool) {
	var callee *ssa.Value
	if call, ok := instr.(ssa.CallInstruction); ok {
		callee = &call.Common().Value
	}
	for _, op := range instr.Operands(nil) {
		if op == callee || *op == nil {
			continue // called, not used as a value
		}
		if fn, ok := (*op).(*ssa.Function); ok && fn.Pkg == pkg {
			seen[fn] = true
		}
	}
}

// attrCalleeName returns how a message names callee, a function that sets
// attributes: its name, or for a function literal the function it is
// written in.
func attrCalleeName(callee *ssa.Function) string {
	if callee.Parent() == nil {
		return callee.Name()
	}
	for callee.Parent() != nil {
		callee = callee.Parent()
	}
	return "the function literal in " + callee.Name()
}

// capturedAttr returns an attribute set, before it makes the closure, by
// the function that call's function literal is written in, on what the
// literal captures and starts a process with (cmd.SysProcAttr = ...; go
// func() { cmd.Run() }()); nil if none.
func (s *ssaPass) capturedAttr(call ssa.CallInstruction, args []ssa.Value) *threadAttr {
	fn := call.Parent()
	if fn.Parent() == nil {
		return nil // not a literal
	}
	for _, arg := range args {
		fv, ok := holdRoot(arg).(*ssa.FreeVar)
		if !ok {
			continue // not captured
		}
		if a := s.attrOnBinding(fv); a != nil {
			return a
		}
	}
	return nil
}

// attrOnBinding returns an attribute that the function fv's closure is
// made in sets, before it makes it, on what it binds to fv; nil if none.
func (s *ssaPass) attrOnBinding(fv *ssa.FreeVar) *threadAttr {
	i := slices.Index(fv.Parent().FreeVars, fv)
	parent := fv.Parent().Parent()
	attrs := s.threadAttrsOf(parent)
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fv.Parent() || i >= len(mc.Bindings) {
				continue // not the closure
			}
			for _, a := range attrs {
				if code.Reaches(a.instr, mc) && slices.ContainsFunc(s.attrTargets(a), func(t ssa.Value) bool { return holds(mc.Bindings[i], t, 0) }) {
					return &a
				}
			}
		}
	}
	return nil
}

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

// Mutexes, a shared analysis: which calls lock or unlock which mutex, and
// what a function leaves locked or unlocked for its caller (its lock
// summary, exported as a lockFact). The dataflow that tracks them through
// a function is in witnesses.go.

// A mutexRef says where a mutex is, relative to a function: a value of the
// function (a parameter, a local variable) or a package-level variable,
// then fields and pointers followed from it.
type mutexRef struct {
	root     ssa.Value  // nil for a package-level variable
	global   *globalVar // the package-level variable, if root is nil
	steps    []lockStep
	rootName string // how the source names root and its first named steps: the argument of a call; "" if unknown
	named    int
}

// A globalVar names a package-level variable.
type globalVar struct {
	path, pkg, name string // the package's path and name, the variable's name
}

// A lockStep is a step from a mutex's root to the mutex: a field (by
// index, and name for messages) of the struct the root points to, or,
// when Field is negative, a load of the pointer.
type lockStep struct {
	Field int
	Name  string
}

// key identifies the mutex within one function: the same variable, the
// same field of the same base, or the same SSA value.
func (r *mutexRef) key() string {
	k := ""
	if r.root == nil {
		k = "global " + r.global.path + "." + r.global.name
	} else {
		k = "value " + r.root.Name()
	}
	for _, st := range r.steps {
		if st.Field < 0 {
			k = "*" + k
		} else {
			k = fmt.Sprintf("%s.%d", k, st.Field)
		}
	}
	return k
}

// name returns how a message in package from names the mutex: "mu",
// "s.mu", "syscall.ForkLock", or "a mutex" when the SSA form and the
// syntax of the call lost the name of the mutex or of what holds it.
func (r *mutexRef) name(from *types.Package) string {
	n := "a mutex"
	switch {
	case r.root == nil && r.global.path != from.Path():
		n = r.global.pkg + "." + r.global.name
	case r.root == nil:
		n = r.global.name
	case r.rootName != "":
		n = r.rootName
	default:
		n = valueName(r.root)
	}
	steps := r.steps
	if r.rootName != "" {
		steps = steps[r.named:]
	}
	for _, st := range steps {
		if st.Field < 0 {
			continue // a load names the same thing
		}
		if n == "a mutex" || st.Name == "" {
			return "a mutex" // a field of something unnamed: a bare field name could name another mutex
		}
		n += "." + st.Name
	}
	return n
}

// valueName returns the name of a variable that v is, or "a mutex".
func valueName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Alloc:
		if token.IsIdentifier(v.Comment) && !builderComments[v.Comment] {
			return v.Comment
		}
	case *ssa.Parameter, *ssa.FreeVar:
		return v.Name()
	}
	return "a mutex"
}

// builderComments are the comments the SSA builder gives allocations that
// are not variables.
var builderComments = map[string]bool{"complit": true, "new": true, "slicelit": true, "varargs": true, "makeslice": true, "rangeindex": true}

// refOf returns where the mutex at address v is: through fields and loads
// to a value or a package-level variable. A load of an unexported field
// that every store of the package sets to the same package-level variable
// (a struct field that holds &syscall.ForkLock) is that variable.
func (s *ssaPass) refOf(v ssa.Value) *mutexRef {
	var steps []lockStep
	r := &mutexRef{}
walk:
	for {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			steps = append(steps, lockStep{Field: x.Field, Name: code.FieldName(x)})
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				break walk
			}
			if g := s.fieldGlobal(x); g != nil {
				r.global = globalOf(g)
				break walk
			}
			steps = append(steps, lockStep{Field: -1})
			v = x.X
		case *ssa.Global:
			r.global = globalOf(x)
			break walk
		default:
			break walk
		}
	}
	if r.global == nil {
		r.root = v
	}
	slices.Reverse(steps)
	r.steps = steps
	return normalized(r)
}

// normalized returns r with a parameter that a closure captures as its
// root: the SSA builder keeps such a parameter in a variable (an Alloc) and
// loads it at each use, so that s.mu is reached from the variable, through
// a load, and not from the parameter s, which callers and lock summaries
// name.
func normalized(r *mutexRef) *mutexRef {
	alloc, ok := r.root.(*ssa.Alloc)
	if !ok || len(r.steps) == 0 || r.steps[0].Field >= 0 {
		return r
	}
	p := spilledParam(alloc)
	if p == nil {
		return r
	}
	return &mutexRef{root: p, steps: r.steps[1:], rootName: r.rootName, named: max(r.named-1, 0)}
}

// spilledParam returns the parameter that alloc holds, when alloc is the
// variable the SSA builder makes for a parameter that a closure captures
// (its only store is the parameter's value) and nothing changes it: it is
// only loaded, and the closures that capture it only load it. nil
// otherwise.
func spilledParam(alloc *ssa.Alloc) *ssa.Parameter {
	var param *ssa.Parameter
	for _, instr := range *alloc.Referrers() {
		switch instr := instr.(type) {
		case *ssa.Store:
			p, ok := instr.Val.(*ssa.Parameter)
			if !ok || instr.Addr != alloc || param != nil {
				return nil // another value stored, or its address stored
			}
			param = p
		case *ssa.UnOp:
			if instr.Op != token.MUL {
				return nil
			}
		case *ssa.MakeClosure:
			if !onlyLoaded(instr, alloc) {
				return nil
			}
		case *ssa.DebugRef:
		default:
			return nil // its address escapes
		}
	}
	return param
}

// onlyLoaded reports whether the closure mc makes only loads the
// variables it binds to v (and so do the closures it makes of them).
func onlyLoaded(mc *ssa.MakeClosure, v ssa.Value) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false // cannot happen: a closure is of a function
	}
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		for _, instr := range *fn.FreeVars[i].Referrers() {
			switch instr := instr.(type) {
			case *ssa.UnOp:
				if instr.Op != token.MUL {
					return false
				}
			case *ssa.MakeClosure:
				if !onlyLoaded(instr, fn.FreeVars[i]) {
					return false
				}
			case *ssa.DebugRef:
			default:
				return false
			}
		}
	}
	return true
}

func globalOf(g *ssa.Global) *globalVar {
	return &globalVar{path: g.Pkg.Pkg.Path(), pkg: g.Pkg.Pkg.Name(), name: g.Name()}
}

// fieldGlobal returns the package-level variable whose address load reads,
// when load reads an unexported field of a struct of the package that
// every store of the package sets to that address; nil otherwise.
func (s *ssaPass) fieldGlobal(load *ssa.UnOp) *ssa.Global {
	field := code.LoadedField(load)
	if field == nil || field.Exported() || field.Pkg() != s.pass.Pkg {
		return nil // not a field, or another package may set it
	}
	if s.fieldVals == nil {
		s.fieldVals = s.storedFieldGlobals()
	}
	return s.fieldVals[field]
}

// storedFieldGlobals returns, for each field of the package that stores
// set only to the address of one package-level variable, that variable.
func (s *ssaPass) storedFieldGlobals() map[*types.Var]*ssa.Global {
	vals := make(map[*types.Var]*ssa.Global)
	other := make(map[*types.Var]bool)
	for _, fn := range s.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				store, ok := instr.(*ssa.Store)
				if !ok {
					continue // not a store
				}
				addr, ok := store.Addr.(*ssa.FieldAddr)
				if !ok {
					continue // not into a field
				}
				field := code.FieldVar(addr)
				g, ok := code.Unconvert(store.Val).(*ssa.Global)
				switch {
				case field == nil:
				case !ok || vals[field] != nil && vals[field] != g:
					other[field] = true
				default:
					vals[field] = g
				}
			}
		}
	}
	for f := range other {
		delete(vals, f)
	}
	return vals
}

// A lockOp is what a call does to a mutex.
type lockOp struct {
	acquire bool
	mode    string // "w" or "r"
	ref     *mutexRef
	guard   *lockGuard // for an acquisition that holds only on some results; nil if it always does
	maybe   bool       // an acquisition that holds on some paths only: never a witness (lockEffect.Maybe)
}

// A lockGuard says on which results of a call an acquisition holds: when
// the result (the call's, or the index-th of its tuple) is not zero, or,
// if zero is set, when it is.
type lockGuard struct {
	call  *ssa.Call
	index int // -1: the call's only result
	zero  bool
}

// holdsOn reports whether v is the guarded result.
func (g *lockGuard) is(v ssa.Value) bool {
	if g.index < 0 {
		return v == g.call
	}
	x, ok := v.(*ssa.Extract)
	return ok && x.Tuple == g.call && x.Index == g.index
}

// lockOpsOf returns what call, a call or a deferred call, does to mutexes:
// a method of sync.Mutex or sync.RWMutex (called, or through a method
// value, or the Lock and Unlock of an RWMutex's RLocker), or a function of
// the package or of another package that leaves mutexes locked or unlocked
// (its lock summary or lockFact). Computed once per call.
func (s *ssaPass) lockOpsOf(call ssa.CallInstruction) []lockOp {
	if ops, ok := s.lockOps[call]; ok {
		return ops
	}
	s.lockOps[call] = nil // breaks cycles
	var ops []lockOp
	if op, ok := s.lockerOp(call.Common()); ok {
		ops = append(ops, op)
	}
	targets := code.Targets(call.Common())
	for _, t := range targets {
		var tops []lockOp
		if op, ok := s.lockOpOf(t.Object()); ok && op.Delta != 0 {
			tops = s.stdLockOp(call, t, op)
		} else {
			tops = s.calleeLockOps(call, t)
		}
		for _, op := range tops {
			if op.acquire && len(targets) > 1 {
				continue // which of the values locks is not known: no witness
			}
			ops = append(ops, op)
		}
	}
	s.lockOps[call] = ops
	return ops
}

// stdLockOp returns what a call of a method of sync.Mutex or sync.RWMutex
// does.
func (s *ssaPass) stdLockOp(call ssa.CallInstruction, t code.Target, op std.LockOp) []lockOp {
	mu := t.Arg(0)
	if mu == nil {
		return nil // no receiver: cannot happen, but never panic on user code
	}
	l := lockOp{acquire: op.Delta > 0, mode: op.Mode, ref: s.refOf(mu)}
	if op.Try {
		plain, ok := call.(*ssa.Call)
		if !ok {
			return nil // a deferred TryLock: its result is lost
		}
		l.guard = &lockGuard{call: plain, index: -1}
	}
	return []lockOp{l}
}

// lockerOp returns what a call of Lock or Unlock on a sync.Locker does
// when the locker's dynamic type is known in the function: an RWMutex's
// RLocker, or a *sync.Mutex or *sync.RWMutex made an interface.
func (s *ssaPass) lockerOp(call *ssa.CallCommon) (lockOp, bool) {
	if !call.IsInvoke() {
		return lockOp{}, false
	}
	delta := std.LockerOps[call.Method.Name()]
	if delta == 0 {
		return lockOp{}, false
	}
	switch v := call.Value.(type) {
	case *ssa.Call:
		for _, t := range code.Targets(v.Common()) {
			if obj := t.Object(); obj != nil && s.stdName(obj) == std.RLocker && t.Arg(0) != nil {
				return lockOp{acquire: delta > 0, mode: "r", ref: s.refOf(t.Arg(0))}, true
			}
		}
	case *ssa.MakeInterface:
		if isMutexPointer(v.X.Type()) {
			return lockOp{acquire: delta > 0, mode: "w", ref: s.refOf(v.X)}, true
		}
	}
	return lockOp{}, false
}

// isMutexPointer reports whether t is *sync.Mutex or *sync.RWMutex.
func isMutexPointer(t types.Type) bool {
	ptr, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "sync" {
		return false
	}
	return named.Obj().Name() == "Mutex" || named.Obj().Name() == "RWMutex"
}

// calleeLockOps returns what a call of t, a function of the package (its
// lock summary) or of another package (its lockFact), does to mutexes, named
// as the caller names them: the callee's mutex reached from a parameter is
// reached from the argument.
func (s *ssaPass) calleeLockOps(call ssa.CallInstruction, t code.Target) []lockOp {
	var effects []lockEffect
	if fn := code.SourceOf(t.Fn); fn.Pkg == s.pkg {
		effects = s.lockSummary(fn)
	} else if obj := t.Object(); obj != nil {
		if f := s.importedLock(obj); f != nil {
			effects = f.Effects
		}
	}
	var ops []lockOp
	for _, e := range effects {
		if op, ok := s.applyEffect(call, t, e); ok {
			ops = append(ops, op)
		}
	}
	return ops
}

// applyEffect returns the lock operation that e, an effect of the callee
// of call, is in the caller, if the caller can name the mutex.
func (s *ssaPass) applyEffect(call ssa.CallInstruction, t code.Target, e lockEffect) (lockOp, bool) {
	op := lockOp{acquire: !e.Release, mode: e.Mode, maybe: e.Maybe}
	if e.Capture > 0 {
		op.ref = s.capturedRef(call, t, e)
		if op.ref == nil {
			return lockOp{}, false // which variable the literal captures is not clear
		}
	} else if e.Param < 0 {
		op.ref = &mutexRef{global: &globalVar{path: e.PkgPath, pkg: e.PkgName, name: e.Var}}
	} else if arg := t.Arg(e.Param); arg != nil {
		base := s.refOf(arg)
		op.ref = &mutexRef{root: base.root, global: base.global, steps: append(slices.Clone(base.steps), e.Steps...)}
		if base.root != nil {
			op.ref.rootName, op.ref.named = s.argName(call, t, e.Param), len(base.steps) // the argument's fields are in its name
		}
	} else {
		return lockOp{}, false // no such argument: the mapping is not clear
	}
	if e.Result != 0 {
		plain, ok := call.(*ssa.Call)
		if !ok {
			return op, true // deferred: the result is lost, the lock may be held
		}
		index, zero := e.Result-1, false
		if e.Result < 0 {
			index, zero = -e.Result-1, true
		}
		if plain.Call.Signature().Results().Len() == 1 {
			index = -1
		}
		op.guard = &lockGuard{call: plain, index: index, zero: zero}
	}
	return op, true
}

// capturedRef returns where the mutex of e, an effect of t, a function
// literal, reached from a variable it captures, is in the caller: reached
// from the value the closure that call calls binds to that variable. nil
// when call does not call a closure made in the caller.
func (s *ssaPass) capturedRef(call ssa.CallInstruction, t code.Target, e lockEffect) *mutexRef {
	mc, ok := call.Common().Value.(*ssa.MakeClosure)
	if !ok || mc.Fn != t.Fn || e.Capture > len(mc.Bindings) {
		return nil
	}
	base := s.refOf(mc.Bindings[e.Capture-1])
	return normalized(&mutexRef{root: base.root, global: base.global, steps: append(slices.Clone(base.steps), e.Steps...)})
}

// argName returns how the source of call names the i-th argument of t, a
// variable or a chain of fields ("x", "s.inner"), or "" when it is
// something else or the call is a method value's.
func (s *ssaPass) argName(call ssa.CallInstruction, t code.Target, i int) string {
	ce := s.callAt(call.Common().Pos())
	if ce == nil || len(t.Args) != len(call.Common().Args) && i == 0 {
		return "" // no syntax, or a receiver bound in a method value
	}
	arg := code.ArgExpr(s.pass.TypesInfo, ce, i)
	if arg == nil {
		return ""
	}
	return code.PathName(arg)
}

// lockSummary returns what fn, a function of the package, leaves for its
// caller: the mutexes it releases on some path (first), then those it may
// return holding, each reached from a parameter or a package-level
// variable. An acquisition held only on the returns whose result i is not
// zero (or is zero) is marked so; one held on some paths to a return only
// (if !disabled { mu.Lock() }), or that the function may hold by a call of
// such a function, is marked Maybe. Computed once per function; a cycle
// contributes nothing.
func (s *ssaPass) lockSummary(fn *ssa.Function) []lockEffect {
	if e, ok := s.summaries[fn]; ok {
		return e
	}
	s.summaries[fn] = nil // breaks cycles
	var returns []*ssa.Return
	var states []*witnessState
	released := make(map[string]lockEffect)
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue // not built
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		st := s.stateBefore(ret)
		if st == nil || st.dead {
			continue // never returns this way
		}
		returns, states = append(returns, ret), append(states, st)
		for k, r := range st.released {
			if e, ok := effectOf(fn, r, true); ok {
				released[k] = e
			}
		}
	}
	var effects []lockEffect
	for _, k := range sortedKeys(released) {
		effects = append(effects, released[k])
	}
	held := make(map[string]related)
	may := make(map[string]related)
	for _, st := range states {
		for k, r := range st.held {
			if old, ok := held[k]; !ok || r.pos < old.pos {
				held[k] = r
			}
		}
		for k, r := range st.may {
			if old, ok := may[k]; !ok || r.pos < old.pos {
				may[k] = r
			}
		}
	}
	maybe := make(map[string]lockEffect)
	for _, k := range sortedKeys(held) {
		e, ok := effectOf(fn, held[k], false)
		if !ok {
			continue // a mutex the caller cannot name
		}
		if e.Result, ok = heldOnResult(k, returns, states); ok {
			effects = append(effects, e)
		} else {
			e.Maybe, e.Result = true, 0
			maybe[k] = e
		}
	}
	for _, k := range sortedKeys(may) {
		if _, ok := held[k]; ok {
			continue // held for sure on some returns: exported above
		}
		if e, ok := effectOf(fn, may[k], false); ok {
			e.Maybe = true
			maybe[k] = e
		}
	}
	for _, k := range sortedKeys(maybe) {
		effects = append(effects, maybe[k])
	}
	s.summaries[fn] = effects
	return effects
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// effectOf returns the effect of fn that a lock witness or release r is,
// if its mutex is reached from a parameter or a package-level variable.
func effectOf(fn *ssa.Function, r related, release bool) (lockEffect, bool) {
	ref := r.ref
	e := lockEffect{Release: release, Mode: r.mode, Param: -1, Steps: ref.steps, Name: ref.name(fn.Pkg.Pkg)}
	if ref.root == nil {
		e.PkgPath, e.PkgName, e.Var = ref.global.path, ref.global.pkg, ref.global.name
		return e, true
	}
	if fv, ok := ref.root.(*ssa.FreeVar); ok {
		e.Capture = 1 + slices.Index(fn.FreeVars, fv)
		return e, e.Capture > 0 // a literal's: its caller names what it binds
	}
	p, ok := ref.root.(*ssa.Parameter)
	if !ok {
		return lockEffect{}, false // a local mutex
	}
	e.Param = slices.Index(fn.Params, p)
	return e, e.Param >= 0
}

// heldOnResult says on which results the mutex k is held at the returns
// of a function: 0 when it may be on any; -(1+i) when only on returns whose
// result i is the zero constant; 1+i when only on returns whose result i is
// not a zero constant (as "return err" after "if err != nil"), where the
// caller takes it to be held only if the result is not zero. It reports
// false when some return may hold k on some paths only: which is not
// clear.
func heldOnResult(k string, returns []*ssa.Return, states []*witnessState) (int, bool) {
	var holding, free []*ssa.Return
	for i, st := range states {
		r, may := st.held[k]
		switch {
		case st.must[k] || may && r.guard != nil: // a result that says whether it holds, not tested
			holding = append(holding, returns[i])
		case may:
			return 0, false // held on some paths to this return
		default:
			free = append(free, returns[i])
		}
	}
	if len(holding) == 0 {
		return 0, false
	}
	if len(free) == 0 {
		return 0, true
	}
	for i, res := range returns[0].Results {
		if !hasZero(res.Type()) {
			continue // says nothing of success
		}
		if allZero(holding, i) && !allZero(free, i) {
			return -(1 + i), true
		}
		if noneZero(holding, i) {
			return 1 + i, true
		}
	}
	return 0, true // held on some returns, whatever the results
}

func allZero(rets []*ssa.Return, i int) bool {
	return !slices.ContainsFunc(rets, func(r *ssa.Return) bool { return !isZero(r.Results[i]) })
}

func noneZero(rets []*ssa.Return, i int) bool {
	return !slices.ContainsFunc(rets, func(r *ssa.Return) bool { return isZero(r.Results[i]) })
}

func isZero(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && hasZero(v.Type()) && code.IsZeroConst(k)
}

// hasZero reports whether a result of type t can say success or failure:
// a boolean, or a pointer, interface (error) or other nilable value.
func hasZero(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.Bool
	case *types.Pointer, *types.Interface, *types.Map, *types.Chan, *types.Signature, *types.Slice:
		return true
	}
	return false
}

// exportLockFacts exports the lock summary of each function of the package
// that leaves a mutex locked or unlocked for its caller, and records in the
// package fact whether there was any with an exported name: only those can
// another package call, and read the fact of (see lockBodies).
func (s *ssaPass) exportLockFacts() {
	if s.pass.Pkg.Name() == "main" || !s.leavesLocks() {
		return // no importers, or every function releases what it locks
	}
	for _, fn := range s.fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Name() == "init" || code.IsInitFunc(fn) {
			continue // a literal or an init function: nothing outside calls it
		}
		if effects := s.lockSummary(fn); len(effects) > 0 {
			effects = slices.Clone(effects)
			for i, e := range effects {
				effects[i].First = e.Release && s.releasesFirst(fn)[effectKey(fn, e)]
			}
			s.pass.ExportObjectFact(obj, &lockFact{Effects: effects})
			s.exports.Locks = s.exports.Locks || obj.Exported()
		}
	}
}

// leavesLocks reports whether a function of the package may leave a mutex
// locked or unlocked for its caller, from the syntax: a function that
// locks a mutex it never unlocks, or unlocks one it never locks (each
// mutex as written, in each mode; deferred unlocks count), or that calls a
// function of another package with a lockFact. It gates the export of
// lockFacts: most packages unlock what they lock in the same function.
// A function literal counts as a function of its own, but for one that
// runs in place and declares nothing (code.InPlace: defer func() {
// mu.Unlock() }()), which is part of the function around it, as the SSA
// lock summary has it. Computed once, and only for a package that refers
// to a lock operation (refs.lockOp).
func (c *checker) leavesLocks() bool {
	if c.leaves == nil {
		leaves := c.refs().lockOp && slices.ContainsFunc(c.pass.Files, func(file *ast.File) bool {
			return c.refs().lockFiles[c.pass.Fset.File(file.FileStart)] && code.AnyFuncBody(file, c.unbalanced)
		})
		c.leaves = &leaves
	}
	return *c.leaves
}

// unbalanced reports whether body (outside its function literals, but for
// those that run in place: defer func() { mu.Unlock() }()) locks a mutex
// it never unlocks or unlocks one it never locks, uses a lock operation as
// a value (lock := mu.Lock), or calls a function of another package that
// leaves mutexes locked or unlocked.
func (c *checker) unbalanced(body *ast.BlockStmt) bool {
	var b code.LockBalance
	called := make(map[*ast.Ident]bool) // the names of the functions called
	code.InspectBody(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func); ok && !called[id] {
				_, op := c.lockOpOf(fn)
				b.Other = b.Other || op // a method value or expression: not followed here
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id := code.CalleeIdent(call); id != nil {
			called[id] = true
		}
		fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
		if !ok || fn.Pkg() == nil {
			return true
		}
		if op, ok := c.lockOpOf(fn); ok {
			mu := op.Mode
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				mu = types.ExprString(sel.X) + "/" + op.Mode
			}
			b.Add(mu, op.Delta > 0)
		} else if c.stdName(fn) == std.RLocker || fn.Pkg() != c.pass.Pkg && c.hasLockFact(fn) {
			b.Other = true
		}
		return true
	})
	return b.Unbalanced()
}

// lockOpOf returns what fn, if it is a method of sync.Mutex or
// sync.RWMutex, does to the mutex (std.LockOps).
func (c *checker) lockOpOf(fn *types.Func) (std.LockOp, bool) {
	op, ok := std.LockOps[c.stdName(fn)]
	return op, ok
}

// hasLockFact reports whether fn, a function of another package, carries a
// lockFact.
func (c *checker) hasLockFact(fn *types.Func) bool {
	return c.importedLock(fn) != nil
}

// importedLock returns the lockFact of fn, a function of another package,
// or nil.
func (c *checker) importedLock(fn *types.Func) *lockFact {
	return importedFact[lockFact](c, fn, func(pf *packageFact) bool { return pf.Locks })
}

// String says what e does: "locks s.mu", "unlocks syscall.ForkLock for
// reading".
func (e lockEffect) String() string {
	verb := "locks "
	if e.Release {
		verb = "unlocks "
	} else if e.Maybe {
		verb = "may lock "
	}
	s := verb + e.Name
	if e.Mode == "r" {
		s += " for reading"
	}
	if e.First {
		s += " before it creates a process"
	}
	switch {
	case e.Result > 0:
		s += fmt.Sprintf(" when result %d is not zero", e.Result-1)
	case e.Result < 0:
		s += fmt.Sprintf(" when result %d is zero", -e.Result-1)
	}
	return s
}

// effectsString joins the effects of a lockFact.
func effectsString(effects []lockEffect) string {
	var parts []string
	for _, e := range effects {
		parts = append(parts, e.String())
	}
	return strings.Join(parts, "; ")
}

// intoCallee returns w, the witnesses at site, a place in the package that
// calls fn or makes a closure of it, with each mutex's ref (where the
// mutex is) as fn reaches it: through the parameter given the argument
// that reaches it, or the variable the closure captures; nil when fn
// cannot reach it. A package-level variable is the same everywhere; when
// fn may also reach it through a parameter (release(&mu)), the witness is
// repeated with that ref.
func (s *ssaPass) intoCallee(fn *ssa.Function, site ssa.Instruction, w witnesses) witnesses {
	var locks []related
	for _, l := range w.locks {
		if l.ref == nil {
			locks = append(locks, l)
			continue
		}
		refs := s.refsInCallee(fn, site, l.ref)
		if l.ref.root == nil {
			refs = append([]*mutexRef{l.ref}, refs...)
		}
		if len(refs) == 0 {
			refs = []*mutexRef{nil}
		}
		for _, r := range refs {
			l.ref = r
			locks = append(locks, l)
		}
	}
	w.locks = locks
	return w
}

// refsInCallee returns where r, a mutex as the function of site reaches it,
// is as fn reaches it through its parameters and the variables it
// captures.
func (s *ssaPass) refsInCallee(fn *ssa.Function, site ssa.Instruction, r *mutexRef) []*mutexRef {
	var pairs [][2]ssa.Value // fn's value, and what site gives it
	var refs []*mutexRef
	mc, _ := site.(*ssa.MakeClosure)
	if call, ok := site.(ssa.CallInstruction); ok {
		for _, t := range code.Targets(call.Common()) {
			for i, p := range fn.Params {
				if a := t.Arg(i); t.Fn == fn && a != nil {
					pairs = append(pairs, [2]ssa.Value{p, a})
				}
			}
		}
		mc, _ = call.Common().Value.(*ssa.MakeClosure)
	}
	if mc != nil && mc.Fn == fn {
		for i, b := range mc.Bindings {
			if i >= len(fn.FreeVars) {
				break
			}
			if alloc, ok := b.(*ssa.Alloc); ok && r.root != nil && spilledParam(alloc) == r.root {
				refs = append(refs, &mutexRef{root: fn.FreeVars[i], steps: append([]lockStep{{Field: -1}}, r.steps...)}) // a captured parameter
				continue
			}
			pairs = append(pairs, [2]ssa.Value{fn.FreeVars[i], b})
		}
	}
	for _, p := range pairs {
		base := s.refOf(p[1])
		if sameRoot(base, r) && len(base.steps) <= len(r.steps) && slices.Equal(base.steps, r.steps[:len(base.steps)]) {
			refs = append(refs, &mutexRef{root: p[0], steps: slices.Clone(r.steps[len(base.steps):])})
		}
	}
	return refs
}

// sameRoot reports whether a and b start from the same value or
// package-level variable.
func sameRoot(a, b *mutexRef) bool {
	if a.root != nil || b.root != nil {
		return a.root == b.root
	}
	return *a.global == *b.global
}

// unreleased returns w, the witnesses on entry to the function of instr,
// without the mutexes the function may release on the way to instr
// (s.unlockAndFork() called with s.mu held forks with it released), and
// with each acquisition once. An acquisition that the function reaches in
// several ways is dropped when it may release it in one of them.
func (s *ssaPass) unreleased(w witnesses, instr ssa.Instruction) witnesses {
	st := s.stateBefore(instr)
	dropped := make(map[related]bool)
	for _, l := range w.locks {
		if l.ref != nil && st != nil {
			if _, ok := st.released[l.ref.key()+"/"+l.mode]; ok {
				dropped[related{pos: l.pos, key: l.key}] = true // released here before instr
			}
		}
	}
	out := witnesses{goroutine: w.goroutine}
	for _, l := range w.locks {
		k := related{pos: l.pos, key: l.key}
		if !dropped[k] {
			dropped[k] = true // once
			out.locks = append(out.locks, l)
		}
	}
	return out
}

// withoutFirstReleases returns w, the witnesses at instr, without the
// mutexes that instr, a call of a function of another package, releases
// before it creates a process (a lockFact's effect marked First):
// syscall.ForkLock.Lock(); lib.ThawAndRun() starts the process with
// ForkLock released. A function of the package forks and starts where
// its own witnesses are (unreleased).
func (s *ssaPass) withoutFirstReleases(instr ssa.Instruction, w witnesses) witnesses {
	call, ok := instr.(ssa.CallInstruction)
	if !ok || len(w.locks) == 0 {
		return w
	}
	keys := s.firstReleases(call, false)
	if len(keys) == 0 {
		return w
	}
	var locks []related
	for _, l := range w.locks {
		if l.ref == nil || !keys[l.ref.key()+"/"+l.mode] {
			locks = append(locks, l)
		}
	}
	w.locks = locks
	return w
}

// firstReleases returns the keys, as the caller of call names them, of the
// mutexes that the function call calls releases before any fork or process
// start of it: by its lockFact, or, if local is set, by its lock summary
// (releasesFirst). Nothing when call may call several functions.
func (s *ssaPass) firstReleases(call ssa.CallInstruction, local bool) map[string]bool {
	targets := code.Targets(call.Common())
	if len(targets) != 1 {
		return nil
	}
	t := targets[0]
	keys := make(map[string]bool)
	for _, e := range s.calleeEffects(t, local) {
		if !e.Release {
			continue
		}
		if !e.First && !(local && s.releasesFirst(t.Fn)[effectKey(t.Fn, e)]) {
			continue
		}
		if op, ok := s.applyEffect(call, t, e); ok {
			keys[op.ref.key()+"/"+op.mode] = true
		}
	}
	return keys
}

// calleeEffects returns the effects of t: its lockFact if it belongs to
// another package, its lock summary if it belongs to the package and
// local is set.
func (s *ssaPass) calleeEffects(t code.Target, local bool) []lockEffect {
	if code.SourceOf(t.Fn).Pkg == s.pkg {
		if local {
			return s.lockSummary(code.SourceOf(t.Fn))
		}
		return nil
	}
	if obj := t.Object(); obj != nil {
		if f := s.importedLock(obj); f != nil {
			return f.Effects
		}
	}
	return nil
}

// effectKey returns the key, in fn's terms, of the mutex of e, an effect
// of fn, and its mode.
func effectKey(fn *ssa.Function, e lockEffect) string {
	r := &mutexRef{steps: e.Steps}
	switch {
	case e.Capture > 0 && e.Capture <= len(fn.FreeVars):
		r.root = fn.FreeVars[e.Capture-1]
	case e.Param >= 0 && e.Param < len(fn.Params):
		r.root = fn.Params[e.Param]
	default:
		r.global = &globalVar{path: e.PkgPath, pkg: e.PkgName, name: e.Var}
	}
	return r.key() + "/" + e.Mode
}

// releasesFirst returns the keys of the mutexes that fn, a function of the
// package, may have released (itself or by a call that releases it first)
// at each of its forks and process starts, if it has any: a call that
// forks or starts one, directly, by fact, or through a function of the
// package or a literal it calls or passes. It needs the package's forks
// (rawfork's call hook) and so is computed when the lock facts are
// exported; a cycle contributes nothing.
func (s *ssaPass) releasesFirst(fn *ssa.Function) map[string]bool {
	if s.firsts == nil {
		s.firsts = make(map[*ssa.Function]map[string]bool)
	}
	if k, ok := s.firsts[fn]; ok {
		return k
	}
	s.firsts[fn] = nil // breaks cycles
	var keys map[string]bool
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue // never runs on the target platform
		}
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); ok || !s.createsProcess(instr, make(map[*ssa.Function]bool)) {
				continue // no fork or start here, or one in another goroutine
			}
			here := make(map[string]bool)
			if st := s.stateBefore(instr); st != nil {
				for k := range st.released {
					here[k] = true
				}
			}
			if call, ok := instr.(ssa.CallInstruction); ok {
				maps.Copy(here, s.firstReleases(call, true))
			}
			if keys == nil {
				keys = here
			}
			maps.DeleteFunc(keys, func(k string, _ bool) bool { return !here[k] })
		}
	}
	s.firsts[fn] = keys
	return keys
}

// createsProcess reports whether instr forks or starts a process: a raw
// fork, a cgo fork, a process start, a call of a function of another
// package that forks, or a call of a function of the package, or a use of
// a literal, that does.
func (s *ssaPass) createsProcess(instr ssa.Instruction, seen map[*ssa.Function]bool) bool {
	if call, ok := instr.(ssa.CallInstruction); ok {
		if s.forkTrap(call.Common()) != "" || s.startName(call) != "" {
			return true
		}
	}
	for _, fn := range referencedFunctions(instr) {
		src := code.SourceOf(fn)
		if seen[src] {
			continue
		}
		seen[src] = true
		obj, _ := src.Object().(*types.Func)
		switch {
		case s.forkers[src] != nil:
			return true
		case obj != nil && (std.CgoForks[cgoName(obj)] || obj.Pkg() != s.pass.Pkg && s.importedForkFact(obj) != nil):
			return true
		case obj != nil && obj.Pkg() == s.pass.Pkg && s.startSummary().of(obj) != nil:
			return true
		case obj == nil && src.Pkg == s.pkg && s.bodyCreatesProcess(src, seen):
			return true // a literal
		}
	}
	return false
}

// bodyCreatesProcess reports whether a call of fn, a function literal of
// the package, may fork or start a process.
func (s *ssaPass) bodyCreatesProcess(fn *ssa.Function, seen map[*ssa.Function]bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); !ok && s.createsProcess(instr, seen) {
				return true
			}
		}
	}
	return false
}

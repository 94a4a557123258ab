package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// Functions run with the thread switched, for threadstate: a function that
// calls a function it is given while its thread may be switched to another
// namespace (github.com/containernetworking/plugins/pkg/ns's NetNS.Do and
// WithNetNSPath run toRun so) has the function literal it is given entered
// switched. What the literal does there is judged as after a switch of its
// own: a goroutine it starts runs in the original namespace (the package's
// README warns of it), an UnlockOSThread gives the switched thread back, a
// /proc/self/ns path names the main thread's namespace.

// A switchedCallFact marks a function that calls a function it is given
// while the calling thread may be switched to another namespace.
type switchedCallFact struct {
	Params []switchedParam // in the order of the parameters
}

// A switchedParam is a parameter of function type that a function calls,
// or passes to a function that calls it, while the thread may be switched.
type switchedParam struct {
	Param int    // the index of the parameter in the signature, a receiver not counted
	Name  string // the parameter's name
	Kind  string // what may be switched, as messages name it: "network namespace"
}

func (*switchedCallFact) AFact() {}

func (f *switchedCallFact) String() string {
	parts := make([]string, len(f.Params))
	for i, p := range f.Params {
		parts[i] = "runs " + p.Name + " with the thread switched to another " + p.Kind
	}
	return strings.Join(parts, "; ")
}

// isSwitchName reports whether obj, used by the package, names a namespace
// switch: Setns or Unshare of a system call package, or the number of setns
// or unshare (the package's own SYS_SETNS too).
func isSwitchName(obj types.Object) bool {
	if _, ok := obj.(*types.Const); ok && obj.Name() == "SYS_SETNS" {
		return true
	}
	if obj.Pkg() == nil || !std.IsSyscallPackage(obj.Pkg().Path()) {
		return false
	}
	switch obj := obj.(type) {
	case *types.Func:
		_, ok := std.NamespaceSwitchers[obj.Name()]
		return ok && obj.Signature().Recv() == nil
	case *types.Const:
		_, ok := std.NamespaceTraps[obj.Name()]
		return ok
	}
	return false
}

// importedSwitchedCall returns the switchedCallFact of fn, a function or
// an interface's method of another package, or nil.
func (c *checker) importedSwitchedCall(fn *types.Func) *switchedCallFact {
	return importedFact[switchedCallFact](c, fn, func(pf *packageFact) bool { return pf.SwitchesThreads })
}

// switchedParams returns the parameters that fn, a function of the
// package, calls while the thread may be switched by fn itself, or in a
// function literal it holds (ns.Do calls toRun in the goroutine it starts,
// from a closure), or passes to a function that does; nil if none. A
// helper that only calls f, wherever its callers switched, does not run f
// switched: its other callers may not have. Made once per function; a
// recursive call sees none.
func (t *threadStateRun) switchedParams(fn *ssa.Function) []switchedParam {
	if ps, ok := t.callbacks[fn]; ok {
		return ps
	}
	if !t.refs().switches {
		return nil // nothing in the package switches
	}
	t.callbacks[fn] = nil // breaks cycles
	if !takesFunc(fn.Signature) {
		return nil
	}
	found := make(map[int]switchedParam)
	own := t.flow(fn, cleanState()) // what fn does itself, whatever its callers did
	for _, g := range withLiterals(fn) {
		for _, b := range g.Blocks {
			if !t.mayRun(b) {
				continue // a branch the target platform never takes
			}
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue // not a call
				}
				var state nsState
				if g == fn {
					state = t.stateIn(own, call)
				} else {
					state = t.stateBefore(call) // a literal's, as fn makes and runs it
				}
				t.addSwitchedParams(fn, call, state, found)
			}
		}
	}
	ps := make([]switchedParam, 0, len(found))
	for _, p := range found {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b switchedParam) int { return a.Param - b.Param })
	t.callbacks[fn] = ps
	return ps
}

// addSwitchedParams adds to found the parameters of fn that call, a call
// in fn or in a literal it holds, made in state, calls while the thread may
// be switched, or passes to a function that runs them so.
func (t *threadStateRun) addSwitchedParams(fn *ssa.Function, call *ssa.Call, state nsState, found map[int]switchedParam) {
	recv := 0
	if fn.Signature.Recv() != nil {
		recv = 1 // fn.Params holds the receiver first
	}
	add := func(p *ssa.Parameter, kind string) {
		if i := slices.Index(fn.Params, p) - recv; i >= 0 {
			if _, ok := found[i]; !ok {
				found[i] = switchedParam{Param: i, Name: p.Name(), Kind: kind}
			}
		}
	}
	if p := code.ParamOf(fn, call.Call.Value); p != nil && !call.Call.IsInvoke() {
		if sw := state.first(nil); sw != nil {
			add(p, sw.kind)
		}
	}
	for j, arg := range call.Call.Args {
		if p := code.ParamOf(fn, arg); p != nil {
			if kind, _ := t.switchedArg(call, j); kind != "" {
				add(p, kind)
			}
		}
	}
}

// takesFunc reports whether sig has a parameter of function type.
func takesFunc(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if _, ok := v.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// withLiterals returns fn and the function literals it holds, nested ones
// too.
func withLiterals(fn *ssa.Function) []*ssa.Function {
	fns := []*ssa.Function{fn}
	for i := 0; i < len(fns); i++ {
		fns = append(fns, fns[i].AnonFuncs...)
	}
	return fns
}

// switchedArg returns what may be switched while the callee of call runs
// its j-th argument (a receiver first, for a static call of a method), and
// how messages name the callee; "" if it does not run it so. The callee is
// a function of the package (switchedParams), a function or method of
// another package with a switchedCallFact, or an interface's method that
// every method of that name of the package's types runs so, or whose fact
// says so.
func (t *threadStateRun) switchedArg(call *ssa.Call, j int) (kind, callee string) {
	common := &call.Call
	if common.IsInvoke() {
		if kind := t.implementedSwitchedArg(common, j); kind != "" {
			return kind, common.Method.Name()
		}
		return paramKind(t.importedSwitchedCall(common.Method), j), code.QualifiedName(common.Method)
	}
	for _, target := range code.Targets(common) {
		i := j
		if target.Fn.Signature.Recv() != nil {
			i-- // the receiver is no parameter of the signature
		}
		if obj := target.Object(); obj != nil && obj.Pkg() != t.pass.Pkg {
			if kind := paramKind(t.importedSwitchedCall(obj), i); kind != "" {
				return kind, code.QualifiedName(obj)
			}
			continue
		}
		for _, p := range t.switchedParams(code.SourceOf(target.Fn)) {
			if p.Param == i {
				return p.Kind, calleeName(target.Fn)
			}
		}
	}
	return "", ""
}

// paramKind returns the kind of f's parameter i, or "".
func paramKind(f *switchedCallFact, i int) string {
	if f == nil {
		return ""
	}
	for _, p := range f.Params {
		if p.Param == i {
			return p.Kind
		}
	}
	return ""
}

// implementedSwitchedArg returns what may be switched while the method
// that common invokes runs its argument j, if every method of that name of
// the package's types that implements the interface runs it so; "" if not.
func (t *threadStateRun) implementedSwitchedArg(common *ssa.CallCommon, j int) string {
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return ""
	}
	return t.implementedSwitchedParam(iface, common.Method.Name(), j)
}

// implementedSwitchedParam returns the kind of parameter i of the method
// name that every method of the package's types that implements iface
// runs switched, or "" if one does not, or none implements it.
func (t *threadStateRun) implementedSwitchedParam(iface *types.Interface, name string, i int) string {
	kind := ""
	for _, fn := range t.implementations(iface, name) {
		k := ""
		for _, p := range t.switchedParams(fn) {
			if p.Param == i {
				k = p.Kind
			}
		}
		if k == "" {
			return "" // an implementation that does not run it switched
		}
		kind = k
	}
	return kind
}

// switchedRun returns the switch under which fn, a function literal of
// the package, runs when site makes or passes it: a call that passes fn,
// or the closure that site makes, to a function that runs it with the
// thread switched (switchedArg); nil otherwise.
func (t *threadStateRun) switchedRun(fn *ssa.Function, site ssa.Instruction) *threadSwitch {
	var value ssa.Value = fn
	uses := []ssa.Instruction{site}
	if mc, ok := site.(*ssa.MakeClosure); ok {
		value, uses = mc, referrers(mc)
	}
	for _, use := range uses {
		call, ok := use.(*ssa.Call)
		if !ok {
			continue // not a call: a go statement's goroutine starts clean
		}
		for j, arg := range call.Call.Args {
			if arg != value {
				continue
			}
			if kind, callee := t.switchedArg(call, j); kind != "" {
				return &threadSwitch{call: call, what: "call of " + callee, called: true, kind: kind, slots: slotsOf(kind), runs: true}
			}
		}
	}
	return nil
}

// exportSwitchedCalls exports a switchedCallFact for each function of the
// package that runs a parameter with the thread switched, and for each
// method of the package's exported interfaces that every implementation in
// the package runs so (NetNS.Do, which ns.GetNS returns).
func (t *threadStateRun) exportSwitchedCalls() {
	for _, fn := range t.fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			continue // a literal
		}
		if ps := t.switchedParams(fn); len(ps) > 0 {
			t.pass.ExportObjectFact(obj, &switchedCallFact{Params: ps})
			t.exports.SwitchesThreads = true
		}
	}
	for _, iface := range t.exportedInterfaces() {
		for m := range iface.ExplicitMethods() {
			var ps []switchedParam
			params := m.Signature().Params()
			for i := range params.Len() {
				if kind := t.implementedSwitchedParam(iface, m.Name(), i); kind != "" {
					ps = append(ps, switchedParam{Param: i, Name: params.At(i).Name(), Kind: kind})
				}
			}
			if len(ps) > 0 {
				t.pass.ExportObjectFact(m, &switchedCallFact{Params: ps})
				t.exports.SwitchesThreads = true
			}
		}
	}
}

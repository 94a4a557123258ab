package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Namespace state, the shared analysis of threadstate: on each path through
// a function, whether the thread may be switched to another namespace.
//
// A forward dataflow over the blocks of a function. The state holds whether
// the thread may be as it was (clean) and the switch that may have left it
// switched. A switch call on a clean thread switches it; on a thread that
// may be switched it is taken as the restore. Whether the call succeeded is
// known on the branches of an if that tests its error in the same block
// (err == nil, errno == 0): the success branch gets the new state, the
// failure branch the old one; elsewhere either may hold. A function starts
// clean, unless the package calls it while the thread may be switched
// (the state at its calls), or defers it (the state at the returns its
// defer reaches).

// unknownSlot is the slot of a switch whose namespace is not known; the
// others are the indexes of std.ThreadScopedFlags.
var unknownSlot = len(std.ThreadScopedFlags)

const nsSlots = 16 // more than len(std.ThreadScopedFlags)+1

// An nsState is what a path knows of the thread's namespaces, one slot per
// kind: whether the thread may be as it was (clean), and the switch that
// may have left it switched. The zero state is that of a block not reached.
type nsState struct {
	reached  bool
	clean    [nsSlots]bool
	switched [nsSlots]*threadSwitch
}

// cleanState is the state of a thread as it was.
func cleanState() nsState {
	s := nsState{reached: true}
	for i := range s.clean {
		s.clean[i] = true
	}
	return s
}

// join returns the state of either path.
func (a nsState) join(b nsState) nsState {
	if !a.reached {
		return b
	}
	if !b.reached {
		return a
	}
	for i := range a.clean {
		a.clean[i] = a.clean[i] || b.clean[i]
		if a.switched[i] == nil || b.switched[i] != nil && b.switched[i].call.Pos() < a.switched[i].call.Pos() {
			a.switched[i] = b.switched[i]
		}
	}
	return a
}

// after returns the state after sw succeeded, slot by slot: a slot that
// may be switched is restored, the others are switched. A switch of an
// unknown namespace restores every slot that may be switched, if any.
func (a nsState) after(sw *threadSwitch) nsState {
	restores := false
	for i := range a.switched {
		restores = restores || a.switched[i] != nil && (sw.slots&(1<<i) != 0 || sw.slots&(1<<unknownSlot) != 0)
	}
	for i := range a.switched {
		affected := sw.slots&(1<<i) != 0
		if restores && sw.slots&(1<<unknownSlot) != 0 {
			affected = a.switched[i] != nil // the restore of what may be switched, and of nothing else
		}
		switch {
		case !affected:
		case a.switched[i] != nil:
			a.clean[i], a.switched[i] = true, nil // the restore
		default:
			a.clean[i], a.switched[i] = false, sw
		}
	}
	return a
}

// first returns the earliest switch that may have left a slot switched,
// other than those in skip, or nil.
func (a nsState) first(skip map[ssa.CallInstruction]bool) *threadSwitch {
	var found *threadSwitch
	for _, sw := range a.switched {
		if sw != nil && !skip[sw.call] && (found == nil || sw.call.Pos() < found.call.Pos()) {
			found = sw
		}
	}
	return found
}

// An nsFlow holds the states on entry to the blocks of a function.
type nsFlow struct {
	in []nsState
}

// nsFlowOf returns the dataflow of fn, computed once.
func (t *threadStateRun) nsFlowOf(fn *ssa.Function) *nsFlow {
	if f, ok := t.states[fn]; ok {
		return f
	}
	t.states[fn] = &nsFlow{in: make([]nsState, len(fn.Blocks))} // breaks cycles: nothing known meanwhile
	f := t.flow(fn, t.entryState(fn))
	t.states[fn] = f
	return f
}

// flow returns the dataflow of fn entered in state entry.
func (t *threadStateRun) flow(fn *ssa.Function, entry nsState) *nsFlow {
	f := &nsFlow{in: make([]nsState, len(fn.Blocks))}
	if len(fn.Blocks) == 0 {
		return f
	}
	f.in[0] = entry
	if fn.Recover != nil {
		f.in[fn.Recover.Index] = entry
	}
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if !t.mayRun(b) || !f.in[b.Index].reached {
				continue // never runs, or not reached yet
			}
			for _, out := range t.outStates(b, f.in[b.Index]) {
				joined := f.in[out.to.Index].join(out.state)
				if joined != f.in[out.to.Index] {
					f.in[out.to.Index] = joined
					changed = true
				}
			}
		}
	}
	return f
}

// An edgeState is the state on the edge out of a block to one of its
// successors.
type edgeState struct {
	to    *ssa.BasicBlock
	state nsState
}

// outStates returns the state on each edge out of b, entered in state in,
// in a buffer of t that the next call reuses: the flow reads it at once.
// A block has at most two successors; the map of the switches' states is
// made only for a block that has one.
func (t *threadStateRun) outStates(b *ssa.BasicBlock, in nsState) []edgeState {
	state := in
	var before map[*ssa.Call]nsState
	for _, instr := range b.Instrs {
		if call, ok := instr.(*ssa.Call); ok {
			if sw := t.switchOf(call); sw != nil && !sw.user && !sw.restores {
				if before == nil {
					before = make(map[*ssa.Call]nsState)
				}
				before[call] = state
				state = state.join(state.after(sw))
			}
		}
	}
	succs := code.Succs(b)
	t.edges = t.edges[:0]
	for _, succ := range succs {
		t.edges = append(t.edges, edgeState{to: succ, state: state})
	}
	if call, success, ok := testedSwitch(b, before); ok {
		sw := t.switchOf(call)
		for i := range t.edges {
			if t.edges[i].to == b.Succs[success] {
				t.edges[i].state = before[call].after(sw)
			}
		}
		if len(succs) == 2 {
			t.edges[1-success].state = before[call] // succs is b.Succs
		}
	}
	return t.edges
}

// testedSwitch returns the switch call of calls whose error b's if tests
// against zero, and the index of the successor taken on success.
func testedSwitch(b *ssa.BasicBlock, calls map[*ssa.Call]nsState) (*ssa.Call, int, bool) {
	if len(calls) == 0 {
		return nil, 0, false
	}
	call, success, ok := testedError(b)
	if _, known := calls[call]; !ok || !known {
		return nil, 0, false
	}
	return call, success, true
}

// testedError returns the call of b whose error b's if tests against
// zero (err != nil, errno == 0), and the index of the successor taken on
// success.
func testedError(b *ssa.BasicBlock) (*ssa.Call, int, bool) {
	if len(b.Instrs) == 0 {
		return nil, 0, false
	}
	branch, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, 0, false
	}
	cmp, ok := branch.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ {
		return nil, 0, false
	}
	x, y := cmp.X, cmp.Y
	if _, ok := x.(*ssa.Const); ok {
		x, y = y, x
	}
	if k, ok := y.(*ssa.Const); !ok || !isZeroOrNil(k) {
		return nil, 0, false
	}
	call := errorOf(x)
	if call == nil || call.Block() != b {
		return nil, 0, false
	}
	if cmp.Op == token.EQL {
		return call, 0, true // if err == nil: success first
	}
	return call, 1, true
}

func isZeroOrNil(k *ssa.Const) bool {
	return k.Value == nil || k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// errorOf returns the call whose error v is: the call itself, or its last
// result.
func errorOf(v ssa.Value) *ssa.Call {
	switch v := code.Unconvert(v).(type) {
	case *ssa.Call:
		return v
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == call.Call.Signature().Results().Len()-1 {
			return call
		}
	}
	return nil
}

// stateBefore returns the state of the thread's namespaces before instr.
func (t *threadStateRun) stateBefore(instr ssa.Instruction) nsState {
	return t.stateIn(t.nsFlowOf(instr.Parent()), instr)
}

// stateIn returns the state before instr in f, the dataflow of its
// function.
func (t *threadStateRun) stateIn(f *nsFlow, instr ssa.Instruction) nsState {
	state := f.in[instr.Block().Index]
	for _, in := range instr.Block().Instrs[:code.IndexOf(instr)] {
		if call, ok := in.(*ssa.Call); ok {
			if sw := t.switchOf(call); sw != nil && !sw.user && !sw.restores {
				state = state.join(state.after(sw))
			}
		}
	}
	return state
}

// entryState returns the state on entry to fn: the join of the states at
// its calls in the package, and at the returns that its defers reach; clean
// for a function that nothing in the package calls, or that a go statement
// or a starter of the standard library (startedBy) starts. A function
// literal that its function returns for the caller to call (the restore of
// restore, err := enter(ns)) is entered as the function returns, and as its
// callers in the package are where they call it (callsOfReturned).
func (t *threadStateRun) entryState(fn *ssa.Function) nsState {
	state := nsState{}
	for _, site := range t.callers[fn] {
		if sw := t.switchedRun(fn, site); sw != nil {
			state = state.join(cleanState().after(sw)) // ns.WithNetNSPath(path, func(ns.NetNS) error { ... })
			continue
		}
		if t.startedBy(fn, site) != nil {
			state = state.join(cleanState()) // wg.Go(func() { ... }): a new goroutine, as for a go statement
			continue
		}
		if v := t.funcValueAt(fn, site); v != nil {
			if parent, _ := returnedBy(v); parent != nil {
				state = state.join(t.stateBefore(site)) // as its function returns
				if calls, ok := t.callsOfReturned(v); ok {
					state = state.join(t.statesAt(calls))
				}
				continue
			}
		}
		state = state.join(t.statesAt([]ssa.Instruction{site}))
	}
	if len(t.callers[fn]) == 0 {
		return cleanState()
	}
	return state
}

// statesAt returns the join of the states of the thread when sites run:
// before a call, at the returns that a defer reaches, clean for a go
// statement or a closure made.
func (t *threadStateRun) statesAt(sites []ssa.Instruction) nsState {
	state := nsState{}
	for _, site := range sites {
		switch site := site.(type) {
		case *ssa.Call:
			state = state.join(t.stateBefore(site))
		case *ssa.Defer:
			state = state.join(t.stateAtReturns(site))
		default:
			state = state.join(cleanState()) // a new goroutine, or a closure made
		}
	}
	return state
}

// stateAtReturns returns the join of the states at the returns of the
// function of from that from reaches: when its deferred calls run.
func (t *threadStateRun) stateAtReturns(from ssa.Instruction) nsState {
	state := nsState{}
	for _, b := range from.Parent().Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && t.mayRun(b) && code.Reaches(from, ret) {
			state = state.join(t.stateBefore(ret))
		}
	}
	return state
}

// checkSwitchedThread reports what fn does while its thread may be
// switched, unless the switch was reported: an UnlockOSThread, deferred or
// not, a goroutine start (a go statement, or a call of another package's
// function that starts one: goroutineRunnerOf), a path that names the
// main thread's namespaces (checkProcSelf).
func (t *threadStateRun) checkSwitchedThread(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		if !t.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Go:
				if !slices.ContainsFunc(code.Callees(&instr.Call), t.managesLock) {
					t.checkGoroutineStart(fn, instr, instr.Pos(), instr.Pos()+token.Pos(len("go")), "goroutine started", false)
				}
			case *ssa.Defer:
				if t.isUnlockOSThread(instr.Call) {
					if sw := t.stateAtReturns(instr).first(t.reported); sw != nil {
						t.reportUnlock(instr, sw)
					}
				}
			case *ssa.Call:
				if t.isUnlockOSThread(instr.Call) && !t.guarded(instr.Block()) {
					if sw := t.switchedAt(instr); sw != nil {
						t.reportUnlock(instr, sw)
					}
				}
				t.checkProcSelf(instr)
				if what, opaque := t.goroutineRunnerOf(instr); what != "" {
					pos, end := t.calleeRange(instr.Call.Pos())
					t.checkGoroutineStart(fn, instr, pos, end, "goroutine started by "+what, opaque)
				}
			}
		}
	}
}

// checkGoroutineStart reports start, a goroutine start in fn (a go
// statement, or a call that starts one), named by what, if the thread may
// be switched there by a switch of fn or of the function that holds it: the
// new goroutine runs elsewhere, in the original namespace. A goroutine
// whose function locks or unlocks its thread manages that thread itself
// (it switches it where it wants, as ns.Do's does): its start is not
// checked. In a function literal that a function of another package runs
// switched (ns.Do's toRun), an opaque start (a function of another package
// known by fact to start a goroutine of its own, whatever it runs) is not
// reported: test harnesses run daemons and commands in the namespace of
// moby's networking.Host.Do so, and their goroutines copy output and wait.
func (t *threadStateRun) checkGoroutineStart(fn *ssa.Function, start ssa.Instruction, pos, end token.Pos, what string, opaque bool) {
	if sw := t.switchedAt(start); sw != nil && encloses(sw.call.Parent(), fn) && !(opaque && sw.runs) {
		t.diag("threadstate", pos, end, what+" while the thread may be switched to another "+sw.kind+": it runs on another thread, in the original one",
			[]related{{pos: t.switchPos(sw), message: sw.kind + " switched here"}})
	}
}

// goroutineRunnerOf returns how messages name the callee of call if it is a
// function of another package that starts a goroutine running code of the
// program (goroutineRunner) that does not manage its own thread; ""
// otherwise. opaque is set unless the callee is a starter of the standard
// library that runs a function it is given (wg.Go(f)). A goroutine that locks its thread puts it where it wants: a
// function with a threadSwitchFact or a threadEndFact (ns.Do switches a
// locked goroutine of its own), or a starter given a function of the
// package that locks or unlocks its thread, or a function whose
// goroutineFact says every goroutine it starts locks its thread (moby's
// nlwrap.NewHandleAt), is not counted. A function of
// the package that starts one is not followed: a go statement is reported
// only near the switch (encloses).
func (t *threadStateRun) goroutineRunnerOf(call *ssa.Call) (what string, opaque bool) {
	if t.switchOf(call) != nil {
		return "", false // a switch
	}
	for _, callee := range code.Callees(&call.Call) {
		obj, ok := code.SourceOf(callee).Object().(*types.Func)
		if !ok || obj.Pkg() == nil || obj.Pkg() == t.pass.Pkg {
			continue // a literal, a builtin, or ours
		}
		if t.importedThreadEnd(obj) != nil {
			continue // its goroutine may lock its thread
		}
		if fn := t.startedFunc(&call.Call, obj); fn != nil && t.managesLock(fn) {
			continue // wg.Go(func() { runtime.LockOSThread(); ... })
		}
		if f := t.importedGoroutine(obj); f != nil && f.LocksThread {
			continue // nlwrap.NewHandleAt: go func() { runtime.LockOSThread(); ... }()
		}
		if what := t.goroutineRunner(obj); what != "" {
			arg, starter := std.GoroutineStarter(obj.Origin().FullName())
			return what, !(starter && arg >= 0 && isStarterPackage(obj.Pkg().Path()))
		}
	}
	return "", false
}

// startedFunc returns the function of the package that call, a call of
// obj, runs in a new goroutine when obj is a starter of the standard
// library (f of wg.Go(f), a literal or a closure of one), or nil.
func (t *threadStateRun) startedFunc(call *ssa.CallCommon, obj *types.Func) *ssa.Function {
	if !isStarterPackage(obj.Pkg().Path()) {
		return nil
	}
	arg, ok := std.GoroutineStarter(obj.Origin().FullName())
	if !ok || arg < 0 {
		return nil // not a starter, or one that runs no function of the program
	}
	if obj.Signature().Recv() != nil {
		arg++ // the receiver is the call's first argument
	}
	if arg >= len(call.Args) {
		return nil
	}
	switch v := call.Args[arg].(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// switchedAt returns the unreported switch that may have left the thread
// switched at instr, or nil.
func (t *threadStateRun) switchedAt(instr ssa.Instruction) *threadSwitch {
	return t.stateBefore(instr).first(t.reported)
}

func (c *checker) isUnlockOSThread(call ssa.CallCommon) bool {
	return c.calleeName(&call) == "runtime.UnlockOSThread"
}

// guarded reports whether b runs only on one side of an if whose condition
// is not the test of a switch's error: the unlock there depends on state
// the analysis does not follow (a flag that records whether the restore
// succeeded, as moby's unshare.Go keeps), and is not judged.
func (t *threadStateRun) guarded(b *ssa.BasicBlock) bool {
	for d := b.Idom(); d != nil; d = d.Idom() {
		branch, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || len(d.Succs) != 2 || d.Succs[0].Dominates(b) == d.Succs[1].Dominates(b) {
			continue // b runs on both sides
		}
		if _, _, ok := testedSwitch(d, t.switchCalls(d)); !ok {
			if _, constant := branch.Cond.(*ssa.Const); !constant {
				return true
			}
		}
	}
	return false
}

// switchCalls returns the switch calls of b, for testedSwitch.
func (t *threadStateRun) switchCalls(b *ssa.BasicBlock) map[*ssa.Call]nsState {
	calls := make(map[*ssa.Call]nsState)
	for _, instr := range b.Instrs {
		if call, ok := instr.(*ssa.Call); ok {
			if sw := t.switchOf(call); sw != nil && !sw.user && !sw.restores {
				calls[call] = nsState{}
			}
		}
	}
	return calls
}

// reportUnlock reports an UnlockOSThread that may give a switched thread
// back to the scheduler.
func (t *threadStateRun) reportUnlock(instr ssa.CallInstruction, sw *threadSwitch) {
	pos, end := t.calleeRange(instr.Common().Pos())
	if _, ok := instr.(*ssa.Defer); ok {
		pos, end = t.deferRange(instr.Pos(), pos, end)
	}
	t.diag("threadstate", pos, end, "runtime.UnlockOSThread may give the thread back to the scheduler still switched to another "+sw.kind+": other goroutines then run there; restore it, and unlock only if that succeeded",
		[]related{{pos: t.switchPos(sw), message: sw.kind + " switched here"}})
}

// deferRange returns the range of the callee of the deferred call whose
// defer keyword is at pos, falling back to fallback.
func (t *threadStateRun) deferRange(pos, fallbackPos, fallbackEnd token.Pos) (token.Pos, token.Pos) {
	file := t.fileOf(pos)
	if file == nil {
		return fallbackPos, fallbackEnd
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		if d, ok := n.(*ast.DeferStmt); ok {
			return d.Call.Fun.Pos(), d.Call.Fun.End()
		}
	}
	return fallbackPos, fallbackEnd
}

func (t *threadStateRun) switchPos(sw *threadSwitch) token.Pos {
	pos, _ := t.calleeRange(sw.call.Common().Pos())
	return pos
}

// checkProcSelf reports a path that names namespaces of the main thread
// (mainThreadPathOf), which call passes while the thread may be switched
// in one of them: read from the value of each string argument (pathOf),
// with the fix to /proc/thread-self where a literal of the call spells it
// (procSelfLiteral). A call that builds a path (filepath.Join, fmt.Sprintf)
// is not judged: the call that uses its result is; nor is a call on the
// main thread (onMainThread), which /proc/self describes.
func (t *threadStateRun) checkProcSelf(call *ssa.Call) {
	if call.Call.IsInvoke() || std.IsPathBuilder(t.calleeName(&call.Call)) {
		return // an interface's method, or a path built for a later call
	}
	for i, arg := range call.Call.Args {
		if !isString(arg.Type()) {
			continue // not a path
		}
		p := t.pathOf(arg, 0)
		mp, ok := mainThreadPathOf(p)
		if !ok {
			continue // names the thread's, or not known to name the main thread's
		}
		if sw := t.switchedFor(t.stateBefore(call), mp); sw != nil && !t.onMainThread(call) {
			t.reportProcPath(call, i, p, mp, sw)
			return // one finding per call
		}
	}
}

// reportProcPath reports p, the path of the i-th argument of call, which
// names mp while the thread may be switched by sw: at the literal that
// spells it, fixed to /proc/thread-self, or at the argument.
func (t *threadStateRun) reportProcPath(call *ssa.Call, i int, p string, mp mainThreadPath, sw *threadSwitch) {
	rel := []related{{pos: t.switchPos(sw), message: sw.kind + " switched here"}}
	says := " names the " + mp.what + " of the main thread, not of this thread, which may be switched to another " + sw.kind + ": use " + mp.use
	if lit := t.procSelfLiteral(call); lit != nil {
		value, _ := strconv.Unquote(lit.Value)
		if t.pidLits[lit] {
			// No fix: the format and its arguments would both change.
			t.diag("threadstate", lit.Pos(), lit.End(), value+" of the process ID"+says, rel)
			return
		}
		fixed := strconv.Quote(threadSelfPath(value))
		t.diag("threadstate", lit.Pos(), lit.End(), value+says, rel,
			analysis.SuggestedFix{Message: "Use /proc/thread-self", TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(fixed)}}})
		return
	}
	pos, end := t.calleeRange(call.Pos())
	if expr := t.argAt(call, i); expr != nil {
		pos, end = expr.Pos(), expr.End() // a variable, a constant, a path built elsewhere: no fix
	}
	t.diag("threadstate", pos, end, p+says, rel)
}

// argAt returns the expression of the i-th argument of call, or nil.
func (t *threadStateRun) argAt(call *ssa.Call, i int) ast.Expr {
	expr := code.CallAt(t.pass.Files, call.Pos())
	if expr == nil {
		return nil
	}
	return code.ArgExpr(t.pass.TypesInfo, expr, i)
}

// threadSelfPath returns p, a path of the main thread's directory or a
// link into it (/proc/net, /proc/mounts), under /proc/thread-self.
func threadSelfPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "/proc/self/"); ok {
		return "/proc/thread-self/" + rest
	}
	return "/proc/thread-self/" + strings.TrimPrefix(p, "/proc/")
}

// procSelfLiteral returns the /proc/self/ns literal that call passes, in
// its arguments or in a call nested in them (filepath.Join,
// fmt.Sprintf), or nil.
func (t *threadStateRun) procSelfLiteral(call *ssa.Call) *ast.BasicLit {
	if t.procLits == nil {
		t.pidLits = make(map[*ast.BasicLit]bool)
		t.procLits = t.procSelfLiterals()
	}
	return t.procLits[call.Pos()]
}

// procSelfLiterals returns the package's /proc/self/ns string literals by
// the left parenthesis of the outermost call whose arguments hold them: the
// call that uses the path (os.Open(filepath.Join(...))), not a call given a
// function literal that uses it (wg.Go(func() { os.Open(...) })).
func (t *threadStateRun) procSelfLiterals() map[token.Pos]*ast.BasicLit {
	lits := make(map[token.Pos]*ast.BasicLit)
	for _, file := range t.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			for _, arg := range call.Args {
				var byPID *ast.BasicLit // "/proc/%d/ns/net", if the process ID is formatted in
				getpid := false
				ast.Inspect(arg, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.FuncLit:
						return false // its calls use its paths: wg.Go(func() { os.Open(...) })
					case *ast.CallExpr:
						getpid = getpid || t.isGetpid(n)
					case *ast.BasicLit:
						v, err := strconv.Unquote(n.Value)
						if n.Kind != token.STRING || err != nil {
							break
						}
						if isMainThreadLiteral(v) && lits[call.Lparen] == nil {
							lits[call.Lparen] = n
						}
						if isProcPIDLiteral(v) && byPID == nil {
							byPID = n
						}
					}
					return true
				})
				if byPID != nil && getpid && lits[call.Lparen] == nil {
					lits[call.Lparen] = byPID
					t.pidLits[byPID] = true
				}
			}
			return lits[call.Lparen] == nil // the calls nested in it name the same literal
		})
	}
	return lits
}

// isMainThreadLiteral reports whether path, a literal, names namespaces
// of the main thread by /proc/self or a link into it (/proc/net), written
// whole or as the start of a concatenation, a filepath.Join or a format.
func isMainThreadLiteral(path string) bool {
	_, ok := mainThreadPathOf(path)
	return ok && !strings.HasPrefix(path, "/proc/"+pidPart)
}

// isProcPIDLiteral reports whether path is a format of a path under the
// process' /proc directory by its ID ("/proc/%d/ns/net") that names
// namespaces of the main thread, as /proc/self does.
func isProcPIDLiteral(path string) bool {
	for _, verb := range []string{"%d", "%v"} {
		if rest, ok := strings.CutPrefix(path, "/proc/"+verb+"/"); ok {
			if _, ok := mainThreadPathOf("/proc/" + pidPart + "/" + rest); ok {
				return true
			}
		}
	}
	return false
}

// isGetpid reports whether call calls os.Getpid, or Getpid of a system call
// package.
func (t *threadStateRun) isGetpid(call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(t.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Name() != "Getpid" {
		return false
	}
	return fn.Pkg().Path() == "os" || std.IsSyscallPackage(fn.Pkg().Path())
}

// encloses reports whether fn is outer or a function literal within it: a
// go statement is reported only near the switch, where its author can see
// both.
func encloses(outer, fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}

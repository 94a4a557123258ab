package analyzer

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// witnesses say what makes a fork worse than it always is: a goroutine
// started on some path before it, and the mutexes held across it.
type witnesses struct {
	goroutine *related  // the earliest go statement found; nil if none
	locks     []related // one per acquisition that may still hold at the fork
}

// A related is a secondary position of a diagnostic.
type related struct {
	pos, end token.Pos
	message  string
	mutex    string     // the mutex's name, for a lock acquisition
	key      string     // the mutex's key and mode, for a lock acquisition or release
	ref      *mutexRef  // where the mutex is, for a lock acquisition or release: as the function whose witness it is reaches it (intoCallee), nil if it cannot
	mode     string     // "w" or "r", for a lock acquisition or release
	guard    *lockGuard // for an acquisition that holds only on some results of its call
}

func (w *witnesses) addGoroutine(r *related) {
	if r != nil && (w.goroutine == nil || r.pos < w.goroutine.pos) {
		w.goroutine = r
	}
}

func (w *witnesses) merge(o witnesses) {
	w.addGoroutine(o.goroutine)
	for _, l := range o.locks {
		if !slices.Contains(w.locks, l) {
			w.locks = append(w.locks, l)
		}
	}
	slices.SortFunc(w.locks, func(a, b related) int { return cmp.Compare(a.pos, b.pos) })
}

// phrase returns the words a message adds for the witnesses, such as
// " after a goroutine is started and while mu is locked".
func (w witnesses) phrase() string {
	var names []string
	for _, l := range w.locks {
		if !slices.Contains(names, l.mutex) {
			names = append(names, l.mutex)
		}
	}
	var parts []string
	if w.goroutine != nil {
		parts = append(parts, "after a goroutine is started")
	}
	switch len(names) {
	case 0:
	case 1:
		parts = append(parts, "while "+names[0]+" is locked")
	default:
		last := len(names) - 1
		parts = append(parts, "while "+strings.Join(names[:last], ", ")+" and "+names[last]+" are locked")
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " and ")
}

// witnessesAt returns the witnesses of a fork or process start at instr
// in fn: those on the paths through fn to instr, and those on the paths
// through the callers of fn in the package to their calls of it, less the
// mutexes fn releases before instr and, when instr calls a function of
// another package, those it releases before it forks or starts (locks.go). A go
// statement runs its call in a new goroutine, which holds none of the
// caller's mutexes: its witness is the go statement itself. A deferred
// call runs when fn returns: its witnesses are those at the returns, once
// the calls deferred after it have run.
func (s *ssaPass) witnessesAt(fn *ssa.Function, instr ssa.Instruction) witnesses {
	var w witnesses
	switch instr := instr.(type) {
	case *ssa.Go:
		w.addGoroutine(&related{pos: instr.Pos(), message: "goroutine started here"})
		return w
	case *ssa.Defer:
		w = s.deferredWitnesses(instr)
	default:
		w = s.stateBefore(instr).witnesses()
	}
	w.merge(s.unreleased(s.entryWitnesses(fn), instr))
	return s.withoutFirstReleases(instr, w)
}

// entryWitnesses returns the witnesses that hold when fn is entered from any
// of its callers in the package. A function started by a go statement has
// that statement as its witness. Recursion ends at functions without callers
// in the package; a cycle contributes what was found before it closed.
func (s *ssaPass) entryWitnesses(fn *ssa.Function) witnesses {
	if w, ok := s.entry[fn]; ok {
		return w
	}
	s.entry[fn] = witnesses{} // breaks cycles
	var w witnesses
	for _, site := range s.callers[fn] {
		if g, ok := site.(*ssa.Go); ok {
			w.addGoroutine(&related{pos: g.Pos(), message: "goroutine started here"})
			continue
		}
		if r := s.startedBy(fn, site); r != nil {
			w.addGoroutine(r) // wg.Go(func() { ... }): as a go statement
			continue
		}
		w.merge(s.intoCallee(fn, site, s.witnessesAt(site.Parent(), site)))
	}
	s.entry[fn] = w
	return w
}

// A witnessState is what the dataflow of a function (flowOf) knows at a
// point: the earliest go statement run on some path to it, the mutexes that
// may be held there and those held on every path, the mutexes released on
// some path to it that the function had not locked (for its lock summary),
// the mutexes that a call may have left held on some paths (a Maybe
// acquisition: never a witness, but a later release of one is not the
// caller's), and the deferred calls that lock or unlock, pushed on some path.
type witnessState struct {
	goroutine *related
	held      map[string]related // by mutex key and mode
	must      map[string]bool    // the keys of held that every path holds
	released  map[string]related // by mutex key and mode
	may       map[string]related // by mutex key and mode
	deferred  []*ssa.Defer       // in position order
	dead      bool               // after a call that does not return
}

func newWitnessState() *witnessState {
	return &witnessState{held: make(map[string]related), must: make(map[string]bool), released: make(map[string]related), may: make(map[string]related)}
}

func (st *witnessState) clone() *witnessState {
	c := *st
	c.held, c.must, c.released, c.may, c.deferred = maps.Clone(st.held), maps.Clone(st.must), maps.Clone(st.released), maps.Clone(st.may), slices.Clone(st.deferred)
	return &c
}

// witnesses returns the witnesses that st holds; none for a point no path
// reaches.
func (st *witnessState) witnesses() witnesses {
	if st == nil || st.dead {
		return witnesses{}
	}
	w := witnesses{goroutine: st.goroutine}
	for _, k := range sortedKeys(st.held) {
		w.locks = append(w.locks, st.held[k])
	}
	slices.SortFunc(w.locks, func(a, b related) int { return cmp.Compare(a.pos, b.pos) })
	return w
}

// merge adds src, a state that flows into st, to st, and reports whether st
// changed: the earlier go statement, the union of the mutexes that may be
// held (an acquisition that holds on every result wins over one that holds
// on some, then the earlier one) and the intersection of those held on
// every path, the union of the releases, of the mutexes that may be held by
// a Maybe acquisition and of the deferred calls. first
// says that st has no other input yet.
func (st *witnessState) merge(src *witnessState, first bool) bool {
	changed := false
	if first {
		st.must = maps.Clone(src.must)
	}
	for k := range st.must {
		if !src.must[k] {
			delete(st.must, k)
			changed = true
		}
	}
	if src.goroutine != nil && (st.goroutine == nil || src.goroutine.pos < st.goroutine.pos) {
		st.goroutine, changed = src.goroutine, true
	}
	for k, r := range src.held {
		old, ok := st.held[k]
		if !ok || old.guard != nil && r.guard == nil || (old.guard == nil) == (r.guard == nil) && r.pos < old.pos {
			st.held[k], changed = r, true
		}
	}
	for k, r := range src.released {
		if _, ok := st.released[k]; !ok {
			st.released[k], changed = r, true
		}
	}
	for k, r := range src.may {
		if old, ok := st.may[k]; !ok || r.pos < old.pos {
			st.may[k], changed = r, true
		}
	}
	for _, d := range src.deferred {
		if !slices.Contains(st.deferred, d) {
			st.deferred, changed = append(st.deferred, d), true
		}
	}
	slices.SortFunc(st.deferred, func(a, b *ssa.Defer) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return changed
}

// flowOf returns, for each block of fn, the state on entry to it (nil for a
// block no path reaches), from a forward dataflow over the blocks of fn that
// starts with nothing held and no goroutine at its entry and its recover
// block, merges at joins and iterates to a fixed point. It is computed once
// per function; every query within the function then replays at most one
// block, so that the witnesses of every fork and start of a function cost
// about as much as one pass over it.
func (s *ssaPass) flowOf(fn *ssa.Function) []*witnessState {
	if in, ok := s.flows[fn]; ok {
		return in
	}
	in := make([]*witnessState, len(fn.Blocks))
	s.flows[fn] = in // breaks cycles: a recursive call's summary is empty meanwhile
	if len(fn.Blocks) == 0 {
		return in
	}
	in[0] = newWitnessState()
	if fn.Recover != nil {
		in[fn.Recover.Index] = newWitnessState()
	}
	s.solving[fn] = true
	s.solve(fn, in, nil, nil)
	delete(s.solving, fn)
	return in
}

// solve iterates the dataflow over the blocks of fn to a fixed point, from
// the states in in. seed, if not nil, is the state before at: the rest of
// at's block runs once from it, after at.
func (s *ssaPass) solve(fn *ssa.Function, in []*witnessState, seed *witnessState, at ssa.Instruction) {
	if seed != nil {
		out := seed.clone()
		for _, instr := range at.Block().Instrs[code.IndexOf(at)+1:] {
			s.transfer(out, instr)
		}
		s.propagate(in, at.Block(), out)
	}
	for changed := true; changed; {
		changed = false
		for i, st := range in {
			if st == nil {
				continue // not reached yet
			}
			b := fn.Blocks[i]
			out := st.clone()
			for _, instr := range b.Instrs {
				s.transfer(out, instr)
			}
			changed = s.propagate(in, b, out) || changed
		}
	}
}

// propagate merges out, the state at the end of b, into the states on
// entry to its successors, and reports whether one changed. An acquisition
// guarded by a result that b's branch tests holds on one side only.
func (s *ssaPass) propagate(in []*witnessState, b *ssa.BasicBlock, out *witnessState) bool {
	if out.dead {
		return false
	}
	changed := false
	for _, succ := range code.Succs(b) {
		edge := guardedOn(out, b, succ)
		first := in[succ.Index] == nil
		if first {
			in[succ.Index] = newWitnessState()
			changed = true
		}
		changed = in[succ.Index].merge(edge, first) || changed
	}
	return changed
}

// transfer updates st for instr: a go statement run, a mutex locked or
// unlocked by a call, a deferred call that locks or unlocks pushed, the
// deferred calls run at a return (in reverse order), a path ended by a call
// that does not return.
func (s *ssaPass) transfer(st *witnessState, instr ssa.Instruction) {
	if st.dead {
		return
	}
	if r := s.startsGoroutine(instr); r != nil && (st.goroutine == nil || r.pos < st.goroutine.pos) {
		st.goroutine = r
	}
	switch instr := instr.(type) {
	case *ssa.Call:
		s.applyLockOps(st, instr.Common().Pos(), s.lockOpsOf(instr))
		st.dead = std.NoReturn[code.StaticCalleeName(instr)]
	case *ssa.Defer:
		if len(s.lockOpsOf(instr)) > 0 && !slices.Contains(st.deferred, instr) {
			st.deferred = append(st.deferred, instr)
			slices.SortFunc(st.deferred, func(a, b *ssa.Defer) int { return cmp.Compare(a.Pos(), b.Pos()) })
		}
	case *ssa.RunDefers:
		s.runDeferred(st, token.NoPos)
	}
}

// runDeferred applies the lock operations of the deferred calls of st
// pushed after position after, last pushed first, and drops them.
func (s *ssaPass) runDeferred(st *witnessState, after token.Pos) {
	for i := len(st.deferred) - 1; i >= 0; i-- {
		d := st.deferred[i]
		if d.Pos() <= after {
			break
		}
		s.applyLockOps(st, d.Common().Pos(), s.lockOpsOf(d))
	}
	st.deferred = slices.DeleteFunc(st.deferred, func(d *ssa.Defer) bool { return d.Pos() > after })
}

// applyLockOps applies ops, those of the call at pos, to st: releases
// first, then acquisitions. A release of a mutex held, or that a Maybe
// acquisition may hold, is not the caller's; a Maybe acquisition is never
// held.
func (s *ssaPass) applyLockOps(st *witnessState, pos token.Pos, ops []lockOp) {
	for _, op := range ops {
		if op.acquire {
			continue
		}
		key := op.ref.key() + "/" + op.mode
		_, held := st.held[key]
		if _, may := st.may[key]; !held && !may {
			st.released[key] = related{pos: pos, ref: op.ref, mode: op.mode, key: key} // one the caller may hold
		}
		delete(st.held, key)
		delete(st.must, key)
		delete(st.may, key)
	}
	for _, op := range ops {
		if !op.acquire {
			continue
		}
		key := op.ref.key() + "/" + op.mode
		if op.maybe {
			st.may[key] = related{pos: pos, ref: op.ref, mode: op.mode, key: key}
			continue
		}
		name := op.ref.name(s.pass.Pkg)
		st.held[key] = related{pos: pos, message: name + " locked here", mutex: name, key: key, ref: op.ref, mode: op.mode, guard: op.guard}
		if op.guard == nil {
			st.must[key] = true
		}
	}
}

// guardedOn returns out as it flows from b to succ: an acquisition guarded
// by a result that b's branch tests holds on the side where it succeeded
// and not on the other.
func guardedOn(out *witnessState, b *ssa.BasicBlock, succ *ssa.BasicBlock) *witnessState {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return out
	}
	branch, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return out
	}
	v, nonZeroSide := testedValue(branch.Cond)
	if v == nil {
		return out
	}
	var edge *witnessState
	for k, r := range out.held {
		if r.guard == nil || !r.guard.is(v) {
			continue
		}
		if edge == nil {
			edge = out.clone()
		}
		holds := (succ == b.Succs[nonZeroSide]) != r.guard.zero
		if holds {
			r.guard = nil
			edge.held[k], edge.must[k] = r, true
		} else {
			delete(edge.held, k)
		}
	}
	if edge == nil {
		return out
	}
	return edge
}

// testedValue returns the value that cond tests against zero, and the
// successor (0 or 1) that the branch takes when the value is not zero:
// v, !v, v == nil, v != nil, v == false, v == true.
func testedValue(cond ssa.Value) (ssa.Value, int) {
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			v, side := testedValue(c.X)
			return v, 1 - side
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			break
		}
		v, k := c.X, c.Y
		if _, ok := v.(*ssa.Const); ok {
			v, k = k, v
		}
		konst, ok := k.(*ssa.Const)
		if !ok {
			break
		}
		zero := code.IsZeroConst(konst)
		if !zero && !(konst.Value != nil && konst.Value.Kind() == constant.Bool) {
			break // compared with a value other than zero or true
		}
		if (c.Op == token.NEQ) == zero {
			return v, 0 // v != zero, v == true
		}
		return v, 1
	}
	if _, ok := cond.(*ssa.Const); ok {
		return nil, 0
	}
	return cond, 0
}

// stateBefore returns the state of the dataflow just before instr, or nil
// if no path reaches it.
func (s *ssaPass) stateBefore(instr ssa.Instruction) *witnessState {
	b := instr.Block()
	in := s.flowOf(b.Parent())[b.Index]
	if in == nil {
		return nil
	}
	at := code.IndexOf(instr)
	if s.solving[b.Parent()] {
		st := in.clone() // the flow is not done: replay without keeping
		for _, prev := range b.Instrs[:at] {
			s.transfer(st, prev)
		}
		return st
	}
	c := s.cursor[b]
	if c == nil || c.index > at {
		c = &blockCursor{state: in.clone()}
		s.cursor[b] = c
	}
	for ; c.index < at; c.index++ {
		s.transfer(c.state, b.Instrs[c.index])
	}
	return c.state.clone()
}

// A blockCursor is the state of the dataflow before the index-th
// instruction of a block: queries in a block come in order, and each
// replays only the instructions after the one before.
type blockCursor struct {
	index int
	state *witnessState
}

// deferredWitnesses returns the witnesses of d, a deferred call, when it
// runs: at each return reached after it, once the calls deferred after it
// have run (they run first).
func (s *ssaPass) deferredWitnesses(d *ssa.Defer) witnesses {
	seed := s.stateBefore(d)
	if seed == nil || seed.dead {
		return witnesses{}
	}
	fn := d.Parent()
	in := make([]*witnessState, len(fn.Blocks))
	s.solve(fn, in, seed, d)
	at := newWitnessState()
	visit := func(instrs []ssa.Instruction, st *witnessState) {
		for _, instr := range instrs {
			if _, ok := instr.(*ssa.RunDefers); ok && !st.dead {
				exit := st.clone()
				s.runDeferred(exit, d.Pos())
				at.merge(exit, false)
			}
			s.transfer(st, instr)
		}
	}
	visit(d.Block().Instrs[code.IndexOf(d)+1:], seed.clone())
	for i, st := range in {
		if st != nil {
			visit(fn.Blocks[i].Instrs, st.clone())
		}
	}
	return at.witnesses()
}

// startsGoroutine returns the goroutine start that instr runs: instr
// itself, a go statement; or, for a call, a starter of the standard
// library or a function of another package with a goroutineFact, a
// function of the package that may start one, or the function that a call
// such as once.Do(f) runs on the spot when it may start one. nil if none.
func (s *ssaPass) startsGoroutine(instr ssa.Instruction) *related {
	switch instr := instr.(type) {
	case *ssa.Go:
		return &related{pos: instr.Pos(), message: startMessage(goStatement)}
	case *ssa.Call:
		for _, callee := range code.Callees(instr.Common()) {
			if m := s.goStartOfCall(instr.Common(), callee); m != nil {
				return &related{pos: m.pos, message: startMessage(m.what)}
			}
		}
	}
	return nil
}

// goStartOfCall returns the first goroutine start that call, a call of
// callee, may run, or nil.
func (s *ssaPass) goStartOfCall(call *ssa.CallCommon, callee *ssa.Function) *bodyMatch {
	obj, ok := code.SourceOf(callee).Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == s.pass.Pkg {
		return s.goStartOfFunction(callee) // ours, a literal, or a builtin
	}
	if what := s.goroutineStarter(obj); what != "" {
		pos, _ := s.calleeRange(call.Pos())
		return &bodyMatch{pos: pos, what: what}
	}
	if i, ok := callsArgument(obj); ok {
		if obj.Signature().Recv() != nil {
			i++ // the receiver is the call's first argument
		}
		if i < len(call.Args) {
			return s.goStartOfValue(call.Args[i])
		}
	}
	return nil
}

// goStartOfValue returns the first goroutine start that calling v may run,
// where v is a function of the package or a closure of one; nil for any
// other value.
func (s *ssaPass) goStartOfValue(v ssa.Value) *bodyMatch {
	switch v := v.(type) {
	case *ssa.Function:
		return s.goStartOfFunction(v)
	case *ssa.MakeClosure:
		if fn, ok := v.Fn.(*ssa.Function); ok {
			return s.goStartOfFunction(fn)
		}
	}
	return nil
}

// goStartOfFunction returns the first goroutine start that a call of fn
// may run, if fn belongs to the package.
func (c *checker) goStartOfFunction(fn *ssa.Function) *bodyMatch {
	if obj, ok := code.SourceOf(fn).Object().(*types.Func); ok {
		if obj.Pkg() != c.pass.Pkg {
			return nil // another package's: goStartOfCall asks its fact
		}
		return c.goStart(obj)
	}
	if lit, ok := fn.Syntax().(*ast.FuncLit); ok && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
		return c.goStartIn(lit.Body) // a function literal, called
	}
	return nil
}

// startedBy returns the start of the goroutine in which fn, a function
// literal, runs when site makes it: site passes it (or a closure of it) as
// the function argument of a starter of the standard library
// (wg.Go(func() { ... })), whose new goroutine holds none of the caller's
// mutexes. nil otherwise.
func (s *ssaPass) startedBy(fn *ssa.Function, site ssa.Instruction) *related {
	v, ok := code.MadeAt(fn, site)
	if !ok {
		return nil // called, not made
	}
	users := []ssa.Instruction{site}
	if mc, ok := v.(*ssa.MakeClosure); ok {
		users = *mc.Referrers()
	}
	for _, user := range users {
		call, ok := user.(*ssa.Call)
		if !ok {
			continue // not a call
		}
		callee := call.Common().StaticCallee()
		if callee == nil {
			continue // dynamic
		}
		obj, ok := callee.Object().(*types.Func)
		if !ok || obj.Pkg() == nil || !isStarterPackage(obj.Pkg().Path()) {
			continue // not a starter
		}
		arg, ok := std.GoroutineStarter(obj.Origin().FullName())
		if !ok || arg < 0 {
			continue // runs no argument
		}
		if obj.Signature().Recv() != nil {
			arg++ // the receiver is the call's first argument
		}
		if arg < len(call.Common().Args) && call.Common().Args[arg] == v {
			pos, _ := s.calleeRange(call.Common().Pos())
			return &related{pos: pos, message: startMessage(code.QualifiedName(obj))}
		}
	}
	return nil
}

// initWitness returns the go statement that package initialization runs
// before fn: always that of an imported package, and the package's own when
// fn may run after initialization.
func (s *ssaPass) initWitness(fn *ssa.Function) *related {
	if f := s.importedInitGoroutine(); f != nil {
		return &related{pos: s.factPos(*f.InitGoroutine), message: "goroutine started here while " + f.InitPackage + " initializes"}
	}
	if m := s.initGoroutine(); m != nil && s.runsAfterInit(fn) {
		return &related{pos: m.pos, message: startMessage(m.what) + " while the package initializes"}
	}
	return nil
}

// witnessRelated returns the related information of w, in position order.
func (c *checker) witnessRelated(w witnesses) []related {
	var rel []related
	if w.goroutine != nil {
		rel = append(rel, *w.goroutine)
	}
	for _, l := range w.locks {
		rel = append(rel, c.lockRelated(l))
	}
	c.sortByPosition(rel)
	return rel
}

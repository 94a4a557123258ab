package analyzer

import (
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// Thread locks, a shared analysis: whether the goroutine that runs an
// instruction may not be locked to its OS thread (runtime.LockOSThread).

// threadMayBeUnlocked reports whether, on some path to instr, the
// goroutine running it is not locked to its OS thread: runtime.LockOSThread
// was not called, or runtime.UnlockOSThread undid it (a deferred unlock runs
// only at return).
func (s *ssaPass) threadMayBeUnlocked(instr ssa.Instruction) bool {
	return s.mayBeUnlocked(instr, entryUnknownUnlocked)
}

// threadMayBeUnlockedHere reports whether, on some path to instr, the
// goroutine running it may not be locked to its OS thread for a reason the
// package shows: as threadMayBeUnlocked, but a function of the package's
// API (isAPI) is taken to be entered locked, as its callers in other
// packages decide, and are judged through facts.
func (s *ssaPass) threadMayBeUnlockedHere(instr ssa.Instruction) bool {
	return s.mayBeUnlocked(instr, entryAPILocked)
}

// threadMayBeUnlockedSeen reports whether, on some path to instr, the
// goroutine running it may not be locked to its OS thread: as
// threadMayBeUnlocked, but a method that nothing in the package calls is
// taken to be entered locked: called through an interface (a tracer's
// io.Reader), it runs where its caller is, which the package does not show.
func (s *ssaPass) threadMayBeUnlockedSeen(instr ssa.Instruction) bool {
	return s.mayBeUnlocked(instr, entryCallersLocked)
}

// threadMayBeUnlockedShown reports whether, on some path to instr, the
// goroutine running it may not be locked to its OS thread for a reason the
// package shows: a function of the package's API and a method that nothing
// in the package calls are both taken to be entered locked, as
// threadMayBeUnlockedHere and threadMayBeUnlockedSeen take one each. An
// unexported function that an exported function and such a method both
// call (moby/sys/capability's setAmbient, from SetAmbient and Apply) is
// unlocked only if one of its callers is.
func (s *ssaPass) threadMayBeUnlockedShown(instr ssa.Instruction) bool {
	return s.mayBeUnlocked(instr, entryAPILocked|entryCallersLocked)
}

// How a function that nothing in the package calls is entered: bits.
const (
	entryUnknownUnlocked = 0 // unlocked: anything may call it
	entryAPILocked       = 1 // locked if it is a function of the package's API (isAPI)
	entryCallersLocked   = 2 // locked if it is a method
)

func (s *ssaPass) mayBeUnlocked(instr ssa.Instruction, mode int) bool {
	unlocked := s.unlockedOnEntry(instr.Block(), mode)
	for _, in := range instr.Block().Instrs[:code.IndexOf(instr)] {
		unlocked = s.threadTransfer(unlocked, in)
	}
	return unlocked
}

// unlockedOnEntry returns whether the goroutine may be unlocked on entry
// to b, from a forward analysis over the blocks of its function (any path
// unlocked makes the merge unlocked; see lockOuts for the edges), computed
// once per function.
func (s *ssaPass) unlockedOnEntry(b *ssa.BasicBlock, mode int) bool {
	fn := b.Parent()
	memo := s.unlocked[mode]
	if in, ok := memo[fn]; ok {
		return in[b.Index]
	}
	in := make([]bool, len(fn.Blocks))
	memo[fn] = in // breaks cycles: assumed locked meanwhile
	if len(fn.Blocks) > 0 {
		in[0] = s.entryUnlocked(fn, mode)
	}
	s.propagateUnlocked(fn, in)
	return in[b.Index]
}

// propagateUnlocked completes in, whether the goroutine may be unlocked on
// entry to each block of fn, from what it holds for the entry block, along
// the edges that may run.
func (s *ssaPass) propagateUnlocked(fn *ssa.Function, in []bool) {
	for changed := true; changed; {
		changed = false
		for _, blk := range fn.Blocks {
			if !s.mayRun(blk) {
				continue
			}
			for succ, out := range s.lockOuts(blk, in[blk.Index]) {
				if out && !in[succ.Index] {
					in[succ.Index] = true
					changed = true
				}
			}
		}
	}
}

// lockOuts returns whether the goroutine may be unlocked on each edge out
// of b, entered in state in: no edge after a call that does not return
// (t.Fatal, os.Exit); on the branches of an if that tests the error of a
// call that locks the thread if it succeeds (threadLockedOnSuccess),
// locked on success and as before the call on failure.
func (s *ssaPass) lockOuts(b *ssa.BasicBlock, in bool) map[*ssa.BasicBlock]bool {
	if code.ExitsWithin(b.Instrs) {
		return nil // the path ends in b
	}
	outs := make(map[*ssa.BasicBlock]bool)
	out := s.replayLocks(b.Instrs, in)
	for _, succ := range code.Succs(b) {
		outs[succ] = out
	}
	call, success, ok := testedError(b)
	if !ok || len(code.Succs(b)) != 2 || s.callLeaves(call) != threadLockedOnSuccess {
		return outs
	}
	i := code.IndexOf(call)
	before := s.replayLocks(b.Instrs[:i], in)
	outs[b.Succs[success]] = s.replayLocks(b.Instrs[i+1:], false)
	outs[b.Succs[1-success]] = s.replayLocks(b.Instrs[i+1:], before)
	return outs
}

// replayLocks returns whether the goroutine may be unlocked after instrs,
// run in state unlocked.
func (s *ssaPass) replayLocks(instrs []ssa.Instruction, unlocked bool) bool {
	for _, instr := range instrs {
		unlocked = s.threadTransfer(unlocked, instr)
	}
	return unlocked
}

// entryUnlocked reports whether fn may be entered on a goroutine not locked
// to its thread: nothing in the package calls it (but for the main function
// of a program whose init function locks the thread, see initLocksThread;
// and for a method that the package calls through an interface only, which
// is entered as those calls are: invokeSites; and for a function passed
// only to helpers that run it locked: passedToLockedRunner), a go
// statement starts it,
// some caller may be unlocked at the call, or it is a function literal that
// is passed on, other than to a locked executor (executor.go), or returned
// to callers that may be unlocked where they call it (callsOfReturned).
func (s *ssaPass) entryUnlocked(fn *ssa.Function, mode int) bool {
	sites := s.callers[fn]
	if len(sites) == 0 && s.isMainFunc(fn) && s.initLocksThread() {
		return false // main runs on the thread that an init function locked
	}
	if len(sites) == 0 {
		switch {
		case mode&entryAPILocked != 0 && s.isAPI(fn):
			return false
		case mode&entryCallersLocked != 0 && fn.Signature.Recv() != nil:
			return false // a method nothing calls is called through an interface, where its caller is
		case mode&entryAPILocked != 0:
			if invokes := s.invokeSites(fn); len(invokes) > 0 {
				return s.anyMayBeUnlocked(invokes, mode) // called through an interface, by the package only
			}
		}
		// newSubprocess(createStub) calls createStub on a locked thread
		return fn.Parent() != nil || !s.passedToLockedRunner(fn)
	}
	for _, site := range sites {
		if v := s.funcValueAt(fn, site); v != nil {
			if s.runsOnLockedExecutor(v) {
				continue
			}
			calls, ok := s.callsOfReturned(v)
			switch {
			case ok:
				if s.anyMayBeUnlocked(calls, mode) {
					return true // a caller may be unlocked where it calls it
				}
			case mode&entryAPILocked != 0 && s.returnedByAPI(v):
				// returned to the callers of a function of the API, which run
				// it where they decide, as they call that function
			default:
				return true // a function value that runs who knows where
			}
			continue
		}
		if s.anyMayBeUnlocked([]ssa.Instruction{site}, mode) {
			return true
		}
	}
	return false
}

// anyMayBeUnlocked reports whether the goroutine may be unlocked at one of
// sites, calls and defers; a go statement starts a goroutine that is.
func (s *ssaPass) anyMayBeUnlocked(sites []ssa.Instruction, mode int) bool {
	for _, site := range sites {
		switch site := site.(type) {
		case *ssa.Call, *ssa.Defer:
			if s.mayBeUnlocked(site, mode) {
				return true
			}
		default:
			return true // a new goroutine
		}
	}
	return false
}

// callsOfReturned returns the calls in the package of v, a function value
// that only its function's returns use: the restore that a helper returns
// for its caller to call or defer (restore, err := lockAndEnter(ns); defer
// restore()), as cilium's lockOSThread and moby's OSContext.Set do. It
// runs where those calls are. ok is false when v, or the result of a call
// that holds it, goes anywhere else than to a call or a comparison, or
// nothing in the package calls the function that returns it.
func (s *ssaPass) callsOfReturned(v ssa.Value) (calls []ssa.Instruction, ok bool) {
	parent, index := returnedBy(v)
	if parent == nil {
		return nil, false
	}
	sites := s.callers[parent]
	if len(sites) == 0 {
		return nil, false // called from elsewhere
	}
	for _, site := range sites {
		call, isCall := site.(*ssa.Call)
		if !isCall {
			return nil, false // deferred or started: its result is lost
		}
		for _, r := range resultsAt(call, index) {
			called, ok := calledOnly(r)
			if !ok {
				return nil, false
			}
			calls = append(calls, called...)
		}
	}
	return calls, true
}

// returnedBy returns the function whose returns are the only uses of v,
// and the index of the result v is; nil if v is used otherwise.
func returnedBy(v ssa.Value) (*ssa.Function, int) {
	refs := v.Referrers()
	if refs == nil || len(*refs) == 0 {
		return nil, -1
	}
	index := -1
	for _, r := range *refs {
		ret, isRet := r.(*ssa.Return)
		if !isRet || index >= 0 && (index >= len(ret.Results) || ret.Results[index] != v) {
			return nil, -1 // used otherwise, or returned as another result
		}
		index = slices.Index(ret.Results, v)
	}
	return (*refs)[0].Parent(), index
}

// returnedByAPI reports whether v is a function value that a function of
// the package's API (isAPI) returns, such as the teardown of moby's
// netnsutils.SetupTestOSContext, for callers in other packages to defer.
func (s *ssaPass) returnedByAPI(v ssa.Value) bool {
	parent, _ := returnedBy(v)
	return parent != nil && s.isAPI(parent)
}

// resultsAt returns the values that hold the result index of call: the
// call itself for a function of one result, or its extractions.
func resultsAt(call *ssa.Call, index int) []ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		return []ssa.Value{call}
	}
	var vals []ssa.Value
	for _, r := range *call.Referrers() {
		if e, ok := r.(*ssa.Extract); ok && e.Index == index {
			vals = append(vals, e)
		}
	}
	return vals
}

// calledOnly returns the calls and defers of v, a function value; ok is
// false if v is used otherwise than called or compared (with nil).
func calledOnly(v ssa.Value) (calls []ssa.Instruction, ok bool) {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case ssa.CallInstruction:
			if r.Common().Value != v {
				return nil, false // passed as an argument
			}
			calls = append(calls, r)
		case *ssa.BinOp:
		default:
			return nil, false
		}
	}
	return calls, true
}

// threadTransfer returns the state after instr: LockOSThread locks,
// UnlockOSThread unlocks, and so does a call of a function that leaves the
// thread locked or unlocked (threadExit).
func (s *ssaPass) threadTransfer(unlocked bool, instr ssa.Instruction) bool {
	switch s.callLeaves(instr) {
	case threadLocked:
		return false
	case threadUnlocked:
		return true
	}
	return unlocked
}

// callLeaves returns what instr, a plain call, leaves of the goroutine's
// lock to its thread: threadLocked, threadUnlocked, or "". A call of a
// function value that may be one of several functions leaves it locked
// only if each does.
func (s *ssaPass) callLeaves(instr ssa.Instruction) string {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return "" // not a call, or a go or defer statement
	}
	return s.calleesLeave(call.Common())
}

// calleesLeave returns what a call of call's callees leaves of the
// goroutine's lock to its thread: threadUnlocked if one may unlock it, the
// answer of all of them if they agree, "" otherwise.
func (s *ssaPass) calleesLeave(call *ssa.CallCommon) string {
	leaves := ""
	for i, callee := range code.Callees(call) {
		switch l := s.threadExit(callee); {
		case l == threadUnlocked:
			return threadUnlocked
		case i == 0:
			leaves = l
		case l != leaves:
			leaves = "" // they disagree: as it was
		}
	}
	return leaves
}

// An exitSummaries holds, for the functions of the package, what a call
// leaves for its caller (exitFact): made on first use.
type exitSummaries struct {
	thread map[*ssa.Function]string       // memo of threadExit
	params map[*ssa.Function][]paramAttr  // attrSummaries: the attributes each sets through its parameters
	attrs  map[*ssa.Function]string       // attrSummaries: the functions that return attributes set, with the field
	fields map[*types.Var]*threadAttr     // memo of fieldAttrs
	vars   map[*ssa.Global]*threadAttr    // memo of varAttrs
	starts map[*ssa.Function][]paramStart // paramStartSummaries: the parameters each starts a process with
	values []*ssa.Function                // memo of valueFuncs
}

func (s *ssaPass) exitMemo() *exitSummaries {
	if s.exits == nil {
		s.exits = &exitSummaries{thread: make(map[*ssa.Function]string)}
	}
	return s.exits
}

// threadExit returns what a call of fn leaves of the goroutine's lock to
// its thread: threadLocked, threadUnlocked or "". The runtime counts
// LockOSThread calls and UnlockOSThread undoes one, so the summary follows
// the net count on each path to a return, deferred calls included, kept
// within -1..+1: every return at +1 leaves it locked (a helper that only
// calls LockOSThread, or returns the unlock for its caller to defer); some
// return at -1 leaves it unlocked. A function of another package is
// summarized by its exitFact, one of the runtime by its name.
func (s *ssaPass) threadExit(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		switch s.stdName(obj) {
		case "runtime.LockOSThread":
			return threadLocked
		case "runtime.UnlockOSThread":
			return threadUnlocked
		}
		if obj.Pkg() != s.pass.Pkg {
			if f := s.importedExit(obj); f != nil {
				return f.Thread
			}
			return ""
		}
	}
	fn = code.SourceOf(fn)
	memo := s.exitMemo().thread
	if l, ok := memo[fn]; ok {
		return l
	}
	memo[fn] = "" // breaks cycles
	memo[fn] = s.netThreadLock(fn)
	return memo[fn]
}

// A lockCount is the net count of thread locks on a path, and of those
// its deferred calls will make, each within -1..+1.
type lockCount struct{ net, deferred int }

// netThreadLock summarizes fn's returns for threadExit, from a forward
// analysis of the sets of lockCounts that reach each block.
func (s *ssaPass) netThreadLock(fn *ssa.Function) string {
	if len(fn.Blocks) == 0 {
		return "" // no body
	}
	in := make([]map[lockCount]bool, len(fn.Blocks))
	in[0] = map[lockCount]bool{{}: true}
	locked, unlocked, returns := true, false, false
	errs := returnsError(fn)
	onSuccess, locks := errs, false // every return with a nil error at +1, with an error at 0; one at +1
	for work := []*ssa.BasicBlock{fn.Blocks[0]}; len(work) > 0; {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if code.ExitsWithin(b.Instrs) {
			continue // the path ends here (t.Fatal, os.Exit): no return
		}
		for count := range in[b.Index] {
			for _, instr := range b.Instrs {
				count = s.countLocks(count, instr)
			}
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				at := clampCount(count.net + count.deferred)
				returns, locked, unlocked = true, locked && at > 0, unlocked || at < 0
				if errs {
					failed := !isNilConst(b.Instrs[len(b.Instrs)-1].(*ssa.Return).Results[fn.Signature.Results().Len()-1])
					onSuccess = onSuccess && (failed && at == 0 || !failed && at > 0)
					locks = locks || at > 0
				}
			}
			for _, succ := range code.Succs(b) {
				if in[succ.Index] == nil {
					in[succ.Index] = make(map[lockCount]bool)
				}
				if !in[succ.Index][count] && s.mayRun(succ) {
					in[succ.Index][count] = true
					work = append(work, succ)
				}
			}
		}
	}
	switch {
	case unlocked:
		return threadUnlocked
	case returns && locked:
		return threadLocked
	case onSuccess && locks:
		return threadLockedOnSuccess
	}
	return ""
}

// returnsError reports whether fn's last result is an error.
func returnsError(fn *ssa.Function) bool {
	results := fn.Signature.Results()
	return results.Len() > 0 && types.Identical(results.At(results.Len()-1).Type(), types.Universe.Lookup("error").Type())
}

// isNilConst reports whether v is the constant nil.
func isNilConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.IsNil()
}

// countLocks returns count after instr: a call that leaves the thread
// locked adds one, one that leaves it unlocked takes one; a deferred one
// counts at return.
func (s *ssaPass) countLocks(count lockCount, instr ssa.Instruction) lockCount {
	var leaves string
	deferred := false
	switch instr := instr.(type) {
	case *ssa.Call:
		leaves = s.callLeaves(instr)
	case *ssa.Defer:
		leaves, deferred = s.deferLeaves(instr), true
	}
	delta := map[string]int{threadLocked: +1, threadUnlocked: -1}[leaves]
	if deferred {
		count.deferred = clampCount(count.deferred + delta)
	} else {
		count.net = clampCount(count.net + delta)
	}
	return count
}

func clampCount(n int) int { return max(-1, min(1, n)) }

// deferLeaves returns what d, run at return, leaves of the goroutine's
// lock to its thread: as a call of its callees would, or, for defer f()(),
// as a call of what f returns would (defer pin()(), where pin returns
// runtime.UnlockOSThread; exitFact.ReturnsUnlock for a function of another
// package).
func (s *ssaPass) deferLeaves(d *ssa.Defer) string {
	leaves := s.calleesLeave(d.Common())
	inner, ok := d.Call.Value.(*ssa.Call)
	if !ok {
		return leaves
	}
	for _, f := range code.Callees(inner.Common()) {
		if s.returnsUnlock(f) {
			leaves = threadUnlocked
		}
	}
	return leaves
}

// returnsUnlock reports whether fn returns a function that unlocks the
// thread, such as runtime.UnlockOSThread, on some path, for its caller to
// defer.
func (s *ssaPass) returnsUnlock(fn *ssa.Function) bool {
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != s.pass.Pkg {
		f := s.importedExit(obj)
		return f != nil && f.ReturnsUnlock
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 || !s.mayRun(b) {
			continue
		}
		for _, f := range code.Callees(&ssa.CallCommon{Value: ret.Results[0]}) {
			if f != fn && s.threadExit(f) == threadUnlocked {
				return true
			}
		}
	}
	return false
}

// isMainFunc reports whether fn is the main function of a main package.
func (s *ssaPass) isMainFunc(fn *ssa.Function) bool {
	return s.pass.Pkg.Name() == "main" && fn.Synthetic == "" && fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil
}

// initLocksThread reports whether an init function of the package returns
// with the goroutine locked to its thread on every path: then main runs
// locked to that thread, the program's main thread, for good ("Calling
// LockOSThread in an init function causes the main function to be invoked
// on that thread", runtime.LockOSThread's documentation), as the main
// plugins of github.com/containernetworking/plugins do before they switch
// namespaces. Computed once.
func (s *ssaPass) initLocksThread() bool {
	if s.initLocked == nil {
		locked := slices.ContainsFunc(s.fns, func(fn *ssa.Function) bool {
			return fn.Synthetic == "" && code.IsInitFunc(fn) && s.returnsLocked(fn)
		})
		s.initLocked = &locked
	}
	return *s.initLocked
}

// returnsLocked reports whether fn, entered unlocked (as nothing calls an
// init function), returns, and on every path with the goroutine locked to
// its thread.
func (s *ssaPass) returnsLocked(fn *ssa.Function) bool {
	returns := false
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 || !s.mayRun(b) {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if s.mayBeUnlocked(ret, entryUnknownUnlocked) {
				return false
			}
			returns = true
		}
	}
	return returns
}

// invokeSites returns the calls of the package through an interface whose
// method fn, a method no function of the package calls directly and not
// of its API (isAPI), may be: those of a method of fn's name on an
// interface that fn's receiver type implements. Another package cannot
// call it; nil if fn is no method.
func (s *ssaPass) invokeSites(fn *ssa.Function) []ssa.Instruction {
	recv := fn.Signature.Recv()
	if recv == nil {
		return nil
	}
	if s.invokes == nil {
		s.invokes = make(map[string][]ssa.CallInstruction)
		for _, f := range s.fns {
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					if call, ok := instr.(ssa.CallInstruction); ok && call.Common().IsInvoke() {
						name := call.Common().Method.Name()
						s.invokes[name] = append(s.invokes[name], call)
					}
				}
			}
		}
	}
	var sites []ssa.Instruction
	for _, call := range s.invokes[fn.Name()] {
		if iface, ok := call.Common().Value.Type().Underlying().(*types.Interface); ok && types.Implements(recv.Type(), iface) {
			sites = append(sites, call)
		}
	}
	return sites
}

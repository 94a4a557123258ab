package analyzer

import (
	"go/token"
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// A locked executor is a goroutine that locks its thread and runs the
// functions it receives from a channel, so that every ptrace request of a
// debugger comes from one thread (Delve's ptrace thread):
//
//	func (t *tracer) loop() {
//		runtime.LockOSThread()
//		for fn := range t.funcs {
//			fn()
//		}
//	}
//
//	func (t *tracer) exec(fn func()) { t.funcs <- fn }
//
//	t.exec(func() { ... cmd.Start() ... })
//
// A function literal that is only passed to such an exec runs on the
// executor's locked thread, whether it captures variables (a closure) or
// not (a plain function value in SSA).

// runsOnLockedExecutor reports whether fv, a function literal made a value
// (a closure, or a literal that captures nothing), is only passed to
// functions of the package that run it on a locked thread (runsLocked).
func (s *ssaPass) runsOnLockedExecutor(fv ssa.Value) bool {
	return s.runsLocked(fv, referrers(fv))
}

// runsLocked reports whether uses, the instructions that use fv, a
// function value, are calls that pass it to functions of the package that
// run it on a locked thread: that send it to locked executors, or call it
// only where their goroutine is locked (callsOnlyLocked); false if there
// are none.
func (s *ssaPass) runsLocked(fv ssa.Value, uses []ssa.Instruction) bool {
	if len(uses) == 0 {
		return false
	}
	for _, r := range uses {
		call, ok := r.(*ssa.Call)
		if !ok || !s.mayRun(call.Block()) {
			return false // stored, made a goroutine or a closure, or on a branch never taken
		}
		if call.Call.Value == fv {
			return false // called here
		}
		targets := code.Targets(call.Common())
		if len(targets) != 1 || code.SourceOf(targets[0].Fn).Pkg != s.pkg {
			return false // not passed to one function of the package
		}
		callee := code.SourceOf(targets[0].Fn) // a generic function's body, not its instance's (onLocked[T any](f func() (T, error)))
		params := callee.Params
		for i, arg := range targets[0].Args {
			if arg == fv && (i >= len(params) || !s.sentToLockedExecutor(params[i]) && !s.callsOnlyLocked(callee, params[i])) {
				return false
			}
		}
	}
	return true
}

// callsOnlyLocked reports whether fn uses p, a parameter of function type,
// only to call it, itself or in the function literals it holds, where the
// goroutine is locked to its thread, and calls it: gVisor's ptrace platform
// has newSubprocess(create) call create in the goroutine it locks. Computed
// once per parameter.
func (s *ssaPass) callsOnlyLocked(fn *ssa.Function, p *ssa.Parameter) bool {
	if locked, ok := s.lockedParams[p]; ok {
		return locked
	}
	s.lockedParams[p] = false // breaks cycles
	calls, locked := 0, true
	for _, g := range withLiterals(fn) {
		for _, b := range g.Blocks {
			if !s.mayRun(b) {
				continue // a branch the target platform never takes
			}
			for _, instr := range b.Instrs {
				n, ok := s.lockedUses(fn, p, instr)
				calls, locked = calls+n, locked && ok
			}
		}
	}
	s.lockedParams[p] = locked && calls > 0
	return s.lockedParams[p]
}

// lockedUses returns how many of the operands of instr that hold p, a
// parameter of fn (code.ParamOf), instr calls where the goroutine is locked,
// and whether it does nothing else with them than that, or than keep p in
// the variable that a closure captures it in.
func (s *ssaPass) lockedUses(fn *ssa.Function, p *ssa.Parameter, instr ssa.Instruction) (int, bool) {
	if _, ok := instr.(*ssa.DebugRef); ok {
		return 0, true
	}
	calls := 0
	for _, op := range instr.Operands(nil) {
		if *op == nil || code.ParamOf(fn, *op) != p {
			continue // not p
		}
		switch instr := instr.(type) {
		case *ssa.Call:
			if instr.Call.Value != *op || s.threadMayBeUnlocked(instr) {
				return calls, false // passed on, or called unlocked
			}
			calls++
		case *ssa.Store:
			if _, ok := instr.Addr.(*ssa.Alloc); !ok || instr.Val != *op {
				return calls, false // stored where it outlives fn
			}
		default:
			return calls, false
		}
	}
	return calls, true
}

// passedToLockedRunner reports whether fn, a function declared in the
// package that nothing in it calls, is used as a value (createStub, or
// the method value s.newThread) only where it is passed to functions of the
// package that run it on a locked thread (runsLocked).
func (s *ssaPass) passedToLockedRunner(fn *ssa.Function) bool {
	if s.valueUses == nil {
		s.valueUses = declaredFuncValues(s.fns)
	}
	uses := s.valueUses[fn]
	for _, use := range uses {
		if mc, ok := use.(*ssa.MakeClosure); ok {
			if !s.runsLocked(mc, referrers(mc)) {
				return false // a method value, passed elsewhere
			}
		} else if !s.runsLocked(fn, []ssa.Instruction{use}) {
			return false
		}
	}
	return len(uses) > 0
}

// declaredFuncValues returns, for each declared function and method of
// fns' package, the instructions of fns that use it as a value: those that
// pass or store it, and for a method, those that make a method value of it.
func declaredFuncValues(fns []*ssa.Function) map[*ssa.Function][]ssa.Instruction {
	uses := make(map[*ssa.Function][]ssa.Instruction)
	var ops []*ssa.Value // reused: most instructions have operands
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Value
				if call, ok := instr.(ssa.CallInstruction); ok {
					callee = &call.Common().Value
				}
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					if m := code.FuncOf(mc); m != nil && m != mc.Fn && m.Pkg == fn.Pkg {
						uses[m] = append(uses[m], mc) // a method value
					}
				}
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if op == callee || *op == nil {
						continue // called, not used as a value
					}
					if v, ok := (*op).(*ssa.Function); ok && v.Parent() == nil && v.Pkg == fn.Pkg && v.Synthetic == "" {
						uses[v] = append(uses[v], instr)
					}
				}
			}
		}
	}
	return uses
}

// funcValueAt returns the value that site makes of fn, a function literal,
// when site makes it a closure or passes or stores it rather than calling
// it; nil otherwise.
func (s *ssaPass) funcValueAt(fn *ssa.Function, site ssa.Instruction) ssa.Value {
	if v, ok := code.MadeAt(fn, site); ok {
		return v
	}
	return nil
}

// sentToLockedExecutor reports whether param is only ever sent on channels
// of struct fields or package-level variables that locked executors
// receive from.
func (s *ssaPass) sentToLockedExecutor(param *ssa.Parameter) bool {
	refs := *param.Referrers()
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		send, ok := r.(*ssa.Send)
		if !ok || send.X != param {
			return false
		}
		field := code.LoadedVar(send.Chan)
		if field == nil || !s.lockedExecutor(field) {
			return false
		}
	}
	return true
}

// lockedExecutor reports whether every receive in the package from a
// channel held in field (a struct field, or a package-level variable:
// var ptraceChan = make(chan func())) only calls what it receives, on a
// thread locked at the call, and there is at least one. Computed once per
// field.
func (s *ssaPass) lockedExecutor(field *types.Var) bool {
	if locked, ok := s.executors[field]; ok {
		return locked
	}
	s.executors[field] = false // breaks cycles
	calls := 0
	locked := true
	for _, fn := range s.fns {
		for _, b := range fn.Blocks {
			if !s.mayRun(b) {
				continue
			}
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.UnOp:
					if instr.Op == token.ARROW && code.LoadedVar(instr.X) == field {
						n, ok := s.lockedCallsOf(code.Received(instr))
						calls += n
						locked = locked && ok
					}
				case *ssa.Select:
					for _, st := range instr.States {
						locked = locked && code.LoadedVar(st.Chan) != field // not followed
					}
				}
			}
		}
	}
	s.executors[field] = locked && calls > 0
	return s.executors[field]
}

// lockedCallsOf returns how many calls of v there are, and whether v is
// used only by calls on a locked thread.
func (s *ssaPass) lockedCallsOf(v ssa.Value) (int, bool) {
	if v == nil {
		return 0, true
	}
	calls := 0
	for _, r := range *v.Referrers() {
		call, ok := r.(*ssa.Call)
		if !ok || call.Call.Value != v || s.threadMayBeUnlocked(call) {
			return calls, false
		}
		calls++
	}
	return calls, true
}

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
// functions of the package that send it to locked executors.
func (s *ssaPass) runsOnLockedExecutor(fv ssa.Value) bool {
	refs := fv.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, r := range *refs {
		call, ok := r.(*ssa.Call)
		if !ok || !s.mayRun(call.Block()) {
			return false // stored, made a goroutine or a closure, or on a branch never taken
		}
		if call.Call.Value == fv {
			return false // called here
		}
		targets := code.Targets(call.Common())
		if len(targets) != 1 || targets[0].Fn.Pkg != s.pkg {
			return false // not passed to one function of the package
		}
		params := targets[0].Fn.Params
		for i, arg := range targets[0].Args {
			if arg == fv && (i >= len(params) || !s.sentToLockedExecutor(params[i])) {
				return false
			}
		}
	}
	return true
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
// of struct fields that locked executors receive from.
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
		field := code.LoadedField(send.Chan)
		if field == nil || !s.lockedExecutor(field) {
			return false
		}
	}
	return true
}

// lockedExecutor reports whether every receive in the package from a
// channel held in field only calls what it receives, on a thread locked
// at the call, and there is at least one. Computed once per field.
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
					if instr.Op == token.ARROW && code.LoadedField(instr.X) == field {
						n, ok := s.lockedCallsOf(code.Received(instr))
						calls += n
						locked = locked && ok
					}
				case *ssa.Select:
					for _, st := range instr.States {
						locked = locked && code.LoadedField(st.Chan) != field // not followed
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

package analyzer

import (
	"go/token"
	"go/types"

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
// executor's locked thread.

// runsOnLockedExecutor reports whether the closure that mc makes is only
// passed to functions of the package that send it to locked executors.
func (c *checker) runsOnLockedExecutor(mc *ssa.MakeClosure) bool {
	refs := *mc.Referrers()
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		call, ok := r.(*ssa.Call)
		if !ok {
			return false // stored, or made a goroutine
		}
		callee := call.Call.StaticCallee()
		if callee == nil || callee.Pkg != mc.Parent().Pkg || call.Call.Value == mc || len(callee.Params) != len(call.Call.Args) {
			return false // not passed to a function of the package
		}
		for i, arg := range call.Call.Args {
			if arg == mc && !c.sentToLockedExecutor(callee.Params[i]) {
				return false
			}
		}
	}
	return true
}

// sentToLockedExecutor reports whether param is only ever sent on channels
// of struct fields that locked executors receive from.
func (c *checker) sentToLockedExecutor(param *ssa.Parameter) bool {
	refs := *param.Referrers()
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		send, ok := r.(*ssa.Send)
		if !ok || send.X != param {
			return false
		}
		field := loadedField(send.Chan)
		if field == nil || !c.lockedExecutor(field) {
			return false
		}
	}
	return true
}

// loadedField returns the struct field that v is loaded from, or nil.
func loadedField(v ssa.Value) *types.Var {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	addr, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	ptr, ok := addr.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return st.Field(addr.Field)
}

// lockedExecutor reports whether every receive in the package from a
// channel held in field only calls what it receives, on a thread locked
// at the call, and there is at least one. Computed once per field.
func (c *checker) lockedExecutor(field *types.Var) bool {
	if locked, ok := c.executors[field]; ok {
		return locked
	}
	c.executors[field] = false // breaks cycles
	calls := 0
	locked := true
	for _, fn := range c.fns {
		for _, b := range fn.Blocks {
			if !c.isLive(b) {
				continue
			}
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.UnOp:
					if instr.Op == token.ARROW && loadedField(instr.X) == field {
						n, ok := c.lockedCallsOf(received(instr))
						calls += n
						locked = locked && ok
					}
				case *ssa.Select:
					for _, st := range instr.States {
						locked = locked && loadedField(st.Chan) != field // not followed
					}
				}
			}
		}
	}
	c.executors[field] = locked && calls > 0
	return c.executors[field]
}

// received returns the value that a receive yields: the receive itself, or
// the first component of a comma-ok receive (as a range loop makes); nil if
// the value is not used.
func received(recv *ssa.UnOp) ssa.Value {
	if !recv.CommaOk {
		return recv
	}
	for _, r := range *recv.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == 0 {
			return ex
		}
	}
	return nil
}

// lockedCallsOf returns how many calls of v there are, and whether v is
// used only by calls on a locked thread.
func (c *checker) lockedCallsOf(v ssa.Value) (int, bool) {
	if v == nil {
		return 0, true
	}
	calls := 0
	for _, r := range *v.Referrers() {
		call, ok := r.(*ssa.Call)
		if !ok || call.Call.Value != v || c.threadMayBeUnlocked(call) {
			return calls, false
		}
		calls++
	}
	return calls, true
}

package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"golang.org/x/tools/go/ssa"
)

// threadFields are the fields of syscall.SysProcAttr that belong to the OS
// thread that starts the process (golang/go#27505): the child gets
// Pdeathsig when that thread exits, and only that thread may ptrace it.
var threadFields = map[string]bool{"Pdeathsig": true, "Ptrace": true}

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
	via   string // the function called, for a call; "" for a store
}

// importedThreadAttr returns the threadAttrFact of fn, a function of
// another package, or nil.
func (c *checker) importedThreadAttr(fn *types.Func) *threadAttrFact {
	return importedFact[threadAttrFact](c, fn, func(pf *packageFact) bool { return pf.ThreadAttrs })
}

// threadAttrsOf returns where fn sets a thread-bound attribute, in order.
// summary holds the functions of the package known to return one set.
func (c *checker) threadAttrsOf(fn *ssa.Function, summary map[*ssa.Function]string) []threadAttr {
	var attrs []threadAttr
	for _, b := range fn.Blocks {
		if !c.isLive(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if field := storedThreadField(instr); field != "" {
				attrs = append(attrs, threadAttr{instr: instr, field: field})
				continue
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue // neither a store nor a call
			}
			for _, callee := range calleesOf(call.Common()) {
				if field := summary[sourceOf(callee)]; field != "" {
					attrs = append(attrs, threadAttr{instr: instr, field: field, via: callee.Name()})
				} else if obj, ok := callee.Object().(*types.Func); ok {
					if f := c.importedThreadAttr(obj); f != nil {
						attrs = append(attrs, threadAttr{instr: instr, field: f.Field, via: qualifiedName(obj)})
					}
				}
			}
		}
	}
	return attrs
}

// storedThreadField returns the thread-bound field of syscall.SysProcAttr
// that instr stores a value other than zero into, or "".
func storedThreadField(instr ssa.Instruction) string {
	store, ok := instr.(*ssa.Store)
	if !ok {
		return ""
	}
	fa, ok := store.Addr.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Name() != "SysProcAttr" || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "syscall" {
		return ""
	}
	field := named.Underlying().(*types.Struct).Field(fa.Field).Name()
	if k, ok := store.Val.(*ssa.Const); !threadFields[field] || ok && isZeroConst(k) {
		return ""
	}
	return field
}

func isZeroConst(k *ssa.Const) bool {
	return k.Value == nil || k.Value.Kind() == constant.Bool && !constant.BoolVal(k.Value) ||
		k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// threadAttrSummary returns the functions of the package that return a
// command or attributes with a thread-bound field set, with the field.
func (c *checker) threadAttrSummary(fns []*ssa.Function) map[*ssa.Function]string {
	summary := make(map[*ssa.Function]string)
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if summary[fn] != "" || !returnsProcessAttrs(fn.Signature) {
				continue
			}
			if attrs := c.threadAttrsOf(fn, summary); len(attrs) > 0 {
				summary[fn] = attrs[0].field
				changed = true
			}
		}
	}
	return summary
}

// returnsProcessAttrs reports whether sig returns a *exec.Cmd, a
// *os.ProcAttr or a *syscall.SysProcAttr.
func returnsProcessAttrs(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		ptr, ok := v.Type().(*types.Pointer)
		if !ok {
			continue
		}
		if named, ok := ptr.Elem().(*types.Named); ok && named.Obj().Pkg() != nil {
			switch named.Obj().Pkg().Path() + "." + named.Obj().Name() {
			case "os/exec.Cmd", "os.ProcAttr", "syscall.SysProcAttr":
				return true
			}
		}
	}
	return false
}

// checkAllThreadAttrs runs the threadattr check over the package, exports
// a threadAttrFact for each declared function that returns attributes set,
// and reports whether there was any.
func (c *checker) checkAllThreadAttrs(fns []*ssa.Function) bool {
	if !c.refs().threadAttr {
		return false
	}
	exported := false
	c.unlocked = make(map[*ssa.Function][]bool)
	summary := c.threadAttrSummary(fns)
	for _, fn := range fns {
		c.checkThreadAttrs(fn, summary)
		if obj, ok := fn.Object().(*types.Func); ok && summary[fn] != "" {
			c.pass.ExportObjectFact(obj, &threadAttrFact{Field: summary[fn]})
			exported = true
		}
	}
	return exported
}

// checkThreadAttrs reports the process starts of fn that a thread-bound
// attribute set before them reaches, when the goroutine may not be locked
// to its thread.
func (c *checker) checkThreadAttrs(fn *ssa.Function, summary map[*ssa.Function]string) {
	attrs := c.threadAttrsOf(fn, summary)
	if len(attrs) == 0 {
		return
	}
	for _, b := range fn.Blocks {
		if !c.isLive(b) {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || c.startName(call) == "" || !c.threadMayBeUnlocked(call) {
				continue // not a start, or on a locked thread
			}
			for _, a := range attrs {
				if reaches(a.instr, call) && c.attrMatters(a.field, call) {
					c.reportThreadAttr(call, a)
					break
				}
			}
		}
	}
}

func (c *checker) reportThreadAttr(call ssa.CallInstruction, a threadAttr) {
	msg := a.field + " set here"
	if a.via != "" {
		msg = a.field + " set by " + a.via + " here"
	}
	var pos, end token.Pos
	if call, ok := a.instr.(ssa.CallInstruction); ok {
		pos, end = c.calleeRange(call.Common().Pos())
	} else {
		pos, end = c.storeTarget(a.instr.Pos())
	}
	start, stop := c.calleeRange(call.Common().Pos())
	c.diag("threadattr", start, stop, c.startName(call)+" starts a process with "+a.field+" from a goroutine not locked to its thread: "+threadConsequence[a.field],
		[]related{{pos: pos, end: end, message: msg}})
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

// threadConsequence says what goes wrong with each thread-bound field.
var threadConsequence = map[string]string{
	"Pdeathsig": "the child gets the signal when that thread exits, which can happen while the program runs",
	"Ptrace":    "only that thread may trace the child, and later ptrace calls may run on another",
}

// threadMayBeUnlocked reports whether, on some path to instr, the
// goroutine running it is not locked to its OS thread: runtime.LockOSThread
// was not called, or runtime.UnlockOSThread undid it (a deferred unlock runs
// only at return).
func (c *checker) threadMayBeUnlocked(instr ssa.Instruction) bool {
	unlocked := c.unlockedOnEntry(instr.Block())
	for _, in := range instr.Block().Instrs[:indexOf(instr)] {
		unlocked = threadTransfer(unlocked, in)
	}
	return unlocked
}

// unlockedOnEntry returns whether the goroutine may be unlocked on entry
// to b, from a forward analysis over the blocks of its function (any path
// unlocked makes the merge unlocked), computed once per function.
func (c *checker) unlockedOnEntry(b *ssa.BasicBlock) bool {
	fn := b.Parent()
	if in, ok := c.unlocked[fn]; ok {
		return in[b.Index]
	}
	in := make([]bool, len(fn.Blocks))
	c.unlocked[fn] = in // breaks cycles: assumed locked meanwhile
	if len(fn.Blocks) > 0 {
		in[0] = c.entryUnlocked(fn)
	}
	for changed := true; changed; {
		changed = false
		for _, blk := range fn.Blocks {
			if !c.isLive(blk) {
				continue
			}
			out := in[blk.Index]
			for _, instr := range blk.Instrs {
				out = threadTransfer(out, instr)
			}
			for _, succ := range succs(blk) {
				if out && !in[succ.Index] {
					in[succ.Index] = true
					changed = true
				}
			}
		}
	}
	return in[b.Index]
}

// entryUnlocked reports whether fn may be entered on a goroutine not locked
// to its thread: nothing in the package calls it, a go statement starts it,
// some caller may be unlocked at the call, or it is a function literal that
// is passed on, other than to a locked executor (executor.go).
func (c *checker) entryUnlocked(fn *ssa.Function) bool {
	sites := c.callers[fn]
	if len(sites) == 0 {
		return true
	}
	for _, site := range sites {
		switch site := site.(type) {
		case *ssa.Call, *ssa.Defer:
			if c.threadMayBeUnlocked(site) {
				return true
			}
		case *ssa.MakeClosure:
			if !c.runsOnLockedExecutor(site) {
				return true // a closure that runs who knows where
			}
		default:
			return true // a new goroutine
		}
	}
	return false
}

// threadTransfer returns the state after instr: LockOSThread locks,
// UnlockOSThread unlocks.
func threadTransfer(unlocked bool, instr ssa.Instruction) bool {
	switch staticCalleeName(instr) {
	case "runtime.LockOSThread":
		return false
	case "runtime.UnlockOSThread":
		return true
	}
	return unlocked
}

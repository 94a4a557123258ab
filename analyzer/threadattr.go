package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ast/astutil"

	"golang.org/x/tools/go/ssa"
)

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
// setters holds the functions of the package known to return one set.
func (s *ssaPass) threadAttrsOf(fn *ssa.Function, setters map[*ssa.Function]string) []threadAttr {
	var attrs []threadAttr
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
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
			for _, callee := range code.Callees(call.Common()) {
				if field := setters[code.SourceOf(callee)]; field != "" {
					attrs = append(attrs, threadAttr{instr: instr, field: field, via: callee.Name()})
				} else if obj, ok := callee.Object().(*types.Func); ok {
					if f := s.importedThreadAttr(obj); f != nil {
						attrs = append(attrs, threadAttr{instr: instr, field: f.Field, via: code.QualifiedName(obj)})
					}
				}
			}
		}
	}
	return attrs
}

// storedThreadField returns the thread-bound field of syscall.SysProcAttr
// that instr stores a value other than zero into, or "". The field is the
// same object whatever the struct is called: unix.SysProcAttr, an alias of
// the user's, a type defined from it, a struct that embeds it.
func storedThreadField(instr ssa.Instruction) string {
	store, ok := instr.(*ssa.Store)
	if !ok {
		return ""
	}
	fa, ok := store.Addr.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	field := code.FieldOf(fa)
	if !code.IsThreadField(field) {
		return ""
	}
	if k, ok := store.Val.(*ssa.Const); ok && code.IsZeroConst(k) {
		return ""
	}
	return field.Name()
}

// attrSetters returns the functions of the package that return a
// command or attributes with a thread-bound field set, with the field.
func (s *ssaPass) attrSetters() map[*ssa.Function]string {
	setters := make(map[*ssa.Function]string)
	for changed := true; changed; {
		changed = false
		for _, fn := range s.fns {
			if setters[fn] != "" || !returnsProcessAttrs(fn.Signature) {
				continue
			}
			if attrs := s.threadAttrsOf(fn, setters); len(attrs) > 0 {
				setters[fn] = attrs[0].field
				changed = true
			}
		}
	}
	return setters
}

// returnsProcessAttrs reports whether sig returns an exec.Cmd, an
// os.ProcAttr or a syscall.SysProcAttr, or a pointer to one, under any
// name.
func returnsProcessAttrs(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if code.IsProcessAttrs(v.Type()) {
			return true
		}
	}
	return false
}

// checkAllThreadAttrs runs the threadattr check over the package, exports
// a threadAttrFact for each declared function that returns attributes set,
// and records in the package fact whether there was any.
func (s *ssaPass) checkAllThreadAttrs() {
	if !s.refs().threadAttr {
		return
	}
	setters := s.attrSetters()
	for _, fn := range s.fns {
		s.checkThreadAttrs(fn, setters)
		if obj, ok := fn.Object().(*types.Func); ok && setters[fn] != "" {
			s.pass.ExportObjectFact(obj, &threadAttrFact{Field: setters[fn]})
			s.exports.ThreadAttrs = true
		}
	}
}

// checkThreadAttrs reports the process starts of fn that a thread-bound
// attribute set before them reaches, when the goroutine may not be locked
// to its thread.
func (s *ssaPass) checkThreadAttrs(fn *ssa.Function, setters map[*ssa.Function]string) {
	attrs := s.threadAttrsOf(fn, setters)
	if len(attrs) == 0 {
		return
	}
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || s.startName(call) == "" || !s.threadMayBeUnlocked(call) {
				continue // not a start, or on a locked thread
			}
			for _, a := range attrs {
				if code.Reaches(a.instr, call) && s.attrMatters(a.field, call) {
					s.reportThreadAttr(call, a)
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

// attrMatters reports whether field, set for the process that call starts,
// can go wrong in the program.
func (c *checker) attrMatters(field string, call ssa.CallInstruction) bool {
	switch field {
	case "Ptrace":
		return c.refs().ptrace
	case "Pdeathsig":
		decl, ok := c.programOf(call.Parent())
		return !ok || c.mayEndThreads(decl)
	}
	return true
}

// threadConsequence says what goes wrong with each thread-bound field.
var threadConsequence = map[string]string{
	"Pdeathsig": "the child gets the signal when that thread exits, which can happen while the program runs",
	"Ptrace":    "only that thread may trace the child, and later ptrace calls may run on another",
}

package code

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Target is one function that a call may invoke, with the arguments it
// receives. A method value (lock := mu.Lock; lock()) is a closure of a
// bound-method wrapper that holds the receiver: its target is the method,
// and the receiver comes first in Args, as in the call mu.Lock().
type Target struct {
	Fn   *ssa.Function // the function called: the method, not its wrapper
	Args []ssa.Value   // the arguments, the receiver first for a method
}

// Object returns the function or method that t calls, or nil for a
// function literal.
func (t Target) Object() *types.Func {
	obj, _ := t.Fn.Object().(*types.Func)
	return obj
}

// Arg returns the i-th argument of t, or nil if there is none.
func (t Target) Arg(i int) ssa.Value {
	if i < 0 || i >= len(t.Args) {
		return nil
	}
	return t.Args[i]
}

// Targets returns the functions a call may invoke as far as a local data
// flow shows (the static callee, each function a φ-node of function values
// may hold, the method of a method value), with their arguments. It returns
// nil for dynamic and interface calls, and skips a method value of an
// interface.
func Targets(call *ssa.CallCommon) []Target {
	if call.IsInvoke() {
		return nil
	}
	var targets []Target
	for _, v := range funcValues(call.Value, make(map[ssa.Value]bool)) {
		if t, ok := targetOf(v, call.Args); ok {
			targets = append(targets, t)
		}
	}
	return targets
}

// targetOf returns the target of a call of v, a *ssa.Function or
// *ssa.MakeClosure, with args.
func targetOf(v ssa.Value, args []ssa.Value) (Target, bool) {
	switch v := v.(type) {
	case *ssa.Function:
		if isBoundWrapper(v) {
			return Target{}, false // made only by a MakeClosure, which binds the receiver
		}
		return Target{Fn: methodOf(v), Args: args}, true
	case *ssa.MakeClosure:
		fn := v.Fn.(*ssa.Function)
		if !isBoundWrapper(fn) {
			return Target{Fn: fn, Args: args}, true // captured variables are no arguments
		}
		method := methodOf(fn)
		if method == fn || len(v.Bindings) == 0 {
			return Target{}, false // a method value of an interface: dynamic
		}
		return Target{Fn: method, Args: append([]ssa.Value{v.Bindings[0]}, args...)}, true
	}
	return Target{}, false
}

// methodOf returns the declared method that fn, a bound-method wrapper or
// a thunk of a method expression, calls, or fn itself. A thunk takes the
// receiver as its first parameter, as the method does.
func methodOf(fn *ssa.Function) *ssa.Function {
	if !isBoundWrapper(fn) && !strings.HasPrefix(fn.Synthetic, "thunk for") {
		return fn
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || types.IsInterface(recvOf(obj)) {
		return fn // an interface's method: nothing to call statically
	}
	if m := fn.Prog.FuncValue(obj.Origin()); m != nil {
		return m
	}
	return fn
}

// recvOf returns the receiver type of the method obj.
func recvOf(obj *types.Func) types.Type {
	if recv := obj.Signature().Recv(); recv != nil {
		return recv.Type()
	}
	return nil
}

// isBoundWrapper reports whether fn is the wrapper that a method value
// calls: mu.Lock used as a value.
func isBoundWrapper(fn *ssa.Function) bool {
	return strings.HasPrefix(fn.Synthetic, "bound method wrapper")
}

// funcValues returns the function values that v may hold: functions and
// closures, through φ-nodes, the bindings of free variables, and the
// values stored in a variable that a closure captures.
func funcValues(v ssa.Value, seen map[ssa.Value]bool) []ssa.Value {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Function, *ssa.MakeClosure:
		return []ssa.Value{v}
	case *ssa.Phi:
		var vals []ssa.Value
		for _, e := range v.Edges {
			vals = append(vals, funcValues(e, seen)...)
		}
		return vals
	case *ssa.FreeVar:
		var vals []ssa.Value
		for _, b := range bindings(v) {
			vals = append(vals, funcValues(b, seen)...)
		}
		return vals
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return storedFuncValues(v.X, seen) // a variable that a closure captures
		}
	}
	return nil
}

// FuncOperands returns the function literals that instr uses as values
// rather than calls: passed, stored, sent, made a closure of, or
// converted. A literal that captures nothing is a *ssa.Function in SSA, not
// a closure, and is used this way.
func FuncOperands(instr ssa.Instruction) []*ssa.Function {
	var callee *ssa.Value
	if call, ok := instr.(ssa.CallInstruction); ok {
		callee = &call.Common().Value
	}
	var fns []*ssa.Function
	for _, op := range instr.Operands(nil) {
		if op == callee || *op == nil {
			continue // called, not used as a value
		}
		if fn, ok := (*op).(*ssa.Function); ok && fn.Parent() != nil {
			fns = append(fns, fn)
		}
	}
	return fns
}

// FieldVar returns the struct field that addr addresses, or nil.
func FieldVar(addr *ssa.FieldAddr) *types.Var {
	return fieldOf(addr)
}

// CallAt returns the call of files whose left parenthesis is at lparen, or
// nil. SSA records a call's parenthesis. It descends only into the nodes
// that hold lparen, allocating nothing: a huge function with a finding at
// every call costs one scan of its statements per finding, not a sort.
func CallAt(files []*ast.File, lparen token.Pos) *ast.CallExpr {
	file := FileOf(files, lparen)
	if file == nil {
		return nil
	}
	var found *ast.CallExpr
	ast.Inspect(file, func(n ast.Node) bool {
		if found != nil || n == nil || lparen < n.Pos() || n.End() <= lparen {
			return false
		}
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == lparen {
			found = ce
		}
		return found == nil
	})
	return found
}

// ArgExpr returns the expression of call that gives the i-th argument of
// its callee, the receiver of a method called as x.m(...) first, or nil.
func ArgExpr(info *types.Info, call *ast.CallExpr, i int) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			if i == 0 {
				return sel.X
			}
			i--
		}
	}
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// PathName returns how the source names the variable or field chain that
// e is or takes the address of ("s", "x.inner.mu", "pkg.V"), or "" for any
// other expression.
func PathName(e ast.Expr) string {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if star, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(star.X)
	}
	for x := e; ; {
		switch y := x.(type) {
		case *ast.Ident:
			return types.ExprString(e)
		case *ast.SelectorExpr:
			x = ast.Unparen(y.X)
		default:
			return ""
		}
	}
}

package code

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"

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
// may hold, the method of a method value, each function stored in a
// package-level variable of a package that IndexFuncVars indexed), with
// their arguments. It returns nil for dynamic and interface calls, and
// skips a method value of an interface.
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

// FuncOf returns the function that a call of v, a *ssa.Function or
// *ssa.MakeClosure, calls: the method, for a method value; or nil.
func FuncOf(v ssa.Value) *ssa.Function {
	t, _ := targetOf(v, nil)
	return t.Fn
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
		for _, b := range Bindings(v) {
			vals = append(vals, funcValues(b, seen)...)
		}
		return vals
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		switch x := v.X.(type) {
		case *ssa.Global:
			return storedValuesOf(funcVarValues(x), seen)
		case *ssa.FieldAddr:
			return storedValuesOf(funcFieldValues(x.Parent(), fieldOf(x)), seen)
		}
		return storedFuncValues(v.X, seen) // a variable that a closure captures
	case *ssa.Field:
		return storedValuesOf(funcFieldValues(v.Parent(), fieldOfValue(v)), seen)
	case *ssa.ChangeType:
		return funcValues(v.X, seen) // to or from a named function type
	}
	return nil
}

// storedValuesOf returns the function values that stored may hold.
func storedValuesOf(stored []ssa.Value, seen map[ssa.Value]bool) []ssa.Value {
	var vals []ssa.Value
	for _, v := range stored {
		vals = append(vals, funcValues(v, seen)...)
	}
	return vals
}

// funcVars holds the index of each package that IndexFuncVars indexed and
// that has not forgotten it.
var funcVars sync.Map // *ssa.Package → *funcVarIndex

// A funcVarIndex holds what the functions of a package store in its
// package-level variables of function type, and in the fields of function
// type of its struct types.
type funcVarIndex struct {
	stores   map[*ssa.Global][]ssa.Value // the values stored in each variable
	fields   map[*types.Var][]ssa.Value  // the values stored in each field
	literals map[*ssa.Function]string    // the function literals used only as the value of a variable or field, with its name
}

// IndexFuncVars records the values that fns, the functions of pkg (its
// package initializer included), store in the package-level variables of
// pkg of function type, for Targets to follow a call through one: the
// test seam var setns = unix.Setns, or a function literal assigned in init
// or in a test. Only pkg can assign an unexported variable; an exported
// one may also hold what other packages store, which Targets does not see.
// It returns the function that forgets the index: call it when done with
// pkg.
func IndexFuncVars(pkg *ssa.Package, fns []*ssa.Function) (forget func()) {
	if !declaresFuncVar(pkg) {
		return func() {}
	}
	index := &funcVarIndex{stores: make(map[*ssa.Global][]ssa.Value), fields: make(map[*types.Var][]ssa.Value), literals: make(map[*ssa.Function]string)}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					index.add(pkg, st)
				}
			}
		}
	}
	funcVars.Store(pkg, index)
	return func() { funcVars.Delete(pkg) }
}

// add records what st stores in a package-level variable of pkg, or in a
// field of a struct type of pkg, of function type.
func (index *funcVarIndex) add(pkg *ssa.Package, st *ssa.Store) {
	switch addr := st.Addr.(type) {
	case *ssa.Global:
		if addr.Pkg == pkg && isFuncVar(addr) {
			index.stores[addr] = append(index.stores[addr], st.Val)
			if lit := onlyStored(st.Val); lit != nil {
				index.literals[lit] = pkg.Pkg.Name() + "." + addr.Name()
			}
		}
	case *ssa.FieldAddr:
		if f := fieldOf(addr); f != nil && f.Pkg() == pkg.Pkg && isFuncType(f.Type()) {
			index.fields[f] = append(index.fields[f], st.Val)
			if lit := onlyStored(st.Val); lit != nil {
				index.literals[lit] = fieldName(addr, f)
			}
		}
	}
}

// onlyStored returns the function literal that v, a value stored in a
// variable, is if the store is its only use, or nil. A literal is one
// expression, so a literal that captures nothing, a *ssa.Function, has one
// use; a closure's uses are its referrers.
func onlyStored(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		if v.Parent() != nil {
			return v
		}
	case *ssa.MakeClosure:
		if len(*v.Referrers()) == 1 {
			return v.Fn.(*ssa.Function)
		}
	}
	return nil
}

// FuncVarName returns how a message names the package-level variable, or
// the field of a struct type of the package, of function type whose value
// fn, a function literal, is, if that is its only use ("seams.setNs",
// "seams.nsOps.setns"): fn runs only when a call through the variable calls
// it, as a declared function named by the variable would. It returns ""
// otherwise, or if IndexFuncVars did not index fn's package.
func FuncVarName(fn *ssa.Function) string {
	index, ok := funcVars.Load(fn.Pkg)
	if !ok {
		return ""
	}
	return index.(*funcVarIndex).literals[fn]
}

// fieldName returns how a message names f, the field that addr addresses:
// by its struct type's name if it has one ("seams.nsOps.setns").
func fieldName(addr *ssa.FieldAddr, f *types.Var) string {
	name := f.Pkg().Name() + "."
	if named, ok := types.Unalias(addr.X.Type().Underlying().(*types.Pointer).Elem()).(*types.Named); ok {
		name += named.Obj().Name() + "."
	}
	return name + f.Name()
}

// declaresFuncVar reports whether pkg declares a package-level variable of
// function type, or a struct type with a field of function type.
func declaresFuncVar(pkg *ssa.Package) bool {
	for _, m := range pkg.Members {
		switch m := m.(type) {
		case *ssa.Global:
			if isFuncVar(m) {
				return true
			}
		case *ssa.Type:
			if st, ok := m.Type().Underlying().(*types.Struct); ok && hasFuncField(st) {
				return true
			}
		}
	}
	return false
}

// hasFuncField reports whether st has a field of function type.
func hasFuncField(st *types.Struct) bool {
	for f := range st.Fields() {
		if isFuncType(f.Type()) {
			return true
		}
	}
	return false
}

// isFuncVar reports whether g is a variable of function type. A global's
// type is a pointer to its variable's; the package's init$guard has no
// object.
func isFuncVar(g *ssa.Global) bool {
	return isFuncType(g.Type().(*types.Pointer).Elem())
}

// isFuncType reports whether t is a function type.
func isFuncType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// funcFieldValues returns the values stored in f, a field of function
// type, by the functions of the package of fn, if IndexFuncVars indexed it.
func funcFieldValues(fn *ssa.Function, f *types.Var) []ssa.Value {
	if fn == nil || f == nil {
		return nil
	}
	index, ok := funcVars.Load(fn.Pkg)
	if !ok {
		return nil
	}
	return index.(*funcVarIndex).fields[f]
}

// funcVarValues returns the values stored in g, a package-level variable,
// by the functions of its package, if IndexFuncVars indexed it.
func funcVarValues(g *ssa.Global) []ssa.Value {
	if !isFuncVar(g) {
		return nil
	}
	index, ok := funcVars.Load(g.Pkg)
	if !ok {
		return nil
	}
	return index.(*funcVarIndex).stores[g]
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

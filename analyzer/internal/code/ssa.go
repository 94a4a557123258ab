package code

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// SourceFunctions returns the package initializer, the functions and
// methods declared in files and all their function literals, in source
// order.
func SourceFunctions(files []*ast.File, info *types.Info, pkg *ssa.Package) []*ssa.Function {
	var fns []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		fns = append(fns, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	add(pkg.Func("init"))
	for _, file := range files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue // not a function
			}
			obj, ok := info.Defs[decl.Name].(*types.Func)
			if !ok {
				continue // no object, as for a function named _
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	return fns
}

// CallSites returns, for each function of fns, the instructions of fns,
// in blocks that mayRun, that call, start or defer it. A function literal
// that nothing calls directly (it is passed or stored) has the
// instructions that make it instead, a closure or, when it captures
// nothing, the plain function used as a value: it can run only after that.
func CallSites(fns []*ssa.Function, mayRun func(*ssa.BasicBlock) bool) map[*ssa.Function][]ssa.Instruction {
	sites := make(map[*ssa.Function][]ssa.Instruction)
	made := make(map[*ssa.Function][]ssa.Instruction)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			if !mayRun(b) {
				continue
			}
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					for _, t := range Targets(call.Common()) {
						if callee := SourceOf(t.Fn); callee.Pkg == fn.Pkg {
							sites[callee] = append(sites[callee], instr)
						}
					}
				}
				for _, lit := range FuncOperands(instr) {
					made[lit] = append(made[lit], instr)
				}
			}
		}
	}
	for fn, instrs := range made {
		if len(sites[fn]) == 0 {
			sites[fn] = instrs
		}
	}
	return sites
}

// MadeAt reports whether site makes fn a value (a closure, or a literal
// passed or stored) rather than calling it, and returns that value.
func MadeAt(fn *ssa.Function, site ssa.Instruction) (ssa.Value, bool) {
	if mc, ok := site.(*ssa.MakeClosure); ok && mc.Fn == fn {
		return mc, true
	}
	for _, lit := range FuncOperands(site) {
		if lit == fn {
			return fn, true
		}
	}
	return nil, false
}

// SourceOf returns the generic function that fn instantiates, or fn.
func SourceOf(fn *ssa.Function) *ssa.Function {
	if origin := fn.Origin(); origin != nil {
		return origin
	}
	return fn
}

// IsInitFunc reports whether fn is the package initializer or an init
// function.
func IsInitFunc(fn *ssa.Function) bool {
	if fn.Synthetic == "package initializer" {
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Name() == "init" && obj.Signature().Recv() == nil
}

// StaticCalleeName returns the full name of the function that instr, a
// plain call, calls statically ("os.Exit", "(*sync.Mutex).Lock"), or "".
func StaticCalleeName(instr ssa.Instruction) string {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return "" // not a call, or a go or defer statement
	}
	callee := call.Common().StaticCallee()
	if callee == nil {
		return "" // dynamic
	}
	if obj, ok := callee.Object().(*types.Func); ok {
		return obj.FullName()
	}
	return ""
}

// Callees returns the functions a call may invoke as far as a local data
// flow shows (see Targets). It returns nil for dynamic and interface calls.
func Callees(call *ssa.CallCommon) []*ssa.Function {
	var fns []*ssa.Function
	for _, t := range Targets(call) {
		fns = append(fns, t.Fn)
	}
	return fns
}

// ParamOf returns the parameter of fn that v is: the parameter itself, a
// free variable of a function literal nested in fn bound to it, or a load
// of the variable that a closure captures it in (SSA captures a variable
// by its address: toRun, captured, is *t0 after *t0 = toRun), if every
// store there stores it; nil otherwise.
func ParamOf(fn *ssa.Function, v ssa.Value) *ssa.Parameter {
	switch v := v.(type) {
	case *ssa.Parameter:
		if v.Parent() == fn {
			return v
		}
	case *ssa.FreeVar:
		return sameParam(fn, Bindings(v), ParamOf)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return paramStoredAt(fn, v.X)
		}
	}
	return nil
}

// paramStoredAt returns the parameter of fn that every store at addr, a
// variable that a closure captures (an Alloc, or a free variable bound to
// one), stores, or nil.
// ParamStoredAt returns the parameter of fn that every store at addr, a
// local or a variable that a closure captures, stores: a parameter that SSA
// keeps in a local (t0 = local Config (c); *t0 = c); nil if none.
func ParamStoredAt(fn *ssa.Function, addr ssa.Value) *ssa.Parameter {
	return paramStoredAt(fn, addr)
}

func paramStoredAt(fn *ssa.Function, addr ssa.Value) *ssa.Parameter {
	switch addr := addr.(type) {
	case *ssa.FreeVar:
		return sameParam(fn, Bindings(addr), paramStoredAt)
	case *ssa.Alloc:
		var stored []ssa.Value
		for _, r := range *addr.Referrers() {
			if store, ok := r.(*ssa.Store); ok && store.Addr == addr {
				stored = append(stored, store.Val)
			}
		}
		return sameParam(fn, stored, ParamOf)
	}
	return nil
}

// sameParam returns the parameter of fn that of gives for every one of
// vals, or nil if some gives none or another, or vals is empty.
func sameParam(fn *ssa.Function, vals []ssa.Value, of func(*ssa.Function, ssa.Value) *ssa.Parameter) *ssa.Parameter {
	var param *ssa.Parameter
	for _, v := range vals {
		p := of(fn, v)
		if p == nil || param != nil && p != param {
			return nil
		}
		param = p
	}
	return param
}

// Bindings returns the values that the closures of v's function bind to
// v, a free variable, in the function that makes them.
func Bindings(v *ssa.FreeVar) []ssa.Value {
	fn := v.Parent()
	i := slices.Index(fn.FreeVars, v)
	if fn.Parent() == nil || i < 0 {
		return nil
	}
	var values []ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && i < len(mc.Bindings) {
				values = append(values, mc.Bindings[i])
			}
		}
	}
	return values
}

// storedFuncValues returns the function values stored at addr, a local
// variable (captured by a closure, so not lifted to SSA values) or a free
// variable that binds one.
func storedFuncValues(addr ssa.Value, seen map[ssa.Value]bool) []ssa.Value {
	if fv, ok := addr.(*ssa.FreeVar); ok {
		var vals []ssa.Value
		for _, b := range Bindings(fv) {
			vals = append(vals, storedFuncValues(b, seen)...)
		}
		return vals
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok || seen[alloc] {
		return nil
	}
	seen[alloc] = true
	var vals []ssa.Value
	for _, r := range *alloc.Referrers() {
		if store, ok := r.(*ssa.Store); ok && store.Addr == alloc {
			vals = append(vals, funcValues(store.Val, seen)...)
		}
	}
	return vals
}

// IntValues returns the integer constants v may hold, following
// conversions and φ-nodes; ok is false if some value is not a constant.
func IntValues(v ssa.Value) (vals []int64, ok bool) {
	return IntValuesThrough(v, nil)
}

// IntValuesThrough returns the integer constants v may hold, as IntValues
// does, following also the values that sources gives for a value it knows
// (a load of a package-level variable: the values stored in it; a call: the
// values its callee returns); sources reports false for a value it does
// not know, and may be nil.
func IntValuesThrough(v ssa.Value, sources func(ssa.Value) ([]ssa.Value, bool)) (vals []int64, ok bool) {
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Const:
			n, ok := IntOf(v.Value)
			vals = append(vals, n)
			return ok
		case *ssa.Convert:
			return walk(v.X)
		case *ssa.ChangeType:
			return walk(v.X)
		case *ssa.Phi:
			return walkAll(v.Edges, walk)
		}
		if sources == nil {
			return false
		}
		from, known := sources(v)
		return walkAll(from, walk) && known
	}
	ok = walk(v)
	return vals, ok
}

// walkAll walks each of vs, all of them, and reports whether every walk
// succeeded.
func walkAll(vs []ssa.Value, walk func(ssa.Value) bool) bool {
	ok := true
	for _, v := range vs {
		ok = walk(v) && ok
	}
	return ok
}

// IsZeroConst reports whether k is the zero value: nil, false or 0.
func IsZeroConst(k *ssa.Const) bool {
	return k.Value == nil || k.Value.Kind() == constant.Bool && !constant.BoolVal(k.Value) ||
		k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// Unconvert returns v without the conversions around it.
func Unconvert(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

// IndexOf returns the index of instr in its block.
func IndexOf(instr ssa.Instruction) int {
	for i, in := range instr.Block().Instrs {
		if in == instr {
			return i
		}
	}
	panic("internal error: instruction not in its block")
}

// FieldName returns the name of the field that v addresses, or "".
func FieldName(v *ssa.FieldAddr) string {
	if f := fieldOf(v); f != nil {
		return f.Name()
	}
	return ""
}

// LoadedField returns the struct field that v is loaded from, or nil.
func LoadedField(v ssa.Value) *types.Var {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	addr, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	return fieldOf(addr)
}

// LoadedVar returns the struct field or the package-level variable that v
// is loaded from, or nil.
func LoadedVar(v ssa.Value) *types.Var {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if g, ok := load.X.(*ssa.Global); ok {
			obj, _ := g.Object().(*types.Var)
			return obj
		}
	}
	return LoadedField(v)
}

// fieldOfValue returns the field that v selects, or nil.
func fieldOfValue(v *ssa.Field) *types.Var {
	st, ok := v.X.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return st.Field(v.Field)
}

// fieldOf returns the field that addr addresses, or nil.
func fieldOf(addr *ssa.FieldAddr) *types.Var {
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

// Received returns the value that a receive yields: the receive itself, or
// the first component of a comma-ok receive (as a range loop makes); nil if
// the value is not used.
func Received(recv *ssa.UnOp) ssa.Value {
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

// IsInert reports whether instr neither calls, allocates, blocks nor leaves
// the function: what a forked child may run before exec.
func IsInert(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Extract, *ssa.Field, *ssa.FieldAddr, *ssa.Index, *ssa.IndexAddr,
		*ssa.Phi, *ssa.Jump, *ssa.Store, *ssa.DebugRef, *ssa.ChangeType:
		return true
	case *ssa.BinOp:
		return !isAllocating(instr.Type())
	case *ssa.Convert:
		return !isAllocating(instr.Type()) && !isAllocating(instr.X.Type())
	case *ssa.UnOp:
		return instr.Op != token.ARROW
	case *ssa.Alloc:
		return !instr.Heap
	}
	return false
}

// isAllocating reports whether producing a value of type t may allocate:
// strings and slices made by concatenation or conversion.
func isAllocating(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		return true
	}
	return false
}

// IsLeaf reports whether fn is a small function of straight-line inert
// instructions, such as the syscall package's capToIndex: the compiler
// inlines it, and it runs nothing in the child.
func IsLeaf(fn *ssa.Function) bool {
	if len(fn.Blocks) != 1 || len(fn.Blocks[0].Instrs) > 16 {
		return false
	}
	for _, instr := range fn.Blocks[0].Instrs {
		if _, ok := instr.(*ssa.Return); !ok && !IsInert(instr) {
			return false
		}
	}
	return true
}

// SwapComparison returns the operator that compares y with x as op
// compares x with y.
func SwapComparison(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op // == and != are symmetric
}

// ExitsWithin reports whether instrs hold a call that does not return
// (std.NoReturn).
func ExitsWithin(instrs []ssa.Instruction) bool {
	return slices.ContainsFunc(instrs, NoReturn)
}

// NoReturn reports whether instr is a call that does not return
// (std.NoReturn): of a function by its full name, or of a method of an
// interface that std.NoReturn names (testing.TB's Fatal). Any other
// dynamic call is assumed to return.
func NoReturn(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	if ok && call.Call.IsInvoke() {
		return std.NoReturn[call.Call.Method.FullName()]
	}
	return std.NoReturn[StaticCalleeName(instr)]
}

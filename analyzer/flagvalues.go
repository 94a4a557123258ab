package analyzer

import (
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// maxFlagValues bounds how many values flagValueSet combines, and
// maxFlagDepth how many places (variables, fields, results, parameters)
// it follows one value through.
const (
	maxFlagValues = 64
	maxFlagDepth  = 8
)

// A storeIndex records what the functions of the package store where: the
// values stored into each package-level variable, into each struct field
// (through any base: a package-level variable, a composite literal, a
// receiver), and put into the map that each package-level variable holds;
// and the places whose values are not all seen (an address or a map
// handed elsewhere).
type storeIndex struct {
	globals map[*ssa.Global][]ssa.Value
	fields  map[*types.Var][]ssa.Value
	maps    map[*ssa.Global][]ssa.Value
	escaped map[any]bool // *ssa.Global or *types.Var
}

// stores returns the package's storeIndex, made on first use.
func (s *ssaPass) stores() *storeIndex {
	if s.storeIdx != nil {
		return s.storeIdx
	}
	idx := &storeIndex{
		globals: make(map[*ssa.Global][]ssa.Value),
		fields:  make(map[*types.Var][]ssa.Value),
		maps:    make(map[*ssa.Global][]ssa.Value),
		escaped: make(map[any]bool),
	}
	updates := make(map[ssa.Value][]ssa.Value) // the values put into each map value
	loads := make(map[*ssa.Global][]ssa.Value)
	for _, fn := range s.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				idx.record(instr, updates, loads)
			}
		}
	}
	for g, vals := range idx.globals {
		for _, v := range vals {
			idx.maps[g] = append(idx.maps[g], updates[v]...) // a map literal stored into g
		}
	}
	for g, ls := range loads {
		for _, l := range ls {
			idx.maps[g] = append(idx.maps[g], updates[l]...)
		}
	}
	s.storeIdx = idx
	return idx
}

// record adds what instr stores to the index: a store into a variable or
// a field, a map update (in updates, by map value), a load of a variable
// (in loads); an address of a variable or a field, or a map loaded from a
// variable, used any other way escapes.
func (idx *storeIndex) record(instr ssa.Instruction, updates map[ssa.Value][]ssa.Value, loads map[*ssa.Global][]ssa.Value) {
	switch x := instr.(type) {
	case *ssa.Store:
		switch addr := x.Addr.(type) {
		case *ssa.Global:
			idx.globals[addr] = append(idx.globals[addr], x.Val)
		case *ssa.FieldAddr:
			if f := code.FieldVar(addr); f != nil {
				idx.fields[f] = append(idx.fields[f], x.Val)
			}
		}
	case *ssa.MapUpdate:
		updates[x.Map] = append(updates[x.Map], x.Value)
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			loads[g] = append(loads[g], x)
			if _, isMap := x.Type().Underlying().(*types.Map); isMap && !onlyReadOrUpdated(x) {
				idx.escaped[g] = true // the map is handed elsewhere, which may fill it
			}
		}
	case *ssa.FieldAddr:
		if f := code.FieldVar(x); f != nil && !onlyLoadedOrStored(x) {
			idx.escaped[f] = true // &o.flags handed elsewhere
		}
	}
	for _, op := range instr.Operands(nil) {
		if g, ok := (*op).(*ssa.Global); ok && !addressesGlobal(instr, g) {
			idx.escaped[g] = true // &flags handed elsewhere
		}
	}
}

// addressesGlobal reports whether instr uses g only to load it, store into
// it or address a part of it.
func addressesGlobal(instr ssa.Instruction, g *ssa.Global) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.MUL
	case *ssa.Store:
		return x.Addr == g && x.Val != g
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.DebugRef:
		return true
	}
	return false
}

// onlyLoadedOrStored reports whether the address addr is only loaded,
// stored into, or the base of another field's address.
func onlyLoadedOrStored(addr ssa.Value) bool {
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if r.Addr != addr || r.Val == addr {
				return false
			}
		case *ssa.FieldAddr, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// onlyReadOrUpdated reports whether the map m is only looked up, ranged
// over, measured or updated.
func onlyReadOrUpdated(m ssa.Value) bool {
	for _, r := range *m.Referrers() {
		switch r := r.(type) {
		case *ssa.Lookup, *ssa.Range, *ssa.DebugRef:
		case *ssa.MapUpdate:
			if r.Value == m || r.Key == m {
				return false
			}
		case *ssa.Call:
			if b, ok := r.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// flagValueSet returns the integer constants that flags v may hold, as
// code.IntValueSet does, following also what the package alone sets: a
// package-level variable or a struct field that only the package can set
// (unexported, or of a main package), and every value the package stores
// there (var sockType = unix.SOCK_RAW; &handle{flags: unix.O_RDWR}); an
// element of a map that such a variable holds; the results of a function
// of the package (func sockType() int { return unix.SOCK_RAW }); and a
// parameter of such a function that is only called, as its calls pass it.
// ok is false if some value is not known or may be set elsewhere.
func (s *ssaPass) flagValueSet(v ssa.Value) ([]int64, bool) {
	set, ok := s.valuesOf(v, make(map[ssa.Value]bool), 0)
	if !ok || len(set) == 0 {
		return nil, false
	}
	return slices.Sorted(maps.Keys(set)), true
}

func (s *ssaPass) valuesOf(v ssa.Value, seen map[ssa.Value]bool, depth int) (map[int64]bool, bool) {
	if seen[v] || depth > maxFlagDepth {
		return nil, false // a cycle (flags |= …, a loop), or too far
	}
	seen[v] = true
	defer delete(seen, v) // another operand may meet v again
	switch x := v.(type) {
	case *ssa.Const:
		n, ok := code.IntOf(x.Value)
		return map[int64]bool{n: true}, ok
	case *ssa.Convert:
		return s.valuesOf(x.X, seen, depth)
	case *ssa.ChangeType:
		return s.valuesOf(x.X, seen, depth)
	case *ssa.Phi:
		return s.unionOf(x.Edges, seen, depth)
	case *ssa.BinOp:
		return s.binOpValues(x, seen, depth)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return s.unionOf(s.storedIn(x.X), seen, depth+1)
		}
	case *ssa.Field:
		return s.unionOf(s.fieldStores(fieldOfStruct(x.X.Type(), x.Field)), seen, depth+1)
	case *ssa.Lookup:
		return s.unionOf(s.mapValues(x.X), seen, depth+1)
	case *ssa.Extract:
		if l, ok := x.Tuple.(*ssa.Lookup); ok && x.Index == 0 {
			return s.unionOf(s.mapValues(l.X), seen, depth+1)
		}
		if call, ok := x.Tuple.(*ssa.Call); ok {
			return s.unionOf(s.resultsOf(call, x.Index), seen, depth+1)
		}
	case *ssa.Call:
		return s.unionOf(s.resultsOf(x, 0), seen, depth+1)
	case *ssa.Parameter:
		return s.unionOf(s.argsFor(x), seen, depth+1)
	}
	return nil, false
}

// unionOf returns the values that any of vals may hold; not ok if there
// are none (not known), or too many.
func (s *ssaPass) unionOf(vals []ssa.Value, seen map[ssa.Value]bool, depth int) (map[int64]bool, bool) {
	if len(vals) == 0 {
		return nil, false
	}
	set := make(map[int64]bool)
	for _, v := range vals {
		vs, ok := s.valuesOf(v, seen, depth)
		if !ok {
			return nil, false
		}
		maps.Copy(set, vs)
	}
	return set, len(set) <= maxFlagValues
}

func (s *ssaPass) binOpValues(x *ssa.BinOp, seen map[ssa.Value]bool, depth int) (map[int64]bool, bool) {
	xs, okx := s.valuesOf(x.X, seen, depth)
	ys, oky := s.valuesOf(x.Y, seen, depth)
	if !okx || !oky || len(xs)*len(ys) > maxFlagValues {
		return nil, false
	}
	set := make(map[int64]bool)
	for a := range xs {
		for b := range ys {
			n, ok := code.BitOp(x.Op, a, b)
			if !ok {
				return nil, false
			}
			set[n] = true
		}
	}
	return set, true
}

// storedIn returns the values stored into addr, a package-level variable
// or a field that only the package sets; nil if not known.
func (s *ssaPass) storedIn(addr ssa.Value) []ssa.Value {
	switch a := addr.(type) {
	case *ssa.Global:
		idx := s.stores()
		if a.Pkg != s.pkg || !s.packageOnly(a.Object()) || idx.escaped[a] {
			return nil // an importer's to set, or set through its address
		}
		return idx.globals[a]
	case *ssa.FieldAddr:
		return s.fieldStores(code.FieldVar(a))
	}
	return nil // a local's address: code.IntValueSet's, not ours
}

// fieldStores returns the values that the package stores into f, a field
// that only it sets; nil if not known.
func (s *ssaPass) fieldStores(f *types.Var) []ssa.Value {
	idx := s.stores()
	if f == nil || f.Pkg() != s.pass.Pkg || !s.packageOnly(f) || idx.escaped[f] {
		return nil
	}
	return idx.fields[f]
}

// mapValues returns the values that the package puts into m, a map loaded
// from a package-level variable that only it sets; nil if not known.
func (s *ssaPass) mapValues(m ssa.Value) []ssa.Value {
	load, ok := code.Unconvert(m).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	g, ok := load.X.(*ssa.Global)
	if !ok || s.storedIn(g) == nil {
		return nil
	}
	return s.stores().maps[g]
}

// packageOnly reports whether obj, a variable or a field, can be set only
// by the package: unexported, or of a main package.
func (s *ssaPass) packageOnly(obj types.Object) bool {
	return obj != nil && (!obj.Exported() || s.pass.Pkg.Name() == "main")
}

// resultsOf returns the values that the function of the package that call
// calls statically returns as its result i; nil if not known.
func (s *ssaPass) resultsOf(call *ssa.Call, i int) []ssa.Value {
	callee := call.Call.StaticCallee()
	if callee == nil || code.SourceOf(callee).Pkg != s.pkg {
		return nil // through a value, or of another package
	}
	return s.returnedBy(code.SourceOf(callee), i)
}

// returnedBy returns the i-th results of fn's returns in blocks that may
// run.
func (s *ssaPass) returnedBy(fn *ssa.Function, i int) []ssa.Value {
	var vals []ssa.Value
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && i < len(ret.Results) && s.mayRun(b) {
			vals = append(vals, ret.Results[i])
		}
	}
	return vals
}

// argsFor returns the arguments that the calls of p's function pass for
// p, where that function is declared in the package, only the package
// calls it (unexported, or of a main package; not a method, which an
// interface may call), and it is only called, never used as a value; nil
// otherwise.
func (s *ssaPass) argsFor(p *ssa.Parameter) []ssa.Value {
	fn := p.Parent()
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Signature().Recv() != nil || !s.packageOnly(obj) {
		return nil
	}
	if sites := s.callSitesOf(obj); len(sites) == 0 || len(sites) != len(s.usesOf(obj)) {
		return nil // never called, or also used as a value
	}
	i := slices.Index(fn.Params, p)
	var args []ssa.Value
	for _, site := range s.callers[fn] {
		call, ok := site.(*ssa.Call)
		if !ok || call.Call.StaticCallee() == nil || code.SourceOf(call.Call.StaticCallee()) != fn || i >= len(call.Call.Args) {
			return nil // a go or defer statement
		}
		args = append(args, call.Call.Args[i])
	}
	return args
}

// fieldOfStruct returns the field i of t, a struct or a pointer to one.
func fieldOfStruct(t types.Type, i int) *types.Var {
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

package code

import (
	"fmt"
	"go/constant"
	"go/token"
	"iter"
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// ValueKey returns a name for what v holds that two loads of the same
// field share: "P.3" for the fourth field of what P points to, where P is
// the key of the base; a unique name of v itself otherwise. Conversions
// are looked through. Stores between the loads are not seen: the key
// names a place, not a value.
func ValueKey(v ssa.Value) string {
	switch v := Unconvert(v).(type) {
	case *ssa.UnOp:
		if v.Op != token.MUL {
			break
		}
		switch x := v.X.(type) {
		case *ssa.FieldAddr:
			return fmt.Sprintf("%s.%d", ValueKey(x.X), x.Field)
		case *ssa.Global:
			return "global " + x.RelString(nil)
		}
	case *ssa.Field:
		return fmt.Sprintf("%s.%d", ValueKey(v.X), v.Field)
	}
	return fmt.Sprintf("%p", Unconvert(v))
}

// ZeroTest returns the value that cond compares with the constant zero and
// the comparison, written as "v op 0"; ok is false if cond is no such
// comparison.
func ZeroTest(cond ssa.Value) (v ssa.Value, op token.Token, ok bool) {
	bin, ok := cond.(*ssa.BinOp)
	if !ok {
		return nil, 0, false
	}
	switch {
	case isIntZero(bin.Y):
		return Unconvert(bin.X), bin.Op, true
	case isIntZero(bin.X):
		return Unconvert(bin.Y), SwapComparison(bin.Op), true
	}
	return nil, 0, false
}

func isIntZero(v ssa.Value) bool {
	k, ok := Unconvert(v).(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// ZeroOnEdge returns what taking the edge of an if on "v op 0" tells of v:
// whether it is zero; known is false if it tells nothing.
func ZeroOnEdge(op token.Token, taken bool) (zero, known bool) {
	switch {
	case op == token.EQL:
		return taken, true
	case op == token.NEQ:
		return !taken, true
	case op == token.GTR || op == token.LSS:
		return false, taken // true: not zero; false: zero or of the other sign
	case op == token.LEQ || op == token.GEQ:
		return false, !taken
	}
	return false, false
}

// maxIntValues bounds how many values IntValueSet combines.
const maxIntValues = 64

// IntValueSet returns the integer constants v may hold, as IntValues does,
// following also |, &, &^ and ^ of two such values, as flags are built
// (typ := SOCK_STREAM; if nb { typ |= SOCK_NONBLOCK }); ok is false if
// some value is not a constant, comes round a loop, or there are more
// than maxIntValues.
func IntValueSet(v ssa.Value) (vals []int64, ok bool) {
	set, ok := intValueSet(v, make(map[ssa.Value]bool))
	return slices.Sorted(maps.Keys(set)), ok
}

func intValueSet(v ssa.Value, seen map[ssa.Value]bool) (map[int64]bool, bool) {
	if seen[v] {
		return nil, false // a cycle, as a loop makes: its values are not followed
	}
	seen[v] = true
	defer delete(seen, v) // another operand may meet v again
	set := make(map[int64]bool)
	switch v := v.(type) {
	case *ssa.Const:
		n, ok := IntOf(v.Value)
		set[n] = true
		return set, ok
	case *ssa.Convert:
		return intValueSet(v.X, seen)
	case *ssa.ChangeType:
		return intValueSet(v.X, seen)
	case *ssa.Phi:
		for _, e := range v.Edges {
			vals, ok := intValueSet(e, seen)
			if !ok {
				return nil, false
			}
			maps.Copy(set, vals)
		}
		return set, len(set) <= maxIntValues
	case *ssa.BinOp:
		xs, okx := intValueSet(v.X, seen)
		ys, oky := intValueSet(v.Y, seen)
		if !okx || !oky || len(xs)*len(ys) > maxIntValues {
			return nil, false
		}
		for x := range xs {
			for y := range ys {
				n, ok := BitOp(v.Op, x, y)
				if !ok {
					return nil, false
				}
				set[n] = true
			}
		}
		return set, true
	}
	return nil, false
}

// BitOp returns x op y for the operators that build flags.
func BitOp(op token.Token, x, y int64) (int64, bool) {
	switch op {
	case token.OR:
		return x | y, true
	case token.AND:
		return x & y, true
	case token.AND_NOT:
		return x &^ y, true
	case token.XOR:
		return x ^ y, true
	}
	return 0, false
}

// RootOf returns the value whose object v lies in: the last of Bases(v)
// (cmd for cmd.SysProcAttr, the call for p.Pid with p, _ :=
// os.StartProcess(...)).
func RootOf(v ssa.Value) ssa.Value {
	for v = range Bases(v) {
	}
	return v
}

// Bases yields v, then each value that it is taken from, down to its
// root: through field selections, loads, conversions and extractions.
func Bases(v ssa.Value) iter.Seq[ssa.Value] {
	return func(yield func(ssa.Value) bool) {
		for v != nil && yield(v) {
			v = baseOf(v)
		}
	}
}

// baseOf returns the value v is taken from, or nil.
func baseOf(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.FieldAddr:
		return x.X
	case *ssa.Field:
		return x.X
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return x.X
		}
	case *ssa.ChangeType:
		return x.X
	case *ssa.Convert:
		return x.X
	case *ssa.MakeInterface:
		return x.X
	case *ssa.Extract:
		return x.Tuple
	}
	return nil
}

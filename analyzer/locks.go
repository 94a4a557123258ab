package analyzer

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A heldSet maps the mutexes that may be held, keyed by mutexKey and mode,
// to their acquisition.
type heldSet map[string]related

// lockOps are the methods of sync.Mutex and sync.RWMutex that acquire (+1)
// or release (-1) a mutex, by full name, with the mode they act on.
var lockOps = map[string]struct {
	delta int
	mode  string
}{
	"(*sync.Mutex).Lock":      {+1, "w"},
	"(*sync.Mutex).Unlock":    {-1, "w"},
	"(*sync.RWMutex).Lock":    {+1, "w"},
	"(*sync.RWMutex).Unlock":  {-1, "w"},
	"(*sync.RWMutex).RLock":   {+1, "r"},
	"(*sync.RWMutex).RUnlock": {-1, "r"},
}

// locksHeldAt returns the acquisitions of mutexes that may still hold at
// instr: a Lock or RLock on some path from the entry of the function to instr
// with no matching unlock of the same mutex after it on that path. A deferred
// unlock runs only at return, so the mutex stays held.
func (c *checker) locksHeldAt(instr ssa.Instruction) []related {
	held := maps.Clone(c.heldOnEntry(instr.Block()))
	for _, in := range instr.Block().Instrs[:indexOf(instr)] {
		applyLockOp(held, in)
	}
	locks := slices.Collect(maps.Values(held))
	slices.SortFunc(locks, func(a, b related) int { return cmp.Compare(a.pos, b.pos) })
	return locks
}

// heldOnEntry returns the mutexes that may be held on entry to b, from a
// forward may-analysis over the blocks of its function (union at merges,
// iterated to a fixed point), computed once per function.
func (c *checker) heldOnEntry(b *ssa.BasicBlock) heldSet {
	fn := b.Parent()
	if in, ok := c.held[fn]; ok {
		return in[b.Index]
	}
	in := make([]heldSet, len(fn.Blocks))
	for i := range in {
		in[i] = make(heldSet)
	}
	for changed := true; changed; {
		changed = false
		for _, blk := range fn.Blocks {
			if !c.isLive(blk) {
				continue
			}
			out := maps.Clone(in[blk.Index])
			for _, instr := range blk.Instrs {
				applyLockOp(out, instr)
			}
			for _, succ := range succs(blk) {
				changed = mergeHeld(in[succ.Index], out) || changed
			}
		}
	}
	c.held[fn] = in
	return in[b.Index]
}

// mergeHeld adds src to dst, keeping the earliest acquisition of each
// mutex, and reports whether dst changed.
func mergeHeld(dst, src heldSet) bool {
	changed := false
	for k, r := range src {
		if old, ok := dst[k]; !ok || r.pos < old.pos {
			dst[k] = r
			changed = true
		}
	}
	return changed
}

// applyLockOp updates held for instr if it locks or unlocks a mutex.
func applyLockOp(held heldSet, instr ssa.Instruction) {
	op, ok := lockOps[staticCalleeName(instr)] // a deferred or concurrent unlock does not release here
	if !ok {
		return // not a lock operation
	}
	call := instr.(*ssa.Call)
	mu := call.Common().Args[0]
	key := mutexKey(mu) + "/" + op.mode
	if op.delta < 0 {
		delete(held, key)
		return
	}
	name := mutexName(mu, call.Parent().Pkg.Pkg)
	held[key] = related{pos: call.Pos(), message: name + " locked here", mutex: name, key: key}
}

// mutexKey identifies the mutex at address v within one function: the same
// global, the same field of the same base, or the same SSA value.
func mutexKey(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Global:
		return "global " + v.Pkg.Pkg.Path() + "." + v.Name()
	case *ssa.FieldAddr:
		return fmt.Sprintf("%s.%d", mutexKey(v.X), v.Field)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return "*" + mutexKey(v.X)
		}
	}
	return "value " + v.Name()
}

// mutexName returns how a message in package from names the mutex at
// address v: "mu", "s.mu", "syscall.ForkLock", or "a mutex" when the SSA
// form lost the name.
func mutexName(v ssa.Value, from *types.Package) string {
	switch v := v.(type) {
	case *ssa.Global:
		if pkg := v.Object().Pkg(); pkg != from {
			return pkg.Name() + "." + v.Name()
		}
		return v.Name()
	case *ssa.FieldAddr:
		field := fieldName(v)
		if base := mutexName(v.X, from); base != "a mutex" {
			return base + "." + field
		}
		return field
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return mutexName(v.X, from)
		}
	case *ssa.Alloc:
		if v.Comment != "" {
			return v.Comment
		}
	case *ssa.Parameter, *ssa.FreeVar:
		return v.Name()
	}
	return "a mutex"
}

// fieldName returns the name of the field that v addresses.
func fieldName(v *ssa.FieldAddr) string {
	ptr, ok := v.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return "a mutex"
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return "a mutex"
	}
	return st.Field(v.Field).Name()
}

package analyzer

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// A heldSet maps the mutexes that may be held, keyed by mutexKey and mode,
// to their acquisition.
type heldSet map[string]related

// locksHeldAt returns the acquisitions of mutexes that may still hold at
// instr: a Lock or RLock on some path from the entry of the function to instr
// with no matching unlock of the same mutex after it on that path. A deferred
// unlock runs only at return, so the mutex stays held.
func (s *ssaPass) locksHeldAt(instr ssa.Instruction) []related {
	held := maps.Clone(s.heldOnEntry(instr.Block()))
	for _, in := range instr.Block().Instrs[:code.IndexOf(instr)] {
		applyLockOp(held, in)
	}
	locks := slices.Collect(maps.Values(held))
	slices.SortFunc(locks, func(a, b related) int { return cmp.Compare(a.pos, b.pos) })
	return locks
}

// heldOnEntry returns the mutexes that may be held on entry to b, from a
// forward may-analysis over the blocks of its function (union at merges,
// iterated to a fixed point), computed once per function.
func (s *ssaPass) heldOnEntry(b *ssa.BasicBlock) heldSet {
	fn := b.Parent()
	if in, ok := s.held[fn]; ok {
		return in[b.Index]
	}
	in := make([]heldSet, len(fn.Blocks))
	for i := range in {
		in[i] = make(heldSet)
	}
	for changed := true; changed; {
		changed = false
		for _, blk := range fn.Blocks {
			if !s.mayRun(blk) {
				continue
			}
			out := maps.Clone(in[blk.Index])
			for _, instr := range blk.Instrs {
				applyLockOp(out, instr)
			}
			for _, succ := range code.Succs(blk) {
				changed = mergeHeld(in[succ.Index], out) || changed
			}
		}
	}
	s.held[fn] = in
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
	op, ok := std.LockOps[code.StaticCalleeName(instr)] // a deferred or concurrent unlock does not release here
	if !ok {
		return // not a lock operation
	}
	call := instr.(*ssa.Call)
	mu := call.Common().Args[0]
	key := mutexKey(mu) + "/" + op.Mode
	if op.Delta < 0 {
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
		field := code.FieldName(v)
		if field == "" {
			field = "a mutex"
		}
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

package code

import (
	"go/constant"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// The SSA builder keeps both branches of a constant condition, such as
// runtime.GOARCH == "s390x", for fidelity to the source. For the target
// platform one branch never runs: a fork there is no finding, a goroutine
// or lock there no witness. Succs and RunnableBlocks prune it.

// Succs returns the successors of b that control may reach: the taken one
// of an if on a constant, else all of them.
func Succs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if len(b.Instrs) == 0 {
		return b.Succs
	}
	cond, ok := constantCond(b.Instrs[len(b.Instrs)-1])
	if !ok || len(b.Succs) != 2 {
		return b.Succs
	}
	if cond {
		return b.Succs[:1]
	}
	return b.Succs[1:]
}

// constantCond returns the value of instr's condition when instr is an if
// on a constant.
func constantCond(instr ssa.Instruction) (value, ok bool) {
	i, ok := instr.(*ssa.If)
	if !ok {
		return false, false
	}
	k, ok := i.Cond.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(k.Value), true
}

// RunnableBlocks returns, indexed by block, whether each block of fn may
// run: it is reachable from the entry of fn, or from its recover block,
// through Succs. It returns nil when all may, as in a function without a
// constant condition.
func RunnableBlocks(fn *ssa.Function) []bool {
	pruned := false
	for _, b := range fn.Blocks {
		pruned = pruned || len(Succs(b)) < len(b.Succs)
	}
	if !pruned {
		return nil
	}
	runs := make([]bool, len(fn.Blocks))
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	if fn.Recover != nil {
		queue = append(queue, fn.Recover)
	}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if !runs[b.Index] {
			runs[b.Index] = true
			queue = append(queue, Succs(b)...)
		}
	}
	return runs
}

// Reaches reports whether some path leads from instruction from to
// instruction to, in the same function, without passing a call that does
// not return.
func Reaches(from, to ssa.Instruction) bool {
	fb, tb := from.Block(), to.Block()
	fi, ti := IndexOf(from), IndexOf(to)
	if fb == tb && fi < ti {
		return !ExitsWithin(fb.Instrs[fi+1 : ti])
	}
	if ExitsWithin(fb.Instrs[fi+1:]) {
		return false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	queue := slices.Clone(Succs(fb))
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if seen[b] {
			continue
		}
		seen[b] = true
		if b == tb && !ExitsWithin(b.Instrs[:ti]) {
			return true
		}
		if !ExitsWithin(b.Instrs) {
			queue = append(queue, Succs(b)...)
		}
	}
	return false
}

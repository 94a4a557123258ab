package analyzer

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"
)

// The SSA builder keeps both branches of a constant condition, such as
// runtime.GOARCH == "s390x", for fidelity to the source. For the target
// platform one branch never runs: a fork there is no finding, a goroutine
// or lock there no witness. succs and isLive prune it.

// succs returns the successors of b that control may reach: the taken one
// of an if on a constant, else all of them.
func succs(b *ssa.BasicBlock) []*ssa.BasicBlock {
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

// isLive reports whether b may run: it is reachable from the entry of its
// function, or from its recover block, through succs.
func (c *checker) isLive(b *ssa.BasicBlock) bool {
	fn := b.Parent()
	live, ok := c.live[fn]
	if !ok {
		live = liveBlocks(fn)
		c.live[fn] = live
	}
	return live == nil || live[b.Index]
}

// liveBlocks returns, indexed by block, whether each block of fn may run;
// nil when all may, as in a function without a constant condition.
func liveBlocks(fn *ssa.Function) []bool {
	pruned := false
	for _, b := range fn.Blocks {
		pruned = pruned || len(succs(b)) < len(b.Succs)
	}
	if !pruned {
		return nil
	}
	live := make([]bool, len(fn.Blocks))
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	if fn.Recover != nil {
		queue = append(queue, fn.Recover)
	}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if !live[b.Index] {
			live[b.Index] = true
			queue = append(queue, succs(b)...)
		}
	}
	return live
}

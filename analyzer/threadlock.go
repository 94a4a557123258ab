package analyzer

import (
	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// Thread locks, a shared analysis: whether the goroutine that runs an
// instruction may not be locked to its OS thread (runtime.LockOSThread).

// threadMayBeUnlocked reports whether, on some path to instr, the
// goroutine running it is not locked to its OS thread: runtime.LockOSThread
// was not called, or runtime.UnlockOSThread undid it (a deferred unlock runs
// only at return).
func (s *ssaPass) threadMayBeUnlocked(instr ssa.Instruction) bool {
	unlocked := s.unlockedOnEntry(instr.Block())
	for _, in := range instr.Block().Instrs[:code.IndexOf(instr)] {
		unlocked = threadTransfer(unlocked, in)
	}
	return unlocked
}

// unlockedOnEntry returns whether the goroutine may be unlocked on entry
// to b, from a forward analysis over the blocks of its function (any path
// unlocked makes the merge unlocked), computed once per function.
func (s *ssaPass) unlockedOnEntry(b *ssa.BasicBlock) bool {
	fn := b.Parent()
	if in, ok := s.unlocked[fn]; ok {
		return in[b.Index]
	}
	in := make([]bool, len(fn.Blocks))
	s.unlocked[fn] = in // breaks cycles: assumed locked meanwhile
	if len(fn.Blocks) > 0 {
		in[0] = s.entryUnlocked(fn)
	}
	for changed := true; changed; {
		changed = false
		for _, blk := range fn.Blocks {
			if !s.mayRun(blk) {
				continue
			}
			out := in[blk.Index]
			for _, instr := range blk.Instrs {
				out = threadTransfer(out, instr)
			}
			for _, succ := range code.Succs(blk) {
				if out && !in[succ.Index] {
					in[succ.Index] = true
					changed = true
				}
			}
		}
	}
	return in[b.Index]
}

// entryUnlocked reports whether fn may be entered on a goroutine not locked
// to its thread: nothing in the package calls it, a go statement starts it,
// some caller may be unlocked at the call, or it is a function literal that
// is passed on, other than to a locked executor (executor.go).
func (s *ssaPass) entryUnlocked(fn *ssa.Function) bool {
	sites := s.callers[fn]
	if len(sites) == 0 {
		return true
	}
	for _, site := range sites {
		if v := s.funcValueAt(fn, site); v != nil {
			if !s.runsOnLockedExecutor(v) {
				return true // a function value that runs who knows where
			}
			continue
		}
		switch site := site.(type) {
		case *ssa.Call, *ssa.Defer:
			if s.threadMayBeUnlocked(site) {
				return true
			}
		default:
			return true // a new goroutine
		}
	}
	return false
}

// threadTransfer returns the state after instr: LockOSThread locks,
// UnlockOSThread unlocks.
func threadTransfer(unlocked bool, instr ssa.Instruction) bool {
	switch code.StaticCalleeName(instr) {
	case "runtime.LockOSThread":
		return false
	case "runtime.UnlockOSThread":
		return true
	}
	return unlocked
}

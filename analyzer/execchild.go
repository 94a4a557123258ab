package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// execsInChild reports whether the child side of fork, a raw system call that
// creates a process, only makes raw system calls and ends in an exit: the
// fork-then-exec idiom of the syscall package and careful sandboxes, which is
// safe because the child never runs Go code that could take a lock.
//
// The walk follows the child's execution from the instruction after the call
// through every successor, except at branches that test the call's results:
// in the child the process id and the error number are zero, so only the side
// that holds then is followed. A path succeeds at a system call that exits
// (execve returns only on failure, so the child must exit after it); it fails
// at a return, a panic, a call of anything but a raw system call, or an
// instruction that may allocate or block. A loop back to a block already seen
// adds nothing new.
func (s *ssaPass) execsInChild(fork *ssa.Call) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	zero := make(map[ssa.Value]bool) // the local variables that hold a result of the fork
	var walk func(b *ssa.BasicBlock, from int) bool
	visit := func(b *ssa.BasicBlock) bool {
		if seen[b] {
			return true // a loop: nothing new on this path
		}
		seen[b] = true
		return walk(b, 0)
	}
	walk = func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			switch instr := instr.(type) {
			case *ssa.Call:
				exits, raw := s.childCall(instr.Common())
				if !raw {
					return false // Go code in the child
				}
				if exits {
					return true
				}
			case *ssa.If:
				if succ := s.childSuccessor(fork, instr, zero); succ != nil {
					return visit(succ)
				}
			case *ssa.Store:
				zero[instr.Addr] = s.isZeroInChild(fork, instr.Val, zero) // a named result, whose address is taken
			default:
				if !code.IsInert(instr) {
					return false
				}
			}
		}
		for _, succ := range b.Succs {
			if !visit(succ) {
				return false
			}
		}
		return true
	}
	return walk(fork.Block(), code.IndexOf(fork)+1)
}

// childCall reports whether call is a raw system call, safe in a forked
// child (an entry point, or a wrapper that makes only one), and whether it
// exits the process.
func (s *ssaPass) childCall(call *ssa.CallCommon) (exits, raw bool) {
	if b, ok := call.Value.(*ssa.Builtin); ok {
		return false, b.Name() == "len" || b.Name() == "cap" // no call at all
	}
	for _, fn := range code.Callees(call) {
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			return false, false
		}
		if obj.Name() == "Exit" && std.IsSyscallPackage(obj.Pkg().Path()) {
			return true, true
		}
		if entry, ok := s.trapEntryOf(obj); ok {
			if !entry.raw || entry.pkg == nil || len(call.Args) == 0 {
				return false, false // Syscall, which enters the scheduler (entersyscall) in the child
			}
			traps, _ := s.trapValues(call.Args[0])
			for _, n := range traps {
				if s.trapTable(entry.pkg).exits[n] {
					exits = true
				}
			}
			raw = true
			continue
		}
		if wrapperExits, wrapperRaw := s.wrappedExit(call); wrapperRaw {
			exits, raw = exits || wrapperExits, true // a wrapper that makes only a raw system call
			continue
		}
		if obj.Name() == "runtime_AfterForkInChild" && obj.Pkg().Path() == "syscall" || code.IsLeaf(fn) {
			raw = true // the runtime's hook for the child, written to run there; or a leaf that the compiler inlines
			continue
		}
		return false, false // Go code
	}
	return exits, raw
}

// childSuccessor returns the successor of branch that the child of fork
// takes, when branch compares the fork's process id or error number, both
// zero in the child, with a constant; it returns nil otherwise.
func (s *ssaPass) childSuccessor(fork *ssa.Call, branch *ssa.If, zero map[ssa.Value]bool) *ssa.BasicBlock {
	cmp, ok := branch.Cond.(*ssa.BinOp)
	if !ok {
		return nil
	}
	op, other := cmp.Op, cmp.Y
	if !s.isZeroInChild(fork, cmp.X, zero) {
		if !s.isZeroInChild(fork, cmp.Y, zero) {
			return nil
		}
		op, other = code.SwapComparison(op), cmp.X
	}
	k, ok := other.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil
	}
	if constant.Compare(constant.MakeInt64(0), op, k.Value) {
		return branch.Block().Succs[0]
	}
	return branch.Block().Succs[1]
}

// isZeroInChild reports whether v is the process id or the error number
// that fork returns, as the child sees them: zero. A φ-node qualifies when
// each of its edges is such a result of a fork of the function, as where the
// syscall package forks with clone3 or clone and tests one pid; so does a
// load of a variable in zero, which holds one.
func (s *ssaPass) isZeroInChild(fork *ssa.Call, v ssa.Value, zero map[ssa.Value]bool) bool {
	if load, ok := code.Unconvert(v).(*ssa.UnOp); ok && load.Op == token.MUL {
		return zero[load.X]
	}
	if phi, ok := code.Unconvert(v).(*ssa.Phi); ok {
		for _, e := range phi.Edges {
			call, ok := forkResultOf(e)
			if !ok || (call != fork && s.forkTrap(call.Common()) == "") {
				return false
			}
		}
		return true
	}
	call, ok := forkResultOf(v)
	return ok && call == fork
}

// forkResultOf returns the call whose process id or error number v is, if
// v is one: the first result, or a last result of type Errno.
func forkResultOf(v ssa.Value) (*ssa.Call, bool) {
	x, ok := code.Unconvert(v).(*ssa.Extract)
	if !ok {
		return nil, false
	}
	call, ok := x.Tuple.(*ssa.Call)
	if !ok {
		return nil, false
	}
	results := call.Call.Signature().Results()
	last := results.Len() - 1
	return call, x.Index == 0 || x.Index == last && isErrno(results.At(last).Type())
}

func isErrno(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named) // golang.org/x/sys/unix.Errno is an alias of syscall.Errno
	return ok && named.Obj().Name() == "Errno" && named.Obj().Pkg() != nil && std.IsSyscallPackage(named.Obj().Pkg().Path())
}

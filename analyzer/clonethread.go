package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// rawfork's thread exemption: a clone or clone3 whose flags make a thread
// (CLONE_VM|CLONE_THREAD, clone(2)) creates no process, and a clone3 that
// the kernel rejects for its size creates nothing.

// makesThread reports whether v, the flags of a clone call, are constants
// that include CLONE_VM and CLONE_THREAD: the new task shares the process,
// as a thread.
func makesThread(v ssa.Value, t *trapTable) bool {
	if t.thread == 0 {
		return false
	}
	flags, ok := code.IntValueSet(v)
	if !ok || len(flags) == 0 {
		return false
	}
	for _, f := range flags {
		if f&t.thread != t.thread {
			return false
		}
	}
	return true
}

// clone3MakesThread reports whether a clone3 call makes a thread: its
// struct clone_args, which begins with the 64-bit flags (clone3(2)), is a
// local variable whose address goes only to the call, every value written
// to its flags is a constant that includes CLONE_VM and CLONE_THREAD, and
// one is written on every path to the call. Anything else (flags that are
// not constant, the struct passed or stored elsewhere, flags left zero on
// some path) may make a process.
func clone3MakesThread(call *ssa.CallCommon, t *trapTable) bool {
	if t.thread == 0 || len(call.Args) < 2 {
		return false
	}
	args, ok := code.Unconvert(call.Args[1]).(*ssa.Alloc)
	if !ok || !beginsWithFlags(args) {
		return false // not a local struct that begins with 64-bit flags
	}
	var site ssa.Instruction // the call
	var writes []flagWrite
	for _, ref := range *args.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Convert:
			if site = convertedInto(ref, call); site == nil {
				return false // the address goes elsewhere
			}
		case *ssa.Store: // the struct written whole, as args := cloneArgs{…} does when its address is taken
			flags, ok := literalFlags(ref.Val)
			if !ok || ref.Addr != args {
				return false
			}
			for _, v := range flags {
				writes = append(writes, flagWrite{v, ref})
			}
		default:
			stores, ok := flagStores(ref)
			if !ok {
				return false // the struct passed, or a field's address
			}
			for _, store := range stores {
				writes = append(writes, flagWrite{store.Val, store})
			}
		}
	}
	return site != nil && flagsMakeThread(writes, site, t)
}

// A flagWrite is a value written to the flags of a clone_args, and where.
type flagWrite struct {
	val ssa.Value
	at  ssa.Instruction
}

// flagStores returns the stores to the flags that ref, a referrer of a
// struct that begins with them, makes; ok is false if ref is no store to
// a field, load, or debug reference.
func flagStores(ref ssa.Instruction) (stores []*ssa.Store, ok bool) {
	switch ref := ref.(type) {
	case *ssa.DebugRef:
		return nil, true
	case *ssa.UnOp:
		return nil, ref.Op == token.MUL
	case *ssa.FieldAddr:
		stores, ok := storesTo(ref)
		if ref.Field != 0 {
			stores = nil
		}
		return stores, ok
	}
	return nil, false
}

// literalFlags returns the values that v, a load of a composite literal
// that begins with flags, writes to them: one store, or none when the
// literal leaves them zero (a constant 0, returned as such).
func literalFlags(v ssa.Value) ([]ssa.Value, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	lit, ok := load.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	var flags []ssa.Value
	for _, ref := range *lit.Referrers() {
		stores, ok := flagStores(ref)
		if !ok {
			return nil, false
		}
		for _, store := range stores {
			flags = append(flags, store.Val)
		}
	}
	if len(flags) == 0 {
		flags = append(flags, ssa.NewConst(constant.MakeInt64(0), types.Typ[types.Uint64]))
	}
	return flags, true
}

// clone3ArgsTooSmall reports whether a clone3 call passes a constant
// size below CLONE_ARGS_SIZE_VER0 (64 bytes), which the kernel rejects
// with EINVAL before it creates anything (kernel/fork.c,
// copy_clone_args_from_user): how programs probe whether clone3 exists.
func clone3ArgsTooSmall(call *ssa.CallCommon) bool {
	if len(call.Args) < 3 {
		return false
	}
	sizes, ok := code.IntValueSet(call.Args[2])
	return ok && len(sizes) > 0 && !slices.ContainsFunc(sizes, func(n int64) bool { return n < 0 || n >= 64 })
}

// beginsWithFlags reports whether alloc is a struct whose first field is
// a 64-bit integer, as the flags of struct clone_args are.
func beginsWithFlags(alloc *ssa.Alloc) bool {
	ptr, ok := alloc.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || st.NumFields() == 0 {
		return false
	}
	basic, ok := st.Field(0).Type().Underlying().(*types.Basic)
	return ok && (basic.Kind() == types.Uint64 || basic.Kind() == types.Int64)
}

// storesTo returns the stores to addr, a field's address; ok is false if
// the address is used but to store to it or load from it.
func storesTo(addr *ssa.FieldAddr) (stores []*ssa.Store, ok bool) {
	for _, ref := range *addr.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != addr {
				return nil, false // the address itself stored
			}
			stores = append(stores, ref)
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return stores, true
}

// convertedInto returns the instruction of call if conv, a conversion of
// a struct's address, reaches call through conversions and nothing else;
// nil otherwise.
func convertedInto(conv ssa.Value, call *ssa.CallCommon) ssa.Instruction {
	var site ssa.Instruction
	for _, ref := range *conv.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Convert:
			if site = convertedInto(ref, call); site == nil {
				return nil
			}
		case ssa.CallInstruction:
			if ref.Common() != call {
				return nil
			}
			site = ref
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return site
}

// flagsMakeThread reports whether each of writes, to the flags of
// clone_args, writes constants that make a thread, and one of them runs on
// every path to site.
func flagsMakeThread(writes []flagWrite, site ssa.Instruction, t *trapTable) bool {
	before := false
	for _, w := range writes {
		flags, ok := code.IntValueSet(w.val)
		if !ok || len(flags) == 0 || slices.ContainsFunc(flags, func(f int64) bool { return f&t.thread != t.thread }) {
			return false
		}
		if b := w.at.Block(); b == site.Block() && code.IndexOf(w.at) < code.IndexOf(site) || b != site.Block() && b.Dominates(site.Block()) {
			before = true
		}
	}
	return before
}

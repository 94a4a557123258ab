package analyzer

import (
	"go/types"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// A trapTable holds the numbers that matter to forkcheck in one system call
// package (syscall or golang.org/x/sys/unix) as type-checked for the target
// platform: the numbers are read from the package, never from a table of
// ours, so that every GOOS/GOARCH gets its own.
type trapTable struct {
	forks  map[int64]string // process-creating calls by number: 57 → "SYS_FORK"
	exits  map[int64]bool
	clone  int64 // SYS_CLONE, or -1
	thread int64 // CLONE_VM|CLONE_THREAD: clone flags that make a thread; 0 if unknown

	creators map[int64]string // descriptor-creating calls by number (cloexec): 290 → "SYS_EVENTFD2"
}

func newTrapTable(pkg *types.Package) *trapTable {
	t := &trapTable{forks: make(map[int64]string), exits: make(map[int64]bool), clone: -1, creators: make(map[int64]string)}
	for name := range std.RawCreators {
		if n, ok := code.IntConst(pkg, name); ok {
			t.creators[n] = name
		}
	}
	for _, name := range std.ForkTrapNames {
		if n, ok := code.IntConst(pkg, name); ok {
			t.forks[n] = strings.ToUpper(strings.TrimPrefix(name, "_"))
		}
	}
	for _, name := range std.ExitTrapNames {
		if n, ok := code.IntConst(pkg, name); ok {
			t.exits[n] = true
		}
	}
	if n, ok := code.IntConst(pkg, "SYS_CLONE"); ok {
		t.clone = n
	}
	vm, ok1 := code.IntConst(pkg, "CLONE_VM")
	thread, ok2 := code.IntConst(pkg, "CLONE_THREAD")
	if ok1 && ok2 {
		t.thread = vm | thread
	}
	return t
}

// isTrapFunc reports whether fn is a function of a system call package that
// takes a system call number: Syscall, RawSyscall6, SyscallNoError, … all
// name their first parameter trap.
func isTrapFunc(fn *types.Func) bool {
	if fn.Pkg() == nil || !std.IsSyscallPackage(fn.Pkg().Path()) {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() != nil || sig.Params().Len() == 0 {
		return false
	}
	first := sig.Params().At(0)
	basic, ok := first.Type().(*types.Basic)
	return first.Name() == "trap" && ok && basic.Kind() == types.Uintptr
}

// cgoName returns the C name of fn if it is the Go side of a cgo call
// (C.fork is the function _Cfunc_fork, or _C2func_fork when its errno is
// used), and "" otherwise.
func cgoName(fn *types.Func) string {
	for _, prefix := range []string{"_Cfunc_", "_C2func_"} {
		if name, ok := strings.CutPrefix(fn.Name(), prefix); ok {
			return name
		}
	}
	return ""
}

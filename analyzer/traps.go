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
	clone3 int64 // SYS_CLONE3, or -1
	thread int64 // CLONE_VM|CLONE_THREAD: clone flags that make a thread; 0 if unknown

	creators map[int64]string // descriptor-creating calls by number (cloexec): 290 → "SYS_EVENTFD2"
}

func newTrapTable(pkg *types.Package) *trapTable {
	t := &trapTable{forks: make(map[int64]string), exits: make(map[int64]bool), clone: -1, clone3: -1, creators: make(map[int64]string)}
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
	if n, ok := clone3Number(pkg); ok {
		t.clone3 = n
		t.forks[n] = "SYS_CLONE3"
	}
	vm, ok1 := code.IntConst(pkg, "CLONE_VM")
	thread, ok2 := code.IntConst(pkg, "CLONE_THREAD")
	if ok1 && ok2 {
		t.thread = vm | thread
	}
	return t
}

// clone3Number returns the number of clone3 in pkg, a system call package
// of linux: its SYS_CLONE3, or, where it names none (the syscall package
// names it _SYS_clone3, which export data lacks), the number linux gives it.
// Linux numbers the system calls added since 5.1 (pidfd_send_signal, 424,
// onwards) alike on every architecture (the kernel's
// scripts/syscall.tbl), after the offset of the ABI: 4000 on mips (o32)
// and 5000 on mips64 (n64), 0 elsewhere, the thousands of SYS_READ. So
// clone3 is that offset plus 435, as golang.org/x/sys/unix's zsysnum files
// say on each GOARCH. SYS_EXIT_GROUP is linux's alone.
func clone3Number(pkg *types.Package) (int64, bool) {
	if n, ok := code.IntConst(pkg, "SYS_CLONE3"); ok {
		return n, true
	}
	if _, linux := code.IntConst(pkg, "SYS_EXIT_GROUP"); !linux {
		return 0, false
	}
	read, ok := code.IntConst(pkg, "SYS_READ")
	if !ok {
		return 0, false
	}
	return read - read%1000 + 435, true
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

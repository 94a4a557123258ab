package analyzer

import (
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// forkTrapNames are the system calls that create a process, on every
// platform that has them: linux (fork, vfork, clone, clone3; linux/arm64 and
// others have only clone), darwin and the BSDs (fork, vfork, rfork, pdfork).
// The syscall package names clone3 only for itself, _SYS_clone3.
var forkTrapNames = []string{"SYS_FORK", "SYS_VFORK", "SYS_CLONE", "SYS_CLONE3", "_SYS_clone3", "SYS_RFORK", "SYS_PDFORK"}

// exitTrapNames end the calling process (or thread) for good.
var exitTrapNames = []string{"SYS_EXIT", "SYS_EXIT_GROUP"}

// cgoForks are the C functions that fork when called through cgo.
var cgoForks = map[string]bool{"fork": true, "vfork": true, "daemon": true, "forkpty": true}

// A trapTable holds the numbers that matter to forkcheck in one system call
// package (syscall or golang.org/x/sys/unix) as type-checked for the target
// platform: the numbers are read from the package, never from a table of
// ours, so that every GOOS/GOARCH gets its own.
type trapTable struct {
	forks  map[int64]string // process-creating calls by number: 57 → "SYS_FORK"
	exits  map[int64]bool
	clone  int64 // SYS_CLONE, or -1
	thread int64 // CLONE_VM|CLONE_THREAD: clone flags that make a thread; 0 if unknown
}

func newTrapTable(pkg *types.Package) *trapTable {
	t := &trapTable{forks: make(map[int64]string), exits: make(map[int64]bool), clone: -1}
	for _, name := range forkTrapNames {
		if n, ok := intConst(pkg, name); ok {
			t.forks[n] = strings.ToUpper(strings.TrimPrefix(name, "_"))
		}
	}
	for _, name := range exitTrapNames {
		if n, ok := intConst(pkg, name); ok {
			t.exits[n] = true
		}
	}
	if n, ok := intConst(pkg, "SYS_CLONE"); ok {
		t.clone = n
	}
	vm, ok1 := intConst(pkg, "CLONE_VM")
	thread, ok2 := intConst(pkg, "CLONE_THREAD")
	if ok1 && ok2 {
		t.thread = vm | thread
	}
	return t
}

// intConst returns the value of the integer constant name in pkg.
func intConst(pkg *types.Package, name string) (int64, bool) {
	c, ok := pkg.Scope().Lookup(name).(*types.Const)
	if !ok {
		return 0, false
	}
	return intOf(c.Val())
}

// intOf returns the integer constant v as an int64; a uintptr constant with
// the top bit set wraps as the machine word would.
func intOf(v constant.Value) (int64, bool) {
	if v == nil || v.Kind() != constant.Int {
		return 0, false
	}
	if n, exact := constant.Int64Val(v); exact {
		return n, true
	}
	u, exact := constant.Uint64Val(v)
	return int64(u), exact
}

// isSyscallPackage reports whether path is a package of raw system calls.
func isSyscallPackage(path string) bool {
	return path == "syscall" || path == "golang.org/x/sys/unix" || strings.HasSuffix(path, "/vendor/golang.org/x/sys/unix")
}

// isTrapFunc reports whether fn is a function of a system call package that
// takes a system call number: Syscall, RawSyscall6, SyscallNoError, … all
// name their first parameter trap.
func isTrapFunc(fn *types.Func) bool {
	if fn.Pkg() == nil || !isSyscallPackage(fn.Pkg().Path()) {
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

// isForkInternal reports whether a go:linkname target ("syscall.runtime_BeforeFork")
// is one of the runtime's or the syscall package's fork internals.
func isForkInternal(target string) bool {
	dot := strings.LastIndex(target, ".")
	if dot < 0 {
		return false
	}
	pkg, name := target[:dot], target[dot+1:]
	return (pkg == "runtime" || pkg == "syscall") && strings.Contains(strings.ToLower(name), "fork")
}

// staticCalleeName returns the full name of the function that instr, a
// plain call, calls statically ("os.Exit", "(*sync.Mutex).Lock"), or "".
func staticCalleeName(instr ssa.Instruction) string {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return "" // not a call, or a go or defer statement
	}
	callee := call.Common().StaticCallee()
	if callee == nil {
		return "" // dynamic
	}
	if obj, ok := callee.Object().(*types.Func); ok {
		return obj.FullName()
	}
	return ""
}

// calleesOf returns the functions a call may invoke as far as a local data
// flow shows: the static callee, or each function a φ-node of function values
// may hold. It returns nil for dynamic and interface calls.
func calleesOf(call *ssa.CallCommon) []*ssa.Function {
	if call.IsInvoke() {
		return nil
	}
	return functionValues(call.Value, make(map[ssa.Value]bool))
}

func functionValues(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Function {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Function:
		return []*ssa.Function{v}
	case *ssa.MakeClosure:
		return []*ssa.Function{v.Fn.(*ssa.Function)}
	case *ssa.Phi:
		var fns []*ssa.Function
		for _, e := range v.Edges {
			fns = append(fns, functionValues(e, seen)...)
		}
		return fns
	}
	return nil
}

// intValues returns the integer constants v may hold, following
// conversions and φ-nodes; ok is false if some value is not a constant.
func intValues(v ssa.Value) (vals []int64, ok bool) {
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Const:
			n, ok := intOf(v.Value)
			vals = append(vals, n)
			return ok
		case *ssa.Convert:
			return walk(v.X)
		case *ssa.ChangeType:
			return walk(v.X)
		case *ssa.Phi:
			for _, e := range v.Edges {
				if !walk(e) {
					return false
				}
			}
			return true
		}
		return false
	}
	ok = walk(v)
	return vals, ok
}

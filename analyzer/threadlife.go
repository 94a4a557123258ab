package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// A thread-bound attribute goes wrong only in some programs.
//
// Pdeathsig fires when the thread that started the child exits, and the Go
// runtime ends a thread only when a goroutine returns while locked to it
// (runtime.LockOSThread without UnlockOSThread): in a program where no
// goroutine does, the thread lives as long as the program. forkcheck knows
// the whole program in a main package and in test code; a library is
// reported whatever its importers do.
//
// Ptrace makes the child a tracee of the starting thread; only that thread
// may then make ptrace requests. A package that makes none (it only stops
// the child at its exec, to hold a namespace open, and kills it from any
// thread) is not reported.

// attrMatters reports whether field, set for the process that call starts,
// can go wrong in the program.
func (c *checker) attrMatters(field string, call ssa.CallInstruction) bool {
	switch field {
	case "Ptrace":
		return c.refs().ptrace
	case "Pdeathsig":
		return !c.knowsProgram(call.Parent()) || c.programMayEndThread()
	}
	return true
}

// knowsProgram reports whether fn runs in a program that the pass sees
// whole: fn belongs to a main package or is test code.
func (c *checker) knowsProgram(fn *ssa.Function) bool {
	if c.pass.Pkg.Name() == "main" {
		return true
	}
	for fn.Parent() != nil {
		fn = fn.Parent() // the declared function of a literal
	}
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok {
		return false
	}
	for _, file := range c.pass.Files {
		if file.FileStart <= decl.Pos() && decl.Pos() < file.FileEnd {
			return c.isTestCode(file, decl)
		}
	}
	return false
}

// programMayEndThread reports whether a goroutine may return locked to its
// thread in a program with the package: in the package or one it imports.
func (c *checker) programMayEndThread() bool {
	if c.endsLockedThread() {
		return true
	}
	for _, f := range c.imported {
		if f.EndsThreads {
			return true
		}
	}
	return false
}

// endsLockedThread reports whether some function of the package, or
// function literal, calls runtime.LockOSThread and not UnlockOSThread: its
// goroutine may return locked, which ends its thread.
func (c *checker) endsLockedThread() bool {
	if !c.refs().lockThread {
		return false
	}
	ends := false
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				ends = ends || n.Body != nil && c.locksWithoutUnlock(n.Body)
			case *ast.FuncLit:
				ends = ends || c.locksWithoutUnlock(n.Body)
			}
			return !ends
		})
	}
	return ends
}

// locksWithoutUnlock reports whether body, not counting the function
// literals in it, calls runtime.LockOSThread and not UnlockOSThread.
func (c *checker) locksWithoutUnlock(body *ast.BlockStmt) bool {
	locks, unlocks := false, false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its own function
		case *ast.CallExpr:
			if fn := typeutil.StaticCallee(c.pass.TypesInfo, n); fn != nil {
				locks = locks || fn.FullName() == "runtime.LockOSThread"
				unlocks = unlocks || fn.FullName() == "runtime.UnlockOSThread"
			}
		}
		return true
	})
	return locks && !unlocks
}

// isPtraceRequest reports whether obj, used by the package, makes or names
// a ptrace request: a Ptrace function of syscall or golang.org/x/sys/unix
// (PtraceAttach, PtraceCont, …), or the system call number SYS_PTRACE.
func isPtraceRequest(obj types.Object) bool {
	if obj.Pkg() == nil || !isSyscallPackage(obj.Pkg().Path()) {
		return false
	}
	switch obj := obj.(type) {
	case *types.Func:
		return strings.HasPrefix(obj.Name(), "Ptrace") && obj.Signature().Recv() == nil
	case *types.Const:
		return obj.Name() == "SYS_PTRACE"
	}
	return false
}

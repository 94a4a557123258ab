package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// A thread-bound attribute goes wrong only in some programs.
//
// Pdeathsig fires when the thread that started the child exits, and the Go
// runtime ends a thread only when a goroutine returns while locked to it
// (runtime.LockOSThread without UnlockOSThread): in a program where no
// goroutine does, the thread lives as long as the program. forkcheck knows
// the whole program in a main package and in test code, and follows what
// its functions run, through threadEndFacts of other packages; a library
// is reported whatever its importers do.
//
// Ptrace makes the child a tracee of the starting thread; only that thread
// may then make ptrace requests. A package that makes none (it only stops
// the child at its exec, to hold a namespace open, and kills it from any
// thread) is not reported.

// A threadEndFact marks a function that may end the thread it runs on, or
// another: it, or a goroutine it starts, may return locked to its thread.
type threadEndFact struct {
	Lock sourcePos // the runtime.LockOSThread at the bottom
}

func (*threadEndFact) AFact() {}

func (f *threadEndFact) String() string { return "may end a locked thread" }

// programOf returns, for fn, a function of a program that the pass sees
// whole, the declared function that holds it; ok is false for a function
// of a library. A main package is a whole program; test code (isTestCode)
// belongs to the test binary.
func (c *checker) programOf(fn *ssa.Function) (decl *ast.FuncDecl, ok bool) {
	for fn.Parent() != nil {
		fn = fn.Parent() // the declared function of a literal
	}
	decl, _ = fn.Syntax().(*ast.FuncDecl)
	if c.pass.Pkg.Name() == "main" {
		return decl, true
	}
	if decl == nil {
		return nil, false
	}
	file := c.fileOf(decl.Pos())
	return decl, file != nil && c.isTestCode(file, decl)
}

// mayEndThreads reports whether a thread may end while code of decl runs in
// its program. In a main package: what main and the init functions run. In
// test code: what decl runs, TestMain and the init functions, and, when
// decl calls t.Parallel, every test (go test runs the tests of a package
// one at a time, and the parallel ones together after the others).
func (c *checker) mayEndThreads(decl *ast.FuncDecl) bool {
	return c.threadEnder(decl) != nil
}

// threadEnder returns the first place, by position, where a thread may end
// while code of decl runs in its program (see mayEndThreads), or nil.
func (c *checker) threadEnder(decl *ast.FuncDecl) *bodyMatch {
	parallel := decl != nil && c.callsParallel(decl)
	inTests := decl != nil && c.inTestFile(decl.Pos())
	return c.threadEndSummary().first(inTests, func(d *ast.FuncDecl) bool {
		return d == decl || d.Recv == nil && (d.Name.Name == "init" ||
			c.pass.Pkg.Name() == "main" && d.Name.Name == "main" ||
			d.Name.Name == "TestMain" || parallel && strings.HasPrefix(d.Name.Name, "Test"))
	})
}

// callsParallel reports whether fn, a declaration or a literal, calls
// (*testing.T).Parallel, in its body or a function literal in it.
func (c *checker) callsParallel(fn ast.Node) bool {
	if !c.refs().parallelTests {
		return false
	}
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
			found = found || c.stdName(fn) == "(*testing.T).Parallel"
		}
		return !found
	})
	return found
}

// threadEndSummary returns the summary of what may end a thread: the
// functions of the package that may, made once.
func (c *checker) threadEndSummary() *bodySummary {
	if c.threadEnds == nil {
		locks := c.endingLocks()
		c.threadEnds = newBodySummary(c, func(n ast.Node) *bodyMatch {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return nil
			}
			if locks[call.Pos()] {
				return &bodyMatch{pos: call.Pos(), what: "runtime.LockOSThread"}
			}
			if fn := typeutil.StaticCallee(c.pass.TypesInfo, call); fn != nil && c.importedThreadEnd(fn) != nil {
				return &bodyMatch{pos: call.Pos(), what: code.QualifiedName(fn)}
			}
			if fn := c.packageFuncOf(c.starterArgument(call)); fn != nil {
				return c.threadEnds.of(fn) // wg.Go(worker): worker runs in the new goroutine, as for go worker()
			}
			return nil
		}, true) // a goroutine's literal, started or passed, may return locked
	}
	return c.threadEnds
}

// importedThreadEnd returns the threadEndFact of fn, a function of another
// package, or nil.
func (c *checker) importedThreadEnd(fn *types.Func) *threadEndFact {
	return importedFact[threadEndFact](c, fn, func(pf *packageFact) bool { return pf.EndsThreads })
}

// exportThreadEndFacts exports a threadEndFact for each function of the
// package that may end a thread, and reports whether there was any.
func (c *checker) exportThreadEndFacts() bool {
	if !c.refs().lockThread && !c.refs().threadEnd {
		return false
	}
	return c.threadEndSummary().exportFacts(func(f *bodyMatch) analysis.Fact {
		return &threadEndFact{Lock: positionOf(c.pass.Fset, f.pos)}
	})
}

// endingLocks returns the calls of runtime.LockOSThread, by position, in a
// function body (or function literal) that does not call UnlockOSThread:
// its goroutine may return locked, which ends its thread.
func (c *checker) endingLocks() map[token.Pos]bool {
	locks := make(map[token.Pos]bool)
	if !c.refs().lockThread {
		return locks
	}
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					c.addEndingLocks(locks, n.Body)
				}
			case *ast.FuncLit:
				c.addEndingLocks(locks, n.Body)
			}
			return true
		})
	}
	return locks
}

// addEndingLocks adds to locks the calls of runtime.LockOSThread in body,
// not counting the function literals in it, if it does not call
// UnlockOSThread or hand it out (return runtime.UnlockOSThread, for its
// caller to defer).
func (c *checker) addEndingLocks(locks map[token.Pos]bool, body *ast.BlockStmt) {
	var calls []token.Pos
	unlocks := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its own function
		case *ast.CallExpr:
			if fn := typeutil.StaticCallee(c.pass.TypesInfo, n); c.stdName(fn) == "runtime.LockOSThread" {
				calls = append(calls, n.Pos())
			}
		case *ast.Ident:
			fn, ok := c.pass.TypesInfo.Uses[n].(*types.Func)
			unlocks = unlocks || ok && c.stdName(fn) == "runtime.UnlockOSThread"
		}
		return true
	})
	for _, pos := range calls {
		locks[pos] = !unlocks
	}
}

// isPtraceRequest reports whether obj, used by the package, makes or names
// a ptrace request: a Ptrace function of syscall or golang.org/x/sys/unix
// (PtraceAttach, PtraceCont, …), or the system call number SYS_PTRACE.
func isPtraceRequest(obj types.Object) bool {
	if obj.Pkg() == nil || !std.IsSyscallPackage(obj.Pkg().Path()) {
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

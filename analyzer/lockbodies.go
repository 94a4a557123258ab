package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync/atomic"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// Unless keepBodies is set, lockBodies leaves out the bodies that the lock
// analysis cannot need; TestLockBodies sets it to check that the facts and
// findings are the same without it, and reads prunedBodies, the number of
// bodies left out, to check that the test is not vacuous.
var (
	keepBodies   atomic.Bool
	prunedBodies atomic.Int64
)

// lockBodies returns the functions of the package whose bodies the SSA
// phase needs when all it has to do is the lock analysis: the gate of
// forklock is the only one open, because a function leaves a mutex locked
// or unlocked (leavesLocks), and there is no descriptor leak to resolve.
// That is most packages that build SSA (any caller of logrus' SetOutput or
// of bbolt's DB.Update), and in a large package few of its functions lock
// anything. It returns nil when the SSA phase needs every body.
//
// A body is needed if it names a lock operation, a function with a
// lockFact, a process start, or a needed function of the package (so that
// every caller of a needed function is needed: entry witnesses and
// runsAfterInit look at all callers). The lock summary of any other
// function is empty, whether built or not. The package's stores of a
// variable's address into a struct field (storedFieldGlobals) are seen in
// every body: a package with one needs every body.
func (c *checker) lockBodies() map[*ast.FuncDecl]bool {
	if keepBodies.Load() || !c.onlyLockGate() || c.storesGlobalAddr() {
		return nil
	}
	decls := make(map[*types.Func]*ast.FuncDecl)
	users := make(map[*types.Func][]*types.Func) // the functions of the package that name each one
	var work []*types.Func
	for fn, decl := range c.funcDecls() {
		if decl.Body == nil {
			continue // no body: nothing to leave out
		}
		decls[fn] = decl
		seed := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			used, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			if used.Pkg() == c.pass.Pkg {
				users[used.Origin()] = append(users[used.Origin()], fn)
			}
			seed = seed || c.mayLockOrStart(used)
			return true
		})
		if seed {
			work = append(work, fn)
		}
	}
	needed := make(map[*ast.FuncDecl]bool)
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		if decl := decls[fn]; decl != nil && !needed[decl] {
			needed[decl] = true
			work = append(work, users[fn]...)
		}
	}
	prunedBodies.Add(int64(len(decls) - len(needed)))
	return needed
}

// onlyLockGate reports whether forklock's gate is the only one open, and
// only for the mutexes that functions leave locked or unlocked: the
// package names no syscall.ForkLock and has no descriptor leak, go:linkname
// to fork internals or system call alias, and strict mode is off.
func (c *checker) onlyLockGate() bool {
	if strict || c.refs().forkLock || len(c.leaks) > 0 || len(c.links) > 0 || len(c.aliases) > 0 {
		return false
	}
	for _, ch := range checks {
		if ch.category != "forklock" && ch.needsSSA != nil && ch.needsSSA(c) {
			return false
		}
	}
	return true
}

// mayLockOrStart reports whether a use of fn can give the lock analysis
// something to see: a method of sync, or one named like a sync.Locker's
// (an interface's Lock may be a mutex's, the package's own interface
// included); or a function of another package with a lockFact or that
// starts a process.
func (c *checker) mayLockOrStart(fn *types.Func) bool {
	switch {
	case fn.Pkg() != nil && fn.Pkg().Path() == "sync" || std.LockerOps[fn.Name()] != 0:
		return true
	case fn.Pkg() == c.pass.Pkg:
		return false // seen through its body, if needed
	}
	return c.hasLockFact(fn) || c.processStart(fn) != ""
}

// storesGlobalAddr reports whether the package may store the address of a
// package-level variable into a struct field: an assignment of &v to a
// selector, or &v as an element of a composite literal (conversions and
// parentheses around &v included).
func (c *checker) storesGlobalAddr() bool {
	found := false
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					_, sel := ast.Unparen(lhs).(*ast.SelectorExpr)
					found = found || sel && len(n.Rhs) == len(n.Lhs) && c.isGlobalAddr(n.Rhs[i])
				}
			case *ast.CompositeLit:
				for _, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						elt = kv.Value
					}
					found = found || c.isGlobalAddr(elt)
				}
			}
			return !found
		})
	}
	return found
}

// isGlobalAddr reports whether e is &v, v a package-level variable of any
// package, in parentheses or conversions or not.
func (c *checker) isGlobalAddr(e ast.Expr) bool {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !c.pass.TypesInfo.Types[call.Fun].IsType() {
			break
		}
		e = call.Args[0] // a conversion
	}
	addr, ok := e.(*ast.UnaryExpr)
	if !ok || addr.Op != token.AND {
		return false
	}
	var id *ast.Ident
	switch x := ast.Unparen(addr.X).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel // pkg.V
	default:
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

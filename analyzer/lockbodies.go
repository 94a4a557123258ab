package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// lockBodies returns the functions of the package whose bodies the SSA
// phase needs when all it has to do is the lock analysis: the gate of
// forklock is the only one open, because a function leaves a mutex locked
// or unlocked (leavesLocks), and there is no descriptor leak to resolve.
// That is most packages that build SSA (any caller of logrus' SetOutput or
// of bbolt's DB.Update), and in a large package few of its functions lock
// anything. It returns nil when the SSA phase needs every body.
//
// A body is needed if it names a method of sync (or one named like
// sync.Locker's; but for a lock and its unlock deferred at once, which
// leave nothing, see pairedLockCalls), a function with a lockFact, a
// process start, or a needed function of the package (so that every caller of a needed function is
// needed: entry witnesses and runsAfterInit look at all callers). The lock
// summary of any other function is empty, whether built or not. Where
// nothing can hold syscall.ForkLock, only the bodies that a function or
// method with an exported name reaches are needed: no other package can
// call the others, nor read their lockFacts. The
// package's stores of a variable's address into a struct field
// (storedFieldGlobals) are seen in every body: a package that takes the
// address of a variable that holds a mutex needs every body.
func (c *checker) lockBodies() map[*ast.FuncDecl]bool {
	if wholeSSA.Load() || !c.onlyLockGate() || c.takesMutexAddr() {
		return nil
	}
	decls := make(map[*types.Func]*ast.FuncDecl)
	users := make(map[*types.Func][]*types.Func) // the functions of the package that name each one
	uses := make(map[*types.Func][]*types.Func)  // the functions of the package that each one names
	var seeds, exported []*types.Func
	for fn, decl := range c.funcDecls() {
		if decl.Body == nil {
			continue // no body: nothing to leave out
		}
		decls[fn] = decl
		seed := false
		paired := c.pairedLockCalls(decl.Body)
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
				uses[fn] = append(uses[fn], used.Origin())
			}
			seed = seed || !paired[id] && c.mayLockOrStart(used)
			return true
		})
		if seed {
			seeds = append(seeds, fn)
		}
		if fn.Exported() {
			exported = append(exported, fn)
		}
	}
	needed := reachable(seeds, users, decls)
	if !c.refs().forkLockFact {
		// Nothing in the package can hold syscall.ForkLock (it names it
		// nowhere, and calls no function that leaves it held), so the
		// call hook reports nothing: what counts is the lockFacts of the
		// functions that other packages can call, by exported names (the
		// tests of a _test.go file too: the package's external tests can
		// call them), and the summaries of what they call.
		outside := reachable(exported, uses, decls)
		maps.DeleteFunc(needed, func(decl *ast.FuncDecl, _ bool) bool { return !outside[decl] })
	}
	prunedBodies.Add(int64(len(decls) - len(needed)))
	return needed
}

// pairedLockCalls returns the names of the methods called in the pairs of
// statements of body's own list (not of blocks within it: a loop's body
// runs again) that lock a mutex of sync and defer its unlock at once,
// "x.mu.Lock(); defer x.mu.Unlock()", or RLock and RUnlock, the mutex
// named by the same variables and fields. Every return after such a pair
// unlocks what it locked, and none before it holds it: the pair leaves
// nothing for the caller.
func (c *checker) pairedLockCalls(body *ast.BlockStmt) map[*ast.Ident]bool {
	var paired map[*ast.Ident]bool
	for i := 0; i+1 < len(body.List); i++ {
		lock, ok := body.List[i].(*ast.ExprStmt)
		if !ok {
			continue
		}
		unlock, ok := body.List[i+1].(*ast.DeferStmt)
		if !ok {
			continue
		}
		call, ok := ast.Unparen(lock.X).(*ast.CallExpr)
		if !ok {
			continue
		}
		lockMu, lockSel, lockOp := c.lockCallOf(call)
		unlockMu, unlockSel, unlockOp := c.lockCallOf(unlock.Call)
		if lockSel == nil || unlockSel == nil || lockOp.Delta != +1 || lockOp.Try || unlockOp.Delta != -1 || lockOp.Mode != unlockOp.Mode || lockMu != unlockMu {
			continue
		}
		if paired == nil {
			paired = make(map[*ast.Ident]bool)
		}
		paired[lockSel], paired[unlockSel] = true, true
	}
	return paired
}

// lockCallOf returns, for call, a call of a method of sync.Mutex or
// sync.RWMutex (std.LockOps) on a mutex named by variables and fields only
// (mu, s.mu, pkg.mu, s.inner.mu), how the mutex is written, the method's
// name and what it does; a nil name otherwise.
func (c *checker) lockCallOf(call *ast.CallExpr) (string, *ast.Ident, std.LockOp) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 || !namesVariable(sel.X) {
		return "", nil, std.LockOp{}
	}
	fn, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return "", nil, std.LockOp{}
	}
	op, ok := c.lockOpOf(fn)
	if !ok {
		return "", nil, std.LockOp{}
	}
	return types.ExprString(sel.X), sel.Sel, op
}

// namesVariable reports whether e names a variable through identifiers
// and field selections only, which evaluate to the same variable each
// time: no call, index or dereference of a value that may change between.
func namesVariable(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return namesVariable(e.X)
	}
	return false
}

// reachable returns the declarations of the functions from, and of those
// that edges lead to from them, transitively, where decls has them.
func reachable(from []*types.Func, edges map[*types.Func][]*types.Func, decls map[*types.Func]*ast.FuncDecl) map[*ast.FuncDecl]bool {
	found := make(map[*ast.FuncDecl]bool)
	work := slices.Clone(from)
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		if decl := decls[fn]; decl != nil && !found[decl] {
			found[decl] = true
			work = append(work, edges[fn]...)
		}
	}
	return found
}

// onlyLockGate reports whether forklock's gate is the only one open, and
// only for the mutexes that functions leave locked or unlocked: the
// package names no syscall.ForkLock, has no descriptor leak, go:linkname to
// fork internals or system call alias, and strict mode is off. The SSA
// hooks of the other checks then have nothing to see; threadattr's exit
// summaries, which run whatever their gate, see only what opens it
// (runtime.LockOSThread and UnlockOSThread, functions with an exitFact).
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

// takesMutexAddr reports whether the package takes the address of a
// package-level variable (of any package) from which a mutex can be
// reached through fields and pointers, as the variable's type or as the
// type it is converted to (&v, (*sync.Mutex)(&v),
// (*sync.Mutex)(unsafe.Pointer(&v))): storedFieldGlobals names a field
// that holds such an address as the variable, from the stores of every
// body, and the address can reach a store through any value flow
// (p := &v; h.mu = p).
func (c *checker) takesMutexAddr() bool {
	found := false
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				if v := c.addrOfPackageVar(e); v != nil {
					found = reachesMutex(v.Type(), make(map[types.Type]bool)) || reachesMutex(c.pass.TypesInfo.TypeOf(e), make(map[types.Type]bool))
				}
			}
			return !found
		})
	}
	return found
}

// addrOfPackageVar returns v if e is &v, v a package-level variable, in
// parentheses and conversions or not; nil otherwise.
func (c *checker) addrOfPackageVar(e ast.Expr) *types.Var {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !c.pass.TypesInfo.Types[call.Fun].IsType() {
			break
		}
		e = call.Args[0] // a conversion
	}
	if addr, ok := e.(*ast.UnaryExpr); ok && addr.Op == token.AND {
		return c.packageVar(addr.X)
	}
	return nil
}

// packageVar returns the package-level variable that e, an identifier or a
// qualified one, denotes, or nil.
func (c *checker) packageVar(e ast.Expr) *types.Var {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel // pkg.V
	default:
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	return v
}

// reachesMutex reports whether a type of sync (sync.Mutex, or a type that
// holds one) or of internal/sync (which a type defined as sync.Mutex
// holds, since Go 1.24) can be reached from a value of type t through
// struct fields, array elements and pointers. A type parameter may be
// anything.
func reachesMutex(t types.Type, seen map[types.Type]bool) bool {
	switch t := types.Unalias(t).(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		if pkg := t.Obj().Pkg(); pkg != nil && (pkg.Path() == "sync" || pkg.Path() == "internal/sync") {
			return true
		}
		if seen[t] {
			return false
		}
		seen[t] = true
		return reachesMutex(t.Underlying(), seen)
	case *types.Pointer:
		return reachesMutex(t.Elem(), seen)
	case *types.Array:
		return reachesMutex(t.Elem(), seen)
	case *types.Struct:
		for i := range t.NumFields() {
			if reachesMutex(t.Field(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}

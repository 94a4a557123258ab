package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
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
// sync.Locker's; but for the calls that leave nothing a caller can name,
// see inertLockCalls), a function with a lockFact, a process start, or a
// needed function of the package (so that every caller of a needed
// function is needed: entry witnesses and runsAfterInit look at all
// callers). The lock summary of any other function is empty, whether built
// or not. Where nothing can hold syscall.ForkLock, only the bodies that a
// function or method with an exported name reaches are needed: no other
// package can call the others, nor read their lockFacts. The package's
// stores of a variable's address into a struct field (storedFieldGlobals)
// are seen in every body: a package that takes the address of a variable
// that holds a mutex needs every body.
func (c *checker) lockBodies() map[*ast.FuncDecl]bool {
	if wholeSSA.Load() || !c.onlyLockGate() || c.takesMutexAddr() {
		return nil
	}
	callbacks := c.onlySwitchedCalls() // threadstate's gate is open for callbacks run switched only
	var callers []*types.Func          // the functions that name a function with a switchedCallFact
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
		var inert map[*ast.Ident]bool // made at the first lock operation: most bodies have none
		inertMade := false
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
			if callbacks && c.importedSwitchedCall(used) != nil {
				callers = append(callers, fn)
			}
			if !seed && c.mayLockOrStart(used) {
				if _, op := c.lockOpOf(used); op && !inertMade {
					inert, inertMade = c.inertLockCalls(decl.Body), true
				}
				seed = !inert[id]
			}
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
	// threadstate's callbacks: the literals given to a function that runs
	// them switched are judged where they are made, and a function that
	// passes its parameter on to one carries a switchedCallFact, as do its
	// callers in the package that pass theirs: every body on the way.
	maps.Copy(needed, reachable(callers, users, decls))
	prunedBodies.Add(int64(len(decls) - len(needed)))
	return needed
}

// inertLockCalls returns the names of the methods of sync.Mutex and
// sync.RWMutex called in body that leave nothing a caller can name: those
// on a mutex not reached through variables, fields and pointers only
// (variableRoot: s.locks[i].Lock(), s.get().Lock(), which the lock summary
// cannot name for a caller: see refOf and effectOf), and those of
// pairedLockCalls.
func (c *checker) inertLockCalls(body *ast.BlockStmt) map[*ast.Ident]bool {
	inert := c.pairedLockCalls(body)
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || c.variableRoot(sel.X) != nil {
			return true
		}
		if fn, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok {
			if _, ok := c.lockOpOf(fn); ok {
				if inert == nil {
					inert = make(map[*ast.Ident]bool)
				}
				inert[sel.Sel] = true
			}
		}
		return true
	})
	return inert
}

// pairedLockCalls returns the names of the methods of sync.Mutex and
// sync.RWMutex called in pairs that leave nothing for the caller:
//   - a lock and the deferred unlock right after it, in the own list of
//     body or of a function literal in it (not in a block within: a
//     loop's body runs again), "x.mu.Lock(); defer x.mu.Unlock()", or a
//     deferred literal whose first statement unlocks ("defer func() {
//     x.mu.Unlock(); ... }()"): every return after the pair unlocks what
//     it locked, and none before it holds it;
//   - a lock and a later unlock in the same list of statements, with
//     nothing between that leaves the list (return, goto, break,
//     continue, a label) or locks or unlocks the mutex: "x.mu.RLock(); v :=
//     x.v; x.mu.RUnlock()"; every path through one goes through the other.
//
// The mutex must be named the same way by both, through variables and
// fields (variableRoot), the variable not assigned in body; and the lock
// must not be a TryLock.
func (c *checker) pairedLockCalls(body *ast.BlockStmt) map[*ast.Ident]bool {
	assigned := make(map[*types.Var]bool) // memo of code.Assigns in body, by variable
	assigns := func(v *types.Var) bool {
		a, ok := assigned[v]
		if !ok {
			a = code.Assigns(c.pass.TypesInfo, body, v)
			assigned[v] = a
		}
		return a
	}
	var paired map[*ast.Ident]bool
	pair := func(lock, unlock *ast.Ident) {
		if paired == nil {
			paired = make(map[*ast.Ident]bool)
		}
		paired[lock], paired[unlock] = true, true
	}
	funcBodies := map[ast.Node]bool{body: true} // the bodies of body's function and of its literals
	ast.Inspect(body, func(n ast.Node) bool {
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.FuncLit:
			funcBodies[n.Body] = true // a function of its own: its defers run at its return
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		for i, stmt := range list {
			mu, lock, op := c.lockStmt(assigns, stmt)
			if lock == nil || op.Delta != +1 || op.Try {
				continue
			}
			if funcBodies[n] && i+1 < len(list) {
				if d, ok := list[i+1].(*ast.DeferStmt); ok {
					if dmu, unlock, dop := c.lockCallOf(assigns, deferredUnlock(d)); unlock != nil && dop.Delta == -1 && dop.Mode == op.Mode && dmu == mu {
						pair(lock, unlock)
						continue
					}
				}
			}
			for _, later := range list[i+1:] {
				if lmu, unlock, lop := c.lockStmt(assigns, later); unlock != nil && lmu == mu {
					if lop.Delta == -1 && lop.Mode == op.Mode {
						pair(lock, unlock)
					}
					break
				}
				if c.leavesOrLocks(assigns, later, mu) {
					break
				}
			}
		}
		return true
	})
	return paired
}

// deferredUnlock returns the call that d defers, or the first statement
// of the function literal that d defers with no arguments, if that is a
// call: the first call to run at the return.
func deferredUnlock(d *ast.DeferStmt) *ast.CallExpr {
	lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit)
	if !ok {
		return d.Call
	}
	if len(d.Call.Args) > 0 || len(lit.Body.List) == 0 {
		return d.Call
	}
	if es, ok := lit.Body.List[0].(*ast.ExprStmt); ok {
		if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
			return call
		}
	}
	return d.Call
}

// lockStmt returns what lockCallOf returns for stmt, a statement that is
// a call.
func (c *checker) lockStmt(assigns func(*types.Var) bool, stmt ast.Stmt) (string, *ast.Ident, std.LockOp) {
	if es, ok := stmt.(*ast.ExprStmt); ok {
		if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
			return c.lockCallOf(assigns, call)
		}
	}
	return "", nil, std.LockOp{}
}

// leavesOrLocks reports whether stmt may leave the list of statements it
// is in, or be jumped into (a return, goto, break, continue, fallthrough
// or label, outside function literals), or locks or unlocks mu, a mutex
// as lockCallOf writes it.
func (c *checker) leavesOrLocks(assigns func(*types.Var) bool, stmt ast.Stmt, mu string) bool {
	found := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt, *ast.LabeledStmt:
			found = true
		case *ast.CallExpr:
			if other, lock, _ := c.lockCallOf(assigns, n); lock != nil && other == mu {
				found = true
			}
		}
		return !found
	})
	return found
}

// lockCallOf returns, for call, a call of a method of sync.Mutex or
// sync.RWMutex (std.LockOps) on a mutex named by variables and fields only
// (variableRoot) whose variable the body never assigns (assigns, a memo of
// code.Assigns), how the mutex is written, the method's name and what it
// does; a nil name otherwise.
func (c *checker) lockCallOf(assigns func(*types.Var) bool, call *ast.CallExpr) (string, *ast.Ident, std.LockOp) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 {
		return "", nil, std.LockOp{}
	}
	root := c.variableRoot(sel.X)
	if root == nil {
		return "", nil, std.LockOp{}
	}
	if v, ok := c.pass.TypesInfo.Uses[root].(*types.Var); !ok || assigns(v) {
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

// variableRoot returns the variable that e names through identifiers,
// field selections and pointer indirections only (mu, s.mu, pkg.mu,
// s.inner.mu, (*p).mu): s, mu, p; nil for anything else (a call, an
// index, a type assertion).
func (c *checker) variableRoot(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.StarExpr:
		return c.variableRoot(e.X)
	case *ast.SelectorExpr:
		if x, ok := ast.Unparen(e.X).(*ast.Ident); ok {
			if _, ok := c.pass.TypesInfo.Uses[x].(*types.PkgName); ok {
				return e.Sel // pkg.mu: the variable mu
			}
		}
		return c.variableRoot(e.X)
	}
	return nil
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
		if ch.category == "threadstate" && c.onlySwitchedCalls() {
			continue // the callbacks' bodies are kept too (lockBodies)
		}
		if ch.category != "forklock" && ch.needsSSA != nil && ch.needsSSA(c) {
			return false
		}
	}
	return true
}

// onlySwitchedCalls reports whether threadstate's gate is open only
// because the package calls functions of other packages that run a
// function they are given with the thread switched (switchedCallFact, as
// containerd's CRI server calls netns.Do): it switches nothing itself and
// makes no thread-bound call, so what threadstate sees is in the bodies
// that call those functions.
func (c *checker) onlySwitchedCalls() bool {
	r := c.refs()
	return r.switches && !r.switchNames && !r.threadBound && !r.ptrace
}

// mayLockOrStart reports whether a use of fn can give the lock analysis
// something to see: a method of sync.Mutex or sync.RWMutex, RLocker, or
// an interface's method named like a sync.Locker's (it may be a mutex's,
// the package's own interface included), which are all that lockOpsOf
// knows of sync (not a WaitGroup's, a Pool's or a Cond's); or a function
// of another package with a lockFact or that starts a process (a file
// lock's Lock among them, if it has a lockFact).
func (c *checker) mayLockOrStart(fn *types.Func) bool {
	_, lockOp := c.lockOpOf(fn)
	switch {
	case lockOp || c.stdName(fn) == std.RLocker || std.LockerOps[fn.Name()] != 0 && isInterfaceMethod(fn):
		return true
	case fn.Pkg() == c.pass.Pkg:
		return false // seen through its body, if needed
	}
	return c.hasLockFact(fn) || c.processStart(fn) != ""
}

// isInterfaceMethod reports whether fn is the method of an interface.
func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
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

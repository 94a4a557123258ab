package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// Goroutine starts, a shared analysis: the goroutines a function may start
// (go statements, the standard library's starters such as wg.Go and
// time.AfterFunc, and functions of other packages known by fact to start
// one), and those that package initialization starts, here or in an
// import.

// goStatement is how a bodyMatch and a goroutineFact name a go statement.
const goStatement = "go statement"

// A goroutineFact marks an exported function of the package whose call
// may start a goroutine that may still run after it returns: a go
// statement, a starter of the standard library (std.GoroutineStarters), or
// a function of another package with the fact, run by the function or a
// function of the package it calls. As for a go statement in the package,
// a goroutine the function waits for before it returns still counts: see
// the user guide. LocksThread records that every goroutine a call may
// start runs a function that locks its own thread (runtime.LockOSThread),
// as moby's nlwrap.NewHandleAt's and CNI's ns.Do's do: such a goroutine
// puts its thread in the namespaces it wants, whatever its starter's
// thread is in (see lockedStarts).
type goroutineFact struct {
	Start       string // how the package starts it: "go statement", "time.AfterFunc", "lib.Start"
	LocksThread bool   // every goroutine it may start locks its thread
}

func (*goroutineFact) AFact() {}

func (f *goroutineFact) String() string {
	if f.LocksThread {
		return "starts a goroutine that locks its thread: " + f.Start
	}
	return "starts a goroutine: " + f.Start
}

// startMessage returns the related message of a goroutine start of what
// (see bodyMatch.what).
func startMessage(what string) string {
	if what == goStatement {
		return "goroutine started here"
	}
	return "goroutine started here by " + what
}

// matchGoroutineStart matches a goroutine start: a go statement, a call of
// a starter of the standard library or of a function of another package
// with a goroutineFact, and a call that runs its argument on the spot
// (once.Do(f)) where the argument starts one.
func (c *checker) matchGoroutineStart(n ast.Node) *bodyMatch {
	switch n := n.(type) {
	case *ast.GoStmt:
		return &bodyMatch{pos: n.Go, what: goStatement}
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(c.pass.TypesInfo, n)
		if fn == nil || fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
			return nil // dynamic, a builtin, or ours (the summary follows it)
		}
		if what := c.goroutineStarter(fn); what != "" {
			return &bodyMatch{pos: n.Fun.Pos(), what: what}
		}
		if i, ok := callsArgument(fn); ok && i < len(n.Args) {
			return c.goStartOfExpr(n.Args[i])
		}
	}
	return nil
}

// goroutineStarter returns how messages name fn, a function of another
// package, if a call of it may start a goroutine: a starter of the
// standard library, or a function with a goroutineFact; "" otherwise.
func (c *checker) goroutineStarter(fn *types.Func) string {
	fn = fn.Origin()
	if isStarterPackage(fn.Pkg().Path()) {
		if _, ok := std.GoroutineStarter(fn.FullName()); ok {
			return code.QualifiedName(fn)
		}
	}
	if c.importedGoroutine(fn) != nil {
		return code.QualifiedName(fn)
	}
	return ""
}

// importedGoroutine returns the goroutineFact of fn, a function of another
// package, or nil.
func (c *checker) importedGoroutine(fn *types.Func) *goroutineFact {
	return importedFact[goroutineFact](c, fn, func(pf *packageFact) bool { return pf.Goroutines })
}

// goroutineRunner returns how messages name fn, a function of another
// package, if a call of it may start a goroutine that runs code of the
// program: a starter of the standard library given a function (wg.Go(f),
// time.AfterFunc(d, f)), or a function with a goroutineFact whose start is
// not one of the starters that run none (os/signal.Notify's loop only
// delivers signals); "" otherwise.
func (c *checker) goroutineRunner(fn *types.Func) string {
	fn = fn.Origin()
	if isStarterPackage(fn.Pkg().Path()) {
		if arg, ok := std.GoroutineStarter(fn.FullName()); ok {
			if arg < 0 {
				return "" // runs no function of the program
			}
			return code.QualifiedName(fn)
		}
	}
	f := c.importedGoroutine(fn)
	if f == nil || startsNoCode(f.Start) {
		return ""
	}
	return code.QualifiedName(fn)
}

// startsNoCode reports whether start, how a goroutineFact names its
// start, is a starter of std.GoroutineStarters that runs no function of
// the program.
func startsNoCode(start string) bool {
	for name, arg := range std.GoroutineStarters {
		if arg < 0 && path.Base(name) == start {
			return true
		}
	}
	return false
}

// starterArgument returns the argument of call, a call of a starter of the
// standard library, that the new goroutine runs (f of wg.Go(f)), or nil.
func (c *checker) starterArgument(call *ast.CallExpr) ast.Expr {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || !isStarterPackage(fn.Pkg().Path()) {
		return nil // not a starter
	}
	if arg, ok := std.GoroutineStarter(fn.Origin().FullName()); ok && arg >= 0 && arg < len(call.Args) {
		return call.Args[arg]
	}
	return nil
}

// isStarterPackage reports whether path, vendored or not, is a package of
// std.GoroutineStarters: only a function of one of them needs its full
// name looked up, which allocates.
func isStarterPackage(path string) bool {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		path = path[i+len("/vendor/"):]
	}
	switch path {
	case "sync", "time", "context", "os/signal", "golang.org/x/sync/errgroup":
		return true
	}
	return false
}

// callsArgument returns the index among a call's arguments (the receiver
// not counted) of the function that fn, a function of another package,
// may call before it returns (std.CallsArgument).
func callsArgument(fn *types.Func) (int, bool) {
	if fn.Pkg().Path() != "sync" {
		return 0, false
	}
	i, ok := std.CallsArgument[fn.Origin().FullName()]
	return i, ok
}

// goStartOfExpr returns the first goroutine start that calling the
// function e denotes may run: a function literal, or a function of the
// package named by e; nil for anything else.
func (c *checker) goStartOfExpr(e ast.Expr) *bodyMatch {
	switch e := astutil.Unparen(e).(type) {
	case *ast.FuncLit:
		return c.goStarts.in(e.Body)
	default:
		if fn := c.packageFuncOf(e); fn != nil {
			return c.goStarts.of(fn)
		}
	}
	return nil
}

// packageFuncOf returns the function of the package that e names, an
// identifier or a selector (worker, s.run), or nil.
func (c *checker) packageFuncOf(e ast.Expr) *types.Func {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if fn, ok := typeutil.Callee(c.pass.TypesInfo, &ast.CallExpr{Fun: e}).(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
			return fn
		}
	}
	return nil
}

// goStart returns the first goroutine start that a call of fn, a function
// of the package, may run, or nil.
func (c *checker) goStart(fn *types.Func) *bodyMatch {
	return c.goStarts.of(fn)
}

// goStartIn returns the first goroutine start that running node may
// execute, or nil.
func (c *checker) goStartIn(node ast.Node) *bodyMatch {
	return c.goStarts.in(node)
}

// exportGoroutineFacts exports a goroutineFact for each exported function
// and method of the package that may start a goroutine, the only ones
// another package can call (those of _test.go files left out: tests run
// them), and records in the package fact whether there
// was any. A main package has no importers. It costs a walk of the
// package's syntax only when the package refers to a goroutine starter or
// has a go statement.
func (c *checker) exportGoroutineFacts() {
	if c.pass.Pkg.Name() == "main" || !c.mayStartGoroutine() {
		return
	}
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok || !decl.Name.IsExported() || c.inTestFile(decl.Pos()) {
				continue // not a function, or one other packages do not call (tests)
			}
			fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue // no object
			}
			if m := c.goStart(fn); m != nil {
				locked := (&lockedStarts{c: c, seen: make(map[*types.Func]bool)}).of(fn)
				c.pass.ExportObjectFact(fn, &goroutineFact{Start: m.what, LocksThread: locked})
				c.exports.Goroutines = true
			}
		}
	}
}

// lockedStarts finds, for one function of the package, whether every
// goroutine start that a call of it may run (those goStarts finds: go
// statements, the standard library's starters, other packages' functions
// with a goroutineFact, sync.Once's Do of a function that starts one, in
// its body or in a function of the package it calls) starts a goroutine
// that locks its own thread. It is conservative: a start whose function
// it cannot see (a function value, a method of an interface, a starter
// that runs no function of the program) counts as one that does not lock.
type lockedStarts struct {
	c    *checker
	seen map[*types.Func]bool // functions walked: each counts once
}

// of reports whether every start that a call of fn, a function of the
// package, may run starts a goroutine that locks its thread.
func (s *lockedStarts) of(fn *types.Func) bool {
	fn = fn.Origin()
	if s.seen[fn] {
		return true // walked, or being walked: its starts count there
	}
	s.seen[fn] = true
	decl := s.c.funcDecls()[fn]
	return decl == nil || decl.Body == nil || s.in(decl.Body)
}

// in reports whether every start that running node may execute starts a
// goroutine that locks its thread.
func (s *lockedStarts) in(node ast.Node) bool {
	ok := true
	ast.Inspect(node, func(n ast.Node) bool {
		if !ok || n == nil {
			return false // found one that does not lock, or the end of a node
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // made, not run here
		case *ast.GoStmt:
			ok = s.c.locksOwnThread(n.Call.Fun) && s.inAll(n.Call.Args)
			if sel, isSel := astutil.Unparen(n.Call.Fun).(*ast.SelectorExpr); ok && isSel {
				ok = s.in(sel.X) // go s.get().run(): s.get() runs here
			}
			return false
		case *ast.CallExpr:
			if lit, isLit := astutil.Unparen(n.Fun).(*ast.FuncLit); isLit {
				ok = s.in(lit.Body) // called on the spot
				return ok
			}
			fn := typeutil.StaticCallee(s.c.pass.TypesInfo, n)
			switch {
			case fn == nil || fn.Pkg() == nil:
				return true // dynamic, or a builtin: as goStarts, only its arguments
			case fn.Pkg() == s.c.pass.Pkg:
				ok = s.of(fn)
			default:
				ok = s.call(n, fn)
			}
			return ok
		}
		return true
	})
	return ok
}

// inAll reports whether in holds for each of nodes.
func (s *lockedStarts) inAll(nodes []ast.Expr) bool {
	for _, n := range nodes {
		if !s.in(n) {
			return false
		}
	}
	return true
}

// call reports whether every start that call, a call of fn, a function of
// another package, may run starts a goroutine that locks its thread: a
// starter of the standard library given such a function, a function whose
// goroutineFact says so, sync.Once's Do of a function whose starts all do.
func (s *lockedStarts) call(call *ast.CallExpr, fn *types.Func) bool {
	if isStarterPackage(fn.Pkg().Path()) {
		if arg, ok := std.GoroutineStarter(fn.Origin().FullName()); ok {
			return arg >= 0 && arg < len(call.Args) && s.c.locksOwnThread(call.Args[arg])
		}
	}
	if f := s.c.importedGoroutine(fn); f != nil {
		return f.LocksThread
	}
	if i, ok := callsArgument(fn); ok && i < len(call.Args) {
		switch e := astutil.Unparen(call.Args[i]).(type) {
		case *ast.FuncLit:
			return s.in(e.Body)
		default:
			if fn := s.c.packageFuncOf(e); fn != nil {
				return s.of(fn)
			}
		}
	}
	return true // starts none
}

// locksOwnThread reports whether e, the function a go statement or a
// starter runs in a new goroutine, is a function literal or a function of
// the package whose body (not counting the literals in it) calls
// runtime.LockOSThread. Anything else (a function value, another
// package's function, a helper that locks for it) is taken not to lock.
func (c *checker) locksOwnThread(e ast.Expr) bool {
	var body *ast.BlockStmt
	switch e := astutil.Unparen(e).(type) {
	case *ast.FuncLit:
		body = e.Body
	default:
		if fn := c.packageFuncOf(e); fn != nil {
			if decl := c.funcDecls()[fn.Origin()]; decl != nil {
				body = decl.Body
			}
		}
	}
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its own function
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(c.pass.TypesInfo, n)
			found = found || c.stdName(fn) == "runtime.LockOSThread"
		}
		return !found
	})
	return found
}

// mayStartGoroutine reports whether the package refers to a goroutine
// starter (of the standard library, or a function with a goroutineFact) or
// has a go statement.
func (c *checker) mayStartGoroutine() bool {
	if c.refs().goroutineFunc {
		return true
	}
	for _, file := range c.pass.Files {
		found := false
		ast.Inspect(file, func(n ast.Node) bool {
			_, isGo := n.(*ast.GoStmt)
			found = found || isGo
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// initGoroutine returns the first goroutine start that the package's own
// initialization may run: in an init function or in the initializer of a
// package-level variable. It returns nil if there is none.
func (c *checker) initGoroutine() *bodyMatch {
	if c.initGo != nil {
		return *c.initGo
	}
	var first *bodyMatch
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			var m *bodyMatch
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Name.Name == "init" && decl.Recv == nil && decl.Body != nil {
					m = c.goStartIn(decl.Body)
				}
			case *ast.GenDecl:
				if decl.Tok == token.VAR {
					m = c.goStartIn(decl)
				}
			}
			if m != nil && (first == nil || m.pos < first.pos) {
				first = m
			}
		}
	}
	c.initGo = &first
	return first
}

// importedInitGoroutine returns the package fact of the first import, by
// path, whose initialization starts a goroutine, or nil. Imported packages
// initialize before any code of this one runs.
func (c *checker) importedInitGoroutine() *packageFact {
	for _, path := range slices.Sorted(maps.Keys(c.imported)) {
		if f := c.imported[path]; f.InitGoroutine != nil {
			return f
		}
	}
	return nil
}

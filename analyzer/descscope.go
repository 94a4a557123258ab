package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// A descriptor created without close-on-exec leaks into the processes that
// the program starts while it is open. Two kinds of function run alone in
// their process, so only the processes that they start, or that the code
// around them starts while the descriptor is open, can inherit what they
// create:
//
//   - test code: a function of a _test.go file, or one that takes a
//     *testing.T, *testing.B, *testing.F or testing.TB (a helper package
//     of tests). go test runs one test at a time, and the ones that call
//     t.Parallel together after the others;
//   - a re-exec entry point: a function passed to Register of a reexec
//     package (github.com/moby/sys/reexec and its copies), which runs alone
//     in a helper process that the program starts by executing itself.
//
// There a leak is reported only when a process may start while the
// descriptor is open (mayInherit). In any function, a descriptor followed
// by an exec of the program itself (syscall.Exec), before any process
// start, is meant to be inherited by the new program, as in socket
// activation.

// maxCallers bounds how many callers mayInherit visits for one descriptor.
const maxCallers = 64

// reachesChild reports whether l, a call in file, may leak into a child.
func (c *checker) reachesChild(file *ast.File, l leak) bool {
	path, _ := astutil.PathEnclosingInterval(file, l.call.Pos(), l.call.End())
	decl, _ := path[len(path)-2].(*ast.FuncDecl) // path ends with the file and its declaration
	if decl == nil || decl.Body == nil {
		return true // a package-level initializer
	}
	if what, _ := c.firstAfter(decl.Body, l.call.End()); what == "exec" {
		return false // handed over to the program's own exec
	}
	if isInit(decl) && path[slices.IndexFunc(path, code.IsFunc)] == ast.Node(decl) {
		// A probe that init closes: main has started nothing yet.
		budget := maxCallers
		return !c.closes(decl.Body, c.resultVar(path), l.call.End(), token.NoPos) || c.mayInherit(path, l.call.End(), true, &budget)
	}
	alone, test := c.runsAlone(file, path)
	switch {
	case !alone:
		return true
	case test && !l.create.Plural && discarded(path):
		return false // a descriptor that test code throws away: a probe expected to fail
	}
	budget := maxCallers
	return c.mayInherit(path, l.call.End(), true, &budget)
}

// isInit reports whether decl is a package initializer, func init.
func isInit(decl *ast.FuncDecl) bool {
	return decl.Recv == nil && decl.Name.Name == "init"
}

// runsAlone reports whether the node at the start of path runs in a
// function that runs alone in its process, and whether that is test code.
func (c *checker) runsAlone(file *ast.File, path []ast.Node) (alone, test bool) {
	entries := c.reexecEntries()
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			if entries[n] {
				return true, false
			}
		case *ast.FuncDecl:
			if fn, ok := c.pass.TypesInfo.Defs[n.Name].(*types.Func); ok && entries[fn] {
				return true, false
			}
			test := c.isTestCode(file, n)
			return test, test
		}
	}
	return false, false
}

// mayInherit reports whether a process may start while a descriptor is
// open, from pos on, in the function that holds the call at the start of
// path (the call that creates the descriptor, or a call of a function that
// made it) or in its callers in the package, at most budget of them. The
// descriptor is open there if it may be: it was created there, or it
// outlived the functions it came through, or one of them runs concurrently
// with the caller at hand (a go statement). A function that starts a
// process after pos, before it closes the variable that holds the
// descriptor, is a finding if the descriptor is open; so is a function on
// the way that calls t.Parallel, open or not.
func (c *checker) mayInherit(path []ast.Node, pos token.Pos, open bool, budget *int) bool {
	i := slices.IndexFunc(path, code.IsFunc)
	if i < 0 {
		return true // a package-level initializer
	}
	fn, body := path[i], code.FuncBody(path[i])
	v := c.resultVar(path)
	if what, at := c.firstAfter(body, pos); open && what == "start" && !c.closes(body, v, pos, at) {
		return true
	}
	if c.callsParallel(fn) {
		return true
	}
	if c.isReexecEntry(fn) {
		return false // its process runs nothing else
	}
	if *budget--; *budget < 0 {
		return true
	}
	open = open && !c.closes(body, v, pos, token.NoPos) // else closed before the function returns
	for _, s := range c.sitesOf(path[i:]) {
		if c.mayInherit(s.path, s.pos, open || s.concurrent, budget) {
			return true
		}
	}
	return false
}

// A site is where a function is called or started: path leads from the
// call up to the file.
type site struct {
	path       []ast.Node
	pos        token.Pos // the end of the call: what the caller runs after it
	concurrent bool      // a go statement: the function runs alongside its caller
}

// sitesOf returns the sites of the function at the start of path, a
// declaration or a literal: its calls in the package. A function literal
// passed to a function other than t.Run, stored or returned may run at any
// time from then on; a declared function used as a value, as in a table of
// tests, runs when a test calls it, and adds no site.
func (c *checker) sitesOf(path []ast.Node) []site {
	switch fn := path[0].(type) {
	case *ast.FuncDecl:
		if obj, ok := c.pass.TypesInfo.Defs[fn.Name].(*types.Func); ok {
			return c.callSitesOf(obj)
		}
	case *ast.FuncLit:
		switch parent := path[1].(type) {
		case *ast.CallExpr:
			if parent.Fun == fn {
				return []site{callSite(path[1:])} // called on the spot
			}
			if callee := typeutil.StaticCallee(c.pass.TypesInfo, parent); callee != nil && std.RunsArgument[callee.FullName()] {
				return []site{{path: path[1:], pos: parent.End()}} // a subtest: runs during the call
			}
		case *ast.AssignStmt:
			for i, rhs := range parent.Rhs {
				if rhs == fn && len(parent.Lhs) == len(parent.Rhs) {
					return c.callSitesOf(code.IdentObject(c.pass.TypesInfo, parent.Lhs[i]))
				}
			}
		case *ast.ValueSpec:
			for i, v := range parent.Values {
				if v == fn && len(parent.Names) == len(parent.Values) {
					return c.callSitesOf(code.IdentObject(c.pass.TypesInfo, parent.Names[i]))
				}
			}
		}
		return []site{{path: path[1:], pos: fn.End(), concurrent: true}} // stored or returned
	}
	return nil
}

// callSitesOf returns the calls of obj, a function or a variable holding
// one.
func (c *checker) callSitesOf(obj types.Object) []site {
	var sites []site
	for _, id := range c.usesOf(obj) {
		path, _ := astutil.PathEnclosingInterval(c.fileOf(id.Pos()), id.Pos(), id.End())
		k := 1
		if sel, ok := path[1].(*ast.SelectorExpr); ok && sel.Sel == id {
			k = 2 // x.f
		}
		if call, ok := path[k].(*ast.CallExpr); ok && call.Fun == path[k-1] {
			sites = append(sites, callSite(path[k:]))
		}
	}
	return sites
}

// callSite returns the site of the call at the start of path.
func callSite(path []ast.Node) site {
	_, goStmt := path[1].(*ast.GoStmt)
	return site{path: path, pos: path[0].End(), concurrent: goStmt}
}

// usesOf returns the identifiers that use obj, in source order. The index
// is made once, for the functions and variables of the package.
func (c *checker) usesOf(obj types.Object) []*ast.Ident {
	if c.uses == nil {
		c.uses = make(map[types.Object][]*ast.Ident)
		for id, o := range c.pass.TypesInfo.Uses {
			switch o.(type) {
			case *types.Func, *types.Var:
				if o.Pkg() == c.pass.Pkg {
					c.uses[o] = append(c.uses[o], id)
				}
			}
		}
		for _, ids := range c.uses {
			slices.SortFunc(ids, func(a, b *ast.Ident) int { return cmp.Compare(a.Pos(), b.Pos()) })
		}
	}
	return c.uses[obj]
}

// resultOf returns the variable that the call at the start of path
// assigns the descriptor it creates to, if any, and whether the descriptor
// is thrown away (assigned to _ or not used).
func resultOf(path []ast.Node) (id *ast.Ident, discarded bool) {
	switch parent := path[1].(type) {
	case *ast.AssignStmt:
		if len(parent.Rhs) == 1 && len(parent.Lhs) > 0 {
			id, _ := parent.Lhs[0].(*ast.Ident)
			return id, id != nil && id.Name == "_"
		}
	case *ast.ExprStmt:
		return nil, true
	}
	return nil, false
}

func discarded(path []ast.Node) bool {
	_, discarded := resultOf(path)
	return discarded
}

// resultVar returns the variable that the call at the start of path
// assigns its first result to, or nil.
func (c *checker) resultVar(path []ast.Node) types.Object {
	id, _ := resultOf(path)
	if id == nil {
		return nil
	}
	return code.IdentObject(c.pass.TypesInfo, id)
}

// closes reports whether body closes v, with Close of syscall or
// golang.org/x/sys/unix, at a call from pos on: before until, and not
// deferred, if until is valid; anywhere after pos, deferred or not,
// otherwise.
func (c *checker) closes(body *ast.BlockStmt, v types.Object, pos, until token.Pos) bool {
	if v == nil {
		return false
	}
	closed := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			return !until.IsValid() // runs at return: after any start
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(c.pass.TypesInfo, n)
			closed = closed || n.Pos() >= pos && (!until.IsValid() || n.Pos() < until) &&
				fn != nil && fn.Name() == "Close" && fn.Pkg() != nil && std.IsSyscallPackage(fn.Pkg().Path()) &&
				len(n.Args) == 1 && code.IdentObject(c.pass.TypesInfo, astutil.Unparen(n.Args[0])) == v
		}
		return !closed
	})
	return closed
}

// isReexecEntry reports whether fn, a declaration or a literal, is a
// re-exec entry point.
func (c *checker) isReexecEntry(fn ast.Node) bool {
	if decl, ok := fn.(*ast.FuncDecl); ok {
		obj, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		return c.reexecEntries()[obj]
	}
	return c.reexecEntries()[fn]
}

// firstAfter returns what the first call in body after pos does, of those
// that matter to a leak: "start" (starts a process), "exec" (executes
// another program in this process), or "" if there is neither; and where
// it is.
func (c *checker) firstAfter(body *ast.BlockStmt, pos token.Pos) (string, token.Pos) {
	first, what := token.NoPos, ""
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Pos() < pos || first.IsValid() && call.Pos() >= first {
			return true // not a call after pos, or not before the first found
		}
		fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
		switch {
		case fn == nil:
		case isSelfExec(fn):
			first, what = call.Pos(), "exec"
		case c.mayStartProcess(fn):
			first, what = call.Pos(), "start"
		}
		return true
	})
	return what, first
}

// isSelfExec reports whether fn replaces the program by another, keeping
// the descriptors not marked close-on-exec.
func isSelfExec(fn *types.Func) bool {
	return fn.Pkg() != nil && std.IsSyscallPackage(fn.Pkg().Path()) && fn.Signature().Recv() == nil &&
		(fn.Name() == "Exec" || fn.Name() == "Execve" || fn.Name() == "Execveat")
}

// isTestCode reports whether decl, in file, is test code: declared in a
// _test.go file, or taking a parameter of testing's T, B, F or TB.
func (c *checker) isTestCode(file *ast.File, decl *ast.FuncDecl) bool {
	if code.IsTestFile(c.pass.Fset, file) {
		return true
	}
	for _, field := range decl.Type.Params.List {
		if code.IsTestingType(c.pass.TypesInfo.TypeOf(field.Type)) {
			return true
		}
	}
	return false
}

// reexecEntries returns the package's re-exec entry points, the functions
// passed to Register of a reexec package: declared ones by their object,
// literals by their node. Computed once.
func (c *checker) reexecEntries() map[any]bool {
	if c.entries != nil {
		return c.entries
	}
	c.entries = make(map[any]bool)
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
			if fn == nil || fn.Name() != "Register" || fn.Pkg() == nil || fn.Pkg().Name() != "reexec" {
				return true
			}
			var name *ast.Ident
			switch arg := astutil.Unparen(call.Args[1]).(type) {
			case *ast.FuncLit:
				c.entries[arg] = true
			case *ast.Ident:
				name = arg
			case *ast.SelectorExpr:
				name = arg.Sel
			}
			if fn, ok := c.pass.TypesInfo.Uses[name].(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
				c.entries[fn] = true
			}
			return true
		})
	}
	return c.entries
}

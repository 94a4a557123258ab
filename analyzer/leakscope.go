package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// A descriptor created without close-on-exec leaks into the processes that
// the program starts while it is open. Two kinds of function run alone in
// their process, so only the processes they start themselves can inherit
// what they create:
//
//   - test code: a function of a _test.go file, or one that takes a
//     *testing.T, *testing.B, *testing.F or testing.TB (a helper package
//     of tests). go test runs one test at a time, unless the package calls
//     t.Parallel;
//   - a re-exec entry point: a function passed to Register of a reexec
//     package (github.com/moby/sys/reexec and its copies), which runs alone
//     in a helper process that the program starts by executing itself.
//
// In such a function a leak is reported only when the function starts a
// process after it. In any function, a descriptor followed by an exec of
// the program itself (syscall.Exec), before any process start, is meant to
// be inherited by the new program, as in socket activation.

// reachesChild reports whether l, a call in file, may leak into a child.
func (c *checker) reachesChild(file *ast.File, l leak) bool {
	path, _ := astutil.PathEnclosingInterval(file, l.call.Pos(), l.call.End())
	body, alone := c.enclosingBody(file, path)
	if body == nil {
		return true // a package-level initializer
	}
	switch c.firstAfter(body, l.call.End()) {
	case "exec":
		return false // handed over to the program's own exec
	case "start":
		return true
	}
	return !alone
}

// enclosingBody returns the body of the function that runs the node at the
// end of path: the innermost re-exec entry point, else the declared
// function; and whether that function runs alone in its process.
func (c *checker) enclosingBody(file *ast.File, path []ast.Node) (body *ast.BlockStmt, alone bool) {
	entries := c.reexecEntries()
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			if entries[n] {
				return n.Body, true
			}
		case *ast.FuncDecl:
			fn, _ := c.pass.TypesInfo.Defs[n.Name].(*types.Func)
			alone := entries[fn] || c.isTestCode(file, n) && !c.refs().parallelTests
			return n.Body, alone
		}
	}
	return nil, false
}

// firstAfter returns what the first call in body after pos does, of those
// that matter to a leak: "start" (starts a process), "exec" (executes
// another program in this process), or "" if there is neither.
func (c *checker) firstAfter(body *ast.BlockStmt, pos token.Pos) string {
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
	return what
}

// mayStartProcess reports whether a call of fn may start a process.
func (c *checker) mayStartProcess(fn *types.Func) bool {
	if fn.Pkg() == c.pass.Pkg {
		return c.startSummary().of(fn) != nil
	}
	return c.processStart(fn) != ""
}

// startSummary returns the summary of the process starts of the package's
// functions, made once.
func (c *checker) startSummary() *bodySummary {
	if c.starts == nil {
		c.starts = newBodySummary(c, c.matchProcessStart, true) // a stored closure may start one later
	}
	return c.starts
}

// isSelfExec reports whether fn replaces the program by another, keeping
// the descriptors not marked close-on-exec.
func isSelfExec(fn *types.Func) bool {
	return fn.Pkg() != nil && isSyscallPackage(fn.Pkg().Path()) && fn.Signature().Recv() == nil &&
		(fn.Name() == "Exec" || fn.Name() == "Execve" || fn.Name() == "Execveat")
}

// isTestCode reports whether decl, in file, is test code: declared in a
// _test.go file, or taking a parameter of testing's T, B, F or TB.
func (c *checker) isTestCode(file *ast.File, decl *ast.FuncDecl) bool {
	if isTestFile(c.pass.Fset, file) {
		return true
	}
	for _, field := range decl.Type.Params.List {
		if isTestingType(c.pass.TypesInfo.TypeOf(field.Type)) {
			return true
		}
	}
	return false
}

func isTestFile(fset *token.FileSet, file *ast.File) bool {
	return strings.HasSuffix(fset.File(file.Pos()).Name(), "_test.go")
}

// isTestingType reports whether t is *testing.T, *testing.B, *testing.F or
// testing.TB.
func isTestingType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "testing" {
		return false
	}
	switch named.Obj().Name() {
	case "T", "B", "F", "TB":
		return true
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

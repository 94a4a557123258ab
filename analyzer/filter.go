package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// needsSSA reports whether the package can hold a finding that needs SSA:
// a fork, a process started under syscall.ForkLock, thread-bound process
// attributes, or in strict mode any process start. It decides from the
// package's imports, its syntax and the facts of the packages it imports,
// before any SSA is built: most packages never touch fork, and they must
// cost almost nothing.
func (c *checker) needsSSA() bool {
	r := c.refs()
	return c.mayFork() || r.forkLock || r.threadAttr || strict && r.processStart
}

// mayFork reports whether the package can hold a fork.
func (c *checker) mayFork() bool {
	if c.hasCgoFork() || len(c.links) > 0 || c.refs().forkingFunc {
		return true
	}
	for _, file := range c.pass.Files {
		if importsSyscallPackage(file) && c.hasForkTrapSyntax(file) {
			return true
		}
	}
	return false
}

// hasCgoFork reports whether the package calls C.fork, C.vfork, C.daemon
// or C.forkpty: cgo declares a Go function for each C function used.
func (c *checker) hasCgoFork() bool {
	for name := range cgoForks {
		for _, prefix := range []string{"_Cfunc_", "_C2func_"} {
			if c.pass.Pkg.Scope().Lookup(prefix+name) != nil {
				return true
			}
		}
	}
	return false
}

// hasForkTrapSyntax reports whether file has a system call whose number
// may create a process: a constant that does, or a value that is neither a
// constant nor a parameter of the enclosing function (which no local data
// flow can resolve), or a trap function used as a value.
func (c *checker) hasForkTrapSyntax(file *ast.File) bool {
	info := c.pass.TypesInfo
	called := make(map[*ast.Ident]bool) // the names of trap functions in calls
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if found {
			return false // a sibling found it: stop everywhere
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(info, n)
			if fn == nil || !isTrapFunc(fn) {
				return true // not a system call
			}
			called[calleeIdent(n)] = true
			found = len(n.Args) > 0 && c.mayBeForkTrap(fn, n.Args[0])
		case *ast.Ident:
			if fn, ok := info.Uses[n].(*types.Func); ok && isTrapFunc(fn) && !called[n] {
				found = true // a function value
			}
		}
		return !found
	})
	return found
}

// mayBeForkTrap reports whether arg, the number of a system call to fn,
// may be one that creates a process.
func (c *checker) mayBeForkTrap(fn *types.Func, arg ast.Expr) bool {
	if tv := c.pass.TypesInfo.Types[arg]; tv.Value != nil {
		n, ok := intOf(tv.Value)
		_, forks := c.trapTable(fn.Pkg()).forks[n]
		return ok && forks
	}
	for {
		call, ok := astutil.Unparen(arg).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !c.pass.TypesInfo.Types[call.Fun].IsType() {
			break
		}
		arg = call.Args[0] // a conversion
	}
	id, ok := astutil.Unparen(arg).(*ast.Ident)
	if !ok {
		return true
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return !ok || v.Kind() != types.ParamVar
}

// calleeIdent returns the name of the function that call calls.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch fun := astutil.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun
	case *ast.SelectorExpr:
		return fun.Sel
	}
	return nil
}

// A linkname is a go:linkname directive that binds a local name to a fork
// internal of the runtime or the syscall package.
type linkname struct {
	pos    token.Pos
	local  string // the local name
	target string // "syscall.runtime_BeforeFork"
}

// forkLinknames returns the go:linkname directives of the package that
// bind to fork internals. They need import "unsafe".
func forkLinknames(pass *analysis.Pass) []linkname {
	var links []linkname
	for _, file := range pass.Files {
		if importsPath(file, "unsafe") {
			links = append(links, fileLinknames(file)...)
		}
	}
	return links
}

// fileLinknames returns the go:linkname directives of file that bind to
// fork internals. A directive that pushes a function of the file, with a
// body, to the name (as the runtime provides syscall.runtime_BeforeFork)
// implements the internal rather than reaching it.
func fileLinknames(file *ast.File) []linkname {
	var links []linkname
	for _, group := range file.Comments {
		for _, comment := range group.List {
			fields := strings.Fields(comment.Text)
			if len(fields) == 3 && fields[0] == "//go:linkname" && isForkInternal(fields[2]) && !definesBody(file, fields[1]) {
				links = append(links, linkname{pos: comment.Pos(), local: fields[1], target: fields[2]})
			}
		}
	}
	return links
}

// definesBody reports whether file declares the function name with a body.
func definesBody(file *ast.File, name string) bool {
	for _, decl := range file.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name && fn.Body != nil {
			return true
		}
	}
	return false
}

func importsPath(file *ast.File, path string) bool {
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err == nil && p == path {
			return true
		}
	}
	return false
}

func importsSyscallPackage(file *ast.File) bool {
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err == nil && isSyscallPackage(p) {
			return true
		}
	}
	return false
}

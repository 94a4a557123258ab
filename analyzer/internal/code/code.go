// Package code holds stateless helpers of forkcheck's analysis: what can be
// said of a piece of syntax or SSA from its types alone, with no state of
// the pass. It follows staticcheck's analysis/code: callee resolution,
// constant values, reachability within a function, positions and file
// lookup. Nothing here knows a check.
package code

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// IntConst returns the value of the integer constant name in pkg.
func IntConst(pkg *types.Package, name string) (int64, bool) {
	c, ok := pkg.Scope().Lookup(name).(*types.Const)
	if !ok {
		return 0, false
	}
	return IntOf(c.Val())
}

// IntOf returns the integer constant v as an int64; a uintptr constant with
// the top bit set wraps as the machine word would.
func IntOf(v constant.Value) (int64, bool) {
	if v == nil || v.Kind() != constant.Int {
		return 0, false
	}
	if n, exact := constant.Int64Val(v); exact {
		return n, true
	}
	u, exact := constant.Uint64Val(v)
	return int64(u), exact
}

// QualifiedName returns how a message names fn: "lib.Detach",
// "(*lib.T).Detach", "lib.T.Detach".
func QualifiedName(fn *types.Func) string {
	qualified := fn.Pkg().Name() + "."
	recv := fn.Signature().Recv()
	if recv == nil {
		return qualified + fn.Name()
	}
	t, star := recv.Type(), ""
	if ptr, ok := t.(*types.Pointer); ok {
		t, star = ptr.Elem(), "*"
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		qualified += named.Obj().Name()
	}
	if star != "" {
		return "(*" + qualified + ")." + fn.Name()
	}
	return qualified + "." + fn.Name()
}

// FileOf returns the file of files that holds pos, or nil.
func FileOf(files []*ast.File, pos token.Pos) *ast.File {
	for _, file := range files {
		if file.FileStart <= pos && pos < file.FileEnd {
			return file
		}
	}
	return nil
}

// CalleeRange returns the range of the called function's expression
// ("syscall.RawSyscall") in the call of files whose left parenthesis is at
// lparen, or lparen if the syntax is not found. SSA records a call's
// parenthesis.
func CalleeRange(files []*ast.File, lparen token.Pos) (token.Pos, token.Pos) {
	if ce := CallAt(files, lparen); ce != nil {
		return ce.Fun.Pos(), ce.Fun.End()
	}
	return lparen, lparen
}

// CalleeIdent returns the name of the function that call calls, or nil.
func CalleeIdent(call *ast.CallExpr) *ast.Ident {
	switch fun := astutil.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun
	case *ast.SelectorExpr:
		return fun.Sel
	}
	return nil
}

// Qualifier returns the "pkg." that call's callee is written with, or "".
func Qualifier(call *ast.CallExpr) string {
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			return id.Name + "."
		}
	}
	return ""
}

// IdentObject returns the object that expr, an identifier, defines or
// uses, or nil for the blank identifier or anything else.
func IdentObject(info *types.Info, expr ast.Expr) types.Object {
	id, ok := expr.(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	if obj := info.Defs[id]; obj != nil {
		return obj
	}
	return info.Uses[id]
}

// ImportsPath reports whether file imports path.
func ImportsPath(file *ast.File, path string) bool {
	return ImportsAny(file, func(p string) bool { return p == path })
}

// ImportsAny reports whether file imports a path that match accepts.
func ImportsAny(file *ast.File, match func(path string) bool) bool {
	for _, spec := range file.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err == nil && match(p) {
			return true
		}
	}
	return false
}

// ParamType returns the type of the i-th argument of a call of sig, or nil.
func ParamType(sig *types.Signature, i int) types.Type {
	params := sig.Params()
	if sig.Variadic() && i >= params.Len()-1 {
		return params.At(params.Len() - 1).Type().(*types.Slice).Elem()
	}
	if i < params.Len() {
		return params.At(i).Type()
	}
	return nil
}

// Assigns reports whether body assigns v or takes its address.
func Assigns(info *types.Info, body ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				found = found || isVar(info, lhs, v)
			}
		case *ast.IncDecStmt:
			found = found || isVar(info, n.X, v)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && isVar(info, n.X, v)
		}
		return !found
	})
	return found
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// IsFunc reports whether n is a function declaration or literal.
func IsFunc(n ast.Node) bool {
	switch n.(type) {
	case *ast.FuncDecl, *ast.FuncLit:
		return true
	}
	return false
}

// FuncBody returns the body of fn, a declaration or a literal.
func FuncBody(fn ast.Node) *ast.BlockStmt {
	if decl, ok := fn.(*ast.FuncDecl); ok {
		return decl.Body
	}
	return fn.(*ast.FuncLit).Body
}

// AnyFuncBody reports whether pred holds for the body of a function
// declared or written as a literal in file, each body on its own (pred
// sees a literal's body within its enclosing one too), but for the
// literals of a function declaration that run in place (see InPlace),
// which are part of the function around them; it stops at the first.
func AnyFuncBody(file *ast.File, pred func(body *ast.BlockStmt) bool) bool {
	for _, decl := range file.Decls {
		var scope *InPlace // nil outside a function: a package-level literal is a function of its own
		if _, ok := decl.(*ast.FuncDecl); ok {
			scope = new(InPlace)
		}
		found := false
		ast.Inspect(decl, func(n ast.Node) bool {
			inPlace := scope != nil && scope.Visit(n) // part of the function around it
			if !found && IsFunc(n) && !inPlace {
				if body := FuncBody(n); body != nil {
					found = pred(body)
				}
			}
			return !found // Inspect still visits the siblings
		})
		if found {
			return true
		}
	}
	return false
}

// A LockBalance is what a function body does to mutexes, each named as
// written (its operand's text and a mode): the lock-balance gates fill it
// (checker.unbalanced with types, unbalancedSyntax without). The zero
// value is ready to use.
type LockBalance struct {
	acquired, released map[string]bool
	Other              bool // a use it cannot pair: a lock operation as a value, RLocker, a function with a lock fact
}

// Add records that the body acquires (or releases) the mutex key.
func (b *LockBalance) Add(key string, acquire bool) {
	if b.acquired == nil {
		b.acquired, b.released = make(map[string]bool), make(map[string]bool)
	}
	if acquire {
		b.acquired[key] = true
	} else {
		b.released[key] = true
	}
}

// Unbalanced reports whether the body may leave a mutex locked or
// unlocked: it locks one it never unlocks or the reverse, or Other.
func (b *LockBalance) Unbalanced() bool {
	return b.Other || !maps.Equal(b.acquired, b.released)
}

// InspectBody walks body as ast.Inspect does, calling f for each node,
// but for the function literals that do not run in place (InPlace), which
// are functions of their own: it visits neither them nor what they hold.
func InspectBody(body *ast.BlockStmt, f func(ast.Node) bool) {
	var scope InPlace
	ast.Inspect(body, func(n ast.Node) bool {
		inPlace := scope.Visit(n)
		if _, lit := n.(*ast.FuncLit); lit && !inPlace {
			return false // a function of its own
		}
		return f(n)
	})
}

// InPlace tells, during a walk of a function's syntax in preorder
// (ast.Inspect), which function literals run in place, as part of the
// function around them: those called or deferred where they are written
// (func() {…}(), defer func() {…}()), not those started as a goroutine or
// made to run later, and only those that declare nothing, parameters
// included: a literal that names a variable of its own can give a mutex
// the name of another (func(mu *sync.Mutex) { mu.Unlock() }(other)), and
// the lock gates match mutexes by their names as written. The zero value
// is ready to use.
type InPlace struct {
	started map[*ast.CallExpr]bool // the calls of go statements
	lits    map[*ast.FuncLit]bool  // the literals that run in place
}

// Visit records n, the next node of the walk, and reports whether n is a
// function literal that runs in place.
func (s *InPlace) Visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.GoStmt:
		if s.started == nil {
			s.started = make(map[*ast.CallExpr]bool)
		}
		s.started[n.Call] = true
	case *ast.CallExpr:
		if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok && !s.started[n] && !declares(lit) {
			if s.lits == nil {
				s.lits = make(map[*ast.FuncLit]bool)
			}
			s.lits[lit] = true
		}
	case *ast.FuncLit:
		return s.lits[n]
	}
	return false
}

// declares reports whether lit has parameters or results, or declares a
// name in its body (var, const, type, :=, a range or type switch that
// defines, a label does not count).
func declares(lit *ast.FuncLit) bool {
	if lit.Type.Params.NumFields() > 0 || lit.Type.Results.NumFields() > 0 {
		return true
	}
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeclStmt, *ast.FuncLit:
			found = true // a declaration, or a literal with its own names (checked as a whole)
		case *ast.AssignStmt:
			found = found || n.Tok == token.DEFINE
		case *ast.RangeStmt:
			found = found || n.Tok == token.DEFINE
		}
		return !found
	})
	return found
}

// IsTestFile reports whether file is a _test.go file.
func IsTestFile(fset *token.FileSet, file *ast.File) bool {
	return strings.HasSuffix(fset.File(file.Pos()).Name(), "_test.go")
}

// IndentOf returns the tabs that indent the line of node.
func IndentOf(fset *token.FileSet, node ast.Node) string {
	col := fset.Position(node.Pos()).Column
	return strings.Repeat("\t", col-1)
}

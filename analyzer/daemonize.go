package analyzer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	pathpkg "path"
	"strconv"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// childEnv marks the re-executed child in its environment.
const childEnv = "FORKCHECK_DAEMON_CHILD"

// helperName is the function the daemonize fix adds to the file.
const helperName = "startDaemonChild"

// A daemonShape is the daemonize idiom at the start of main, or of the
// function main calls first:
//
//	pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
//	if errno != 0 { ... }      // optional
//	if pid != 0 { os.Exit(0) } // or pid > 0: the parent exits
//	syscall.Setsid()           // optional
type daemonShape struct {
	file   *ast.File
	fork   *ast.AssignStmt
	pid    types.Object
	errno  types.Object // nil if blank
	errIf  *ast.IfStmt  // nil if none
	last   ast.Stmt     // the last statement replaced
	setsid bool
}

// daemonizeFix returns the fix that rewrites the daemonize idiom around
// the fork call whose parenthesis is at lparen into a re-execution of the
// program, or nil if the code has another shape.
func (c *checker) daemonizeFix(lparen token.Pos) []analysis.SuggestedFix {
	shape, ok := c.findDaemonShape(lparen)
	if !ok {
		return nil
	}
	edits, ok := c.daemonizeEdits(shape)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Re-execute the program instead of forking it (behavior change: the child runs from the start of main, with only stdin, stdout and stderr)",
		TextEdits: edits,
	}}
}

// findDaemonShape finds the daemonize idiom around the fork call at lparen.
func (c *checker) findDaemonShape(lparen token.Pos) (daemonShape, bool) {
	var s daemonShape
	for _, f := range c.pass.Files {
		if f.FileStart <= lparen && lparen < f.FileEnd {
			s.file = f
		}
	}
	if s.file == nil || c.pass.Pkg.Name() != "main" {
		return s, false
	}
	path, _ := astutil.PathEnclosingInterval(s.file, lparen, lparen)
	var decl *ast.FuncDecl
	for _, n := range path {
		if d, ok := n.(*ast.FuncDecl); ok {
			decl = d
		}
	}
	if decl == nil || decl.Body == nil || decl.Recv != nil || !c.isFirstOfMain(decl) {
		return s, false
	}
	stmts := decl.Body.List
	if len(stmts) < 2 || !c.isForkAssign(stmts[0], lparen, &s) {
		return s, false
	}
	i := 1
	if s.errno != nil && c.isErrnoTest(stmts[i], s.errno) {
		s.errIf = stmts[i].(*ast.IfStmt)
		i++
	}
	if i >= len(stmts) || !c.isParentExit(stmts[i], s.pid) {
		return s, false
	}
	s.last = stmts[i]
	if i+1 < len(stmts) && c.isSetsid(stmts[i+1]) {
		s.setsid = true
		s.last = stmts[i+1]
	}
	// The fix removes the variables: nothing after the idiom may use them.
	for _, rest := range stmts {
		if rest.Pos() > s.last.End() && (c.mentions(rest, s.pid) || s.errno != nil && c.mentions(rest, s.errno)) {
			return s, false
		}
	}
	return s, true
}

// isFirstOfMain reports whether decl is main, or the function whose call
// is the first statement of main.
func (c *checker) isFirstOfMain(decl *ast.FuncDecl) bool {
	if decl.Name.Name == "main" {
		return true
	}
	main, ok := c.pass.Pkg.Scope().Lookup("main").(*types.Func)
	if !ok {
		return false
	}
	mainDecl := c.funcDecls()[main]
	if mainDecl == nil || mainDecl.Body == nil || len(mainDecl.Body.List) == 0 {
		return false
	}
	stmt, ok := mainDecl.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := stmt.X.(*ast.CallExpr)
	return ok && len(call.Args) == 0 && typeutil.StaticCallee(c.pass.TypesInfo, call) == c.pass.TypesInfo.Defs[decl.Name]
}

// isForkAssign reports whether stmt is "pid, _, errno := fork call" with
// the call at lparen, and records pid and errno in s.
func (c *checker) isForkAssign(stmt ast.Stmt, lparen token.Pos, s *daemonShape) bool {
	assign, ok := stmt.(*ast.AssignStmt)
	if !ok || len(assign.Rhs) != 1 || len(assign.Lhs) < 2 {
		return false
	}
	call, ok := assign.Rhs[0].(*ast.CallExpr)
	if !ok || call.Lparen != lparen {
		return false
	}
	s.fork = assign
	s.pid = code.IdentObject(c.pass.TypesInfo, assign.Lhs[0])
	if last := assign.Lhs[len(assign.Lhs)-1]; len(assign.Lhs) == 3 {
		s.errno = code.IdentObject(c.pass.TypesInfo, last)
	}
	return s.pid != nil
}

// isErrnoTest reports whether stmt is "if errno != 0 { ... }" without else,
// whose body uses errno only as an argument of interface type (log.Fatal),
// so that it compiles with an error in place of the Errno.
func (c *checker) isErrnoTest(stmt ast.Stmt, errno types.Object) bool {
	ifs, ok := stmt.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || !c.comparesWithZero(ifs.Cond, errno, token.NEQ) {
		return false
	}
	uses, asInterface := 0, 0
	ast.Inspect(ifs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if c.pass.TypesInfo.Uses[n] == errno {
				uses++
			}
		case *ast.CallExpr:
			sig, _ := c.pass.TypesInfo.TypeOf(n.Fun).(*types.Signature)
			for i, arg := range n.Args {
				if id, ok := arg.(*ast.Ident); ok && sig != nil && c.pass.TypesInfo.Uses[id] == errno && types.IsInterface(code.ParamType(sig, i)) {
					asInterface++
				}
			}
		}
		return true
	})
	return uses == asInterface
}

// isParentExit reports whether stmt is "if pid != 0 { os.Exit(0) }" or
// "if pid > 0 { os.Exit(0) }".
func (c *checker) isParentExit(stmt ast.Stmt, pid types.Object) bool {
	ifs, ok := stmt.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return false
	}
	if !c.comparesWithZero(ifs.Cond, pid, token.NEQ) && !c.comparesWithZero(ifs.Cond, pid, token.GTR) {
		return false
	}
	exit, ok := ifs.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := exit.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	code, isInt := code.IntOf(c.pass.TypesInfo.Types[call.Args[0]].Value)
	return fn != nil && fn.FullName() == "os.Exit" && isInt && code == 0
}

// comparesWithZero reports whether cond is "v op 0", v possibly converted.
func (c *checker) comparesWithZero(cond ast.Expr, v types.Object, op token.Token) bool {
	bin, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != op {
		return false
	}
	x := astutil.Unparen(bin.X)
	if conv, ok := x.(*ast.CallExpr); ok && len(conv.Args) == 1 && c.pass.TypesInfo.Types[conv.Fun].IsType() {
		x = conv.Args[0]
	}
	id, ok := x.(*ast.Ident)
	n, isInt := code.IntOf(c.pass.TypesInfo.Types[bin.Y].Value)
	return ok && c.pass.TypesInfo.Uses[id] == v && isInt && n == 0
}

// isSetsid reports whether stmt is a call of syscall.Setsid or unix.Setsid
// whose results are dropped.
func (c *checker) isSetsid(stmt ast.Stmt) bool {
	expr, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := expr.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	return fn != nil && fn.Name() == "Setsid" && std.IsSyscallPackage(fn.Pkg().Path())
}

// mentions reports whether node refers to obj.
func (c *checker) mentions(node ast.Node, obj types.Object) bool {
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// daemonizeEdits returns the edits of the daemonize fix: the idiom
// replaced by a call of the helper, the helper added at the end of the
// file, and the imports it needs. It fails where the helper's name is taken
// or an import would be left unused.
func (c *checker) daemonizeEdits(s daemonShape) ([]analysis.TextEdit, bool) {
	if c.pass.Pkg.Scope().Lookup(helperName) != nil {
		return nil, false // the name is taken
	}
	names, ok := c.importNames(s)
	if !ok {
		return nil, false
	}
	indent := "\n" + code.IndentOf(c.pass.Fset, s.fork)
	var b bytes.Buffer
	fmt.Fprintf(&b, "if %s.Getenv(%q) != \"1\" { // the parent: start the child, then exit", names["os"], childEnv)
	if s.errIf != nil {
		fmt.Fprintf(&b, "%s\tif %s := %s(); %s != nil %s", indent, s.errno.Name(), helperName, s.errno.Name(), c.source(s.errIf.Body))
	} else {
		fmt.Fprintf(&b, "%s\t%s() // on failure there is no child, as when the fork failed", indent, helperName)
	}
	fmt.Fprintf(&b, "%s\t%s.Exit(0)%s}", indent, names["os"], indent)
	edits := []analysis.TextEdit{
		{Pos: s.fork.Pos(), End: s.last.End(), NewText: b.Bytes()},
		{Pos: s.file.End(), End: s.file.End(), NewText: []byte(helperSource(names, s.setsid))},
	}
	return append(edits, c.importEdits(s.file, names)...), true
}

// helperSource returns the function the fix adds.
func helperSource(names map[string]string, setsid bool) string {
	attrs := ""
	if setsid {
		attrs = fmt.Sprintf("\n\tcmd.SysProcAttr = &%s.SysProcAttr{Setsid: true}", names["syscall"])
	}
	return fmt.Sprintf(`
// %[1]s re-executes this program as its daemon child, which
// finds %[2]s=1 in its environment and goes on past the
// check that called it. It replaces a fork without exec, never safe in
// Go: the child of a multithreaded process can deadlock on a lock held
// by another thread.
func %[1]s() error {
	exe, err := %[3]s.Executable()
	if err != nil {
		return err
	}
	cmd := %[4]s.Command(exe, %[3]s.Args[1:]...)
	cmd.Env = append(%[3]s.Environ(), "%[2]s=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = %[3]s.Stdin, %[3]s.Stdout, %[3]s.Stderr%[5]s
	return cmd.Start()
}
`, helperName, childEnv, names["os"], names["os/exec"], attrs)
}

// importNames returns the names under which the file refers to os,
// os/exec and syscall after the fix, adding the missing imports under
// their own names. It fails if a name is taken by something else, or if
// the fix would leave the fork's package imported but unused.
func (c *checker) importNames(s daemonShape) (map[string]string, bool) {
	needed := []string{"os", "os/exec"}
	if s.setsid {
		needed = append(needed, "syscall")
	}
	names := make(map[string]string)
	for _, path := range needed {
		names[path] = ""
		for _, spec := range s.file.Imports {
			if p, _ := strconv.Unquote(spec.Path.Value); p == path && (spec.Name == nil || spec.Name.Name != "_" && spec.Name.Name != ".") {
				names[path] = c.pass.TypesInfo.PkgNameOf(spec).Name()
			}
		}
		if names[path] == "" {
			base := pathpkg.Base(path)
			if scope := c.pass.TypesInfo.Scopes[s.file]; scope != nil && scope.Lookup(base) != nil || c.pass.Pkg.Scope().Lookup(base) != nil {
				return nil, false // the name is taken
			}
			names[path] = base
		}
	}
	// The fork's package stays used only if something outside the idiom
	// uses it, or the helper does.
	forkPkg := typeutil.StaticCallee(c.pass.TypesInfo, s.fork.Rhs[0].(*ast.CallExpr)).Pkg().Path()
	if forkPkg == "syscall" && s.setsid {
		return names, true
	}
	used := false
	ast.Inspect(s.file, func(n ast.Node) bool {
		if n != nil && n.Pos() >= s.fork.Pos() && n.End() <= s.last.End() {
			return false // replaced
		}
		if id, ok := n.(*ast.Ident); ok {
			if pn, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); ok && pn.Imported().Path() == forkPkg {
				used = true
			}
		}
		return !used
	})
	return names, used
}

// importEdits returns the edits that import the paths of names the file
// does not import yet.
func (c *checker) importEdits(file *ast.File, names map[string]string) []analysis.TextEdit {
	var missing []string
	for _, path := range []string{"os", "os/exec", "syscall"} {
		if _, ok := names[path]; ok && !code.ImportsPath(file, path) {
			missing = append(missing, path)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var text bytes.Buffer
	for _, path := range missing {
		fmt.Fprintf(&text, "\n\t%q", path)
	}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT || !gen.Lparen.IsValid() {
			continue
		}
		// After the last import of the standard library, in its group:
		// gofmt sorts the group.
		at := gen.Lparen + 1
		for _, spec := range gen.Specs {
			if path, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value); std.IsStdPath(path) {
				at = spec.End()
			}
		}
		return []analysis.TextEdit{{Pos: at, End: at, NewText: text.Bytes()}}
	}
	// No parenthesized import declaration: add one after the package clause.
	return []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport (" + text.String() + "\n)")}}
}

// source returns node printed as Go source.
func (c *checker) source(node ast.Node) string {
	var b bytes.Buffer
	printer.Fprint(&b, c.pass.Fset, node)
	return b.String()
}

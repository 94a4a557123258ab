package analyzer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	pathpkg "path"
	"slices"
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
	return c.stdName(fn) == "os.Exit" && isInt && code == 0
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
// file, the imports it needs added, and the imports that only the idiom
// used removed. It fails where a name the fix needs is taken.
func (c *checker) daemonizeEdits(s daemonShape) ([]analysis.TextEdit, bool) {
	if c.pass.Pkg.Scope().Lookup(helperName) != nil {
		return nil, false // the name is taken
	}
	names, missing, ok := c.importNames(s)
	if !ok {
		return nil, false
	}
	unused := c.importsLeftUnused(s, names)
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
	edits = append(edits, c.importEdits(s.file, missing, unused)...)
	for _, spec := range unused {
		edits = append(edits, c.removeImportEdit(s.file, spec))
	}
	return edits, true
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
// os/exec and syscall after the fix, and the paths among them that it
// must import under their own names. It fails if such a name is taken by
// something else.
func (c *checker) importNames(s daemonShape) (names map[string]string, missing []string, ok bool) {
	needed := []string{"os", "os/exec"}
	if s.setsid {
		needed = append(needed, "syscall")
	}
	names = make(map[string]string)
	for _, path := range needed {
		for _, spec := range s.file.Imports {
			if p, _ := strconv.Unquote(spec.Path.Value); p == path && (spec.Name == nil || spec.Name.Name != "_" && spec.Name.Name != ".") {
				names[path] = c.pass.TypesInfo.PkgNameOf(spec).Name()
			}
		}
		if names[path] == "" {
			base := pathpkg.Base(path)
			if scope := c.pass.TypesInfo.Scopes[s.file]; scope != nil && scope.Lookup(base) != nil || c.pass.Pkg.Scope().Lookup(base) != nil {
				return nil, nil, false // the name is taken
			}
			names[path] = base
			missing = append(missing, path)
		}
	}
	return names, missing, true
}

// importsLeftUnused returns the imports of the file that only the
// statements the fix replaces use: the fork call's package, the trap
// number's (syscall.RawSyscall(unix.SYS_FORK, …)), Setsid's. The body of
// the error check is kept, and the helper uses the imports that names
// name. The fix removes them: the type checker rejects an unused import,
// and consumers of JSON, SARIF or go vet -fix apply the edits as they are,
// without the removal of unused imports that forkcheck -fix adds.
func (c *checker) importsLeftUnused(s daemonShape, names map[string]string) []*ast.ImportSpec {
	replaced := func(n ast.Node) bool {
		kept := s.errIf != nil && n.Pos() >= s.errIf.Body.Pos() && n.End() <= s.errIf.Body.End()
		return n.Pos() >= s.fork.Pos() && n.End() <= s.last.End() && !kept
	}
	usedIn, usedOut := make(map[*types.PkgName]bool), make(map[*types.PkgName]bool)
	dots := make(map[*types.Package]*types.PkgName)
	for _, spec := range s.file.Imports {
		if pn := c.pass.TypesInfo.PkgNameOf(spec); pn != nil && spec.Name != nil && spec.Name.Name == "." {
			dots[pn.Imported()] = pn
		}
	}
	ast.Inspect(s.file, func(n ast.Node) bool {
		var pn *types.PkgName
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				pn, _ = c.pass.TypesInfo.Uses[id].(*types.PkgName)
			}
		case *ast.Ident:
			if obj := c.pass.TypesInfo.Uses[n]; obj != nil && obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
				pn = dots[obj.Pkg()] // a name of a dot-imported package
			}
		}
		if pn == nil {
			return true
		}
		if replaced(n) {
			usedIn[pn] = true
		} else {
			usedOut[pn] = true
		}
		_, sel := n.(*ast.SelectorExpr)
		return !sel // not the selected name: it is not a use of a dot import
	})
	var unused []*ast.ImportSpec
	for _, spec := range s.file.Imports {
		pn := c.pass.TypesInfo.PkgNameOf(spec)
		if pn != nil && usedIn[pn] && !usedOut[pn] && names[pn.Imported().Path()] != pn.Name() {
			unused = append(unused, spec)
		}
	}
	return unused
}

// removeImportEdit returns the edit that removes spec from file: its whole
// lines, its doc comment and line comment included, where it has them to
// itself, or the import declaration if spec is all it declares.
func (c *checker) removeImportEdit(file *ast.File, spec *ast.ImportSpec) analysis.TextEdit {
	var node ast.Node = spec
	doc := spec.Doc
	var before, after token.Pos // the end of what precedes, the start of what follows
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT || !slices.Contains(gen.Specs, ast.Spec(spec)) {
			continue
		}
		if len(gen.Specs) == 1 {
			node, doc = gen, gen.Doc
			before, after = c.neighbours(file, gen)
			break
		}
		before, after = gen.Lparen, gen.Rparen
		i := slices.Index(gen.Specs, ast.Spec(spec))
		if i > 0 {
			before = gen.Specs[i-1].End()
		}
		if i+1 < len(gen.Specs) {
			after = gen.Specs[i+1].Pos()
		}
	}
	pos, end := node.Pos(), node.End()
	if doc != nil {
		pos = doc.Pos()
	}
	if spec.Comment != nil {
		end = max(end, spec.Comment.End())
	}
	tf := c.pass.Fset.File(pos)
	line, endLine := tf.Line(pos), tf.Line(end)
	if before.IsValid() && tf.Line(before) == line || after.IsValid() && tf.Line(after) == endLine {
		return analysis.TextEdit{Pos: node.Pos(), End: node.End()} // shares its line: the text alone
	}
	lineEnd := token.Pos(tf.Base() + tf.Size())
	if endLine < tf.LineCount() {
		lineEnd = tf.LineStart(endLine + 1)
	}
	return analysis.TextEdit{Pos: tf.LineStart(line), End: lineEnd}
}

// neighbours returns the end of what precedes decl in file and the start
// of what follows it: the package clause or a declaration.
func (c *checker) neighbours(file *ast.File, decl ast.Decl) (before, after token.Pos) {
	before = file.Name.End()
	for i, d := range file.Decls {
		if d == decl {
			if i+1 < len(file.Decls) {
				after = file.Decls[i+1].Pos()
			}
			break
		}
		before = d.End()
	}
	return before, after
}

// importEdits returns the edit that imports the missing paths: in the
// first parenthesized import declaration, after the last import of the
// standard library that stays, or in a new declaration.
func (c *checker) importEdits(file *ast.File, missing []string, removed []*ast.ImportSpec) []analysis.TextEdit {
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
			if path, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value); std.IsStdPath(path) && !slices.Contains(removed, spec.(*ast.ImportSpec)) {
				at = spec.End()
			}
		}
		return []analysis.TextEdit{{Pos: at, End: at, NewText: text.Bytes()}}
	}
	// No parenthesized import declaration: add one after the last import
	// declaration that stays, or after the package clause.
	at := file.Name.End()
	for _, decl := range file.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.IMPORT && !slices.Contains(removed, gen.Specs[0].(*ast.ImportSpec)) {
			at = gen.End()
		}
	}
	return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n\nimport (" + text.String() + "\n)")}}
}

// source returns node printed as Go source.
func (c *checker) source(node ast.Node) string {
	var b bytes.Buffer
	printer.Fprint(&b, c.pass.Fset, node)
	return b.String()
}

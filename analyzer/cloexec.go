package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// A creator is a function of syscall or golang.org/x/sys/unix that creates
// descriptors, with the way to create them close-on-exec.
type creator struct {
	flagArg     int    // the argument that must carry flag; -1 if there is none
	flag        string // the close-on-exec flag; "" if there is none
	variant     string // for a creator without flagArg: the function that takes flag instead
	onlyFlag    bool   // the variant takes only the flag: EpollCreate(size) → EpollCreate1(EPOLL_CLOEXEC)
	inheritable int    // for Dup2 and Dup3: the argument that may name 0, 1 or 2, meant to be inherited; -1 if none
	plural      bool   // it creates two descriptors
}

// creators are the descriptor-creating functions of syscall and
// golang.org/x/sys/unix, by name.
var creators = map[string]creator{
	"Pipe":           {flagArg: -1, flag: "O_CLOEXEC", variant: "Pipe2", inheritable: -1, plural: true},
	"Pipe2":          {flagArg: 1, flag: "O_CLOEXEC", inheritable: -1, plural: true},
	"Open":           {flagArg: 1, flag: "O_CLOEXEC", inheritable: -1},
	"Openat":         {flagArg: 2, flag: "O_CLOEXEC", inheritable: -1},
	"OpenByHandleAt": {flagArg: 2, flag: "O_CLOEXEC", inheritable: -1},
	"Creat":          {flagArg: -1, inheritable: -1}, // no fix: Open with O_CREAT|O_WRONLY|O_TRUNC|O_CLOEXEC says it all
	"Socket":         {flagArg: 1, flag: "SOCK_CLOEXEC", inheritable: -1},
	"Socketpair":     {flagArg: 1, flag: "SOCK_CLOEXEC", inheritable: -1, plural: true},
	"Accept":         {flagArg: -1, flag: "SOCK_CLOEXEC", variant: "Accept4", inheritable: -1},
	"Accept4":        {flagArg: 1, flag: "SOCK_CLOEXEC", inheritable: -1},
	"Dup":            {flagArg: -1, inheritable: -1}, // no fix: syscall has no F_DUPFD_CLOEXEC wrapper
	"Dup2":           {flagArg: -1, flag: "O_CLOEXEC", variant: "Dup3", inheritable: 1},
	"Dup3":           {flagArg: 2, flag: "O_CLOEXEC", inheritable: 1},
	"EpollCreate":    {flagArg: -1, flag: "EPOLL_CLOEXEC", variant: "EpollCreate1", onlyFlag: true, inheritable: -1},
	"EpollCreate1":   {flagArg: 0, flag: "EPOLL_CLOEXEC", inheritable: -1},
	"InotifyInit":    {flagArg: -1, flag: "IN_CLOEXEC", variant: "InotifyInit1", onlyFlag: true, inheritable: -1},
	"InotifyInit1":   {flagArg: 0, flag: "IN_CLOEXEC", inheritable: -1},
	"Eventfd":        {flagArg: 1, flag: "EFD_CLOEXEC", inheritable: -1},
	"MemfdCreate":    {flagArg: 1, flag: "MFD_CLOEXEC", inheritable: -1},
}

// A leak is a call that creates descriptors without close-on-exec.
type leak struct {
	call   *ast.CallExpr
	fn     *types.Func
	create creator
}

// findLeaks returns the calls of the package that create descriptors
// without close-on-exec and may leak them into a child (reachesChild). In
// a main package that cannot start a process they leak nowhere, and there
// are none.
func (c *checker) findLeaks() []leak {
	if c.pass.Pkg.Name() == "main" && !c.programMayStart() {
		return nil // no child to leak into
	}
	if isSyscallPackage(c.pass.Pkg.Path()) {
		return nil // the wrappers themselves, as golang.org/x/sys/unix builds Dup2 from Dup3
	}
	// The test variant of a main package leaves the files of the program
	// to the variant without tests: its tests' imports do not make the
	// program start processes.
	mainTests := c.pass.Pkg.Name() == "main" && slices.ContainsFunc(c.pass.Files, func(f *ast.File) bool { return isTestFile(c.pass.Fset, f) })
	var leaks []leak
	for _, file := range c.pass.Files {
		if !importsSyscallPackage(file) || mainTests && !isTestFile(c.pass.Fset, file) {
			continue // no raw descriptors, or judged without the tests
		}
		for _, l := range c.leaksIn(file) {
			if c.reachesChild(file, l) {
				leaks = append(leaks, l)
			}
		}
	}
	return leaks
}

// leaksIn returns the calls under n that create descriptors without
// close-on-exec, leaving out the branch of an if on a constant (such as
// runtime.GOOS == "darwin") that the target platform never takes.
func (c *checker) leaksIn(n ast.Node) []leak {
	var leaks []leak
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			if live, ok := c.takenBranch(n); ok {
				for _, part := range []ast.Node{n.Init, n.Cond, live} {
					if part != nil { // Init and Else may be missing
						leaks = append(leaks, c.leaksIn(part)...)
					}
				}
				return false
			}
		case *ast.CallExpr:
			if l, ok := c.leakOf(n); ok {
				leaks = append(leaks, l)
			}
		}
		return true
	})
	return leaks
}

// takenBranch returns the branch of an if on a constant that runs (nil for
// a missing else), and whether the condition is constant.
func (c *checker) takenBranch(n *ast.IfStmt) (ast.Node, bool) {
	v := c.pass.TypesInfo.Types[n.Cond].Value
	if v == nil || v.Kind() != constant.Bool {
		return nil, false
	}
	if constant.BoolVal(v) {
		return n.Body, true
	}
	return n.Else, true
}

// leakOf reports whether call creates descriptors without close-on-exec.
func (c *checker) leakOf(call *ast.CallExpr) (leak, bool) {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || !isSyscallPackage(fn.Pkg().Path()) || fn.Signature().Recv() != nil {
		return leak{}, false
	}
	cr, ok := creators[fn.Name()]
	if !ok || cr.flagArg >= len(call.Args) || cr.inheritable >= len(call.Args) {
		return leak{}, false // not a creator, or not the signature we know
	}
	if fn.Pkg().Scope().Lookup("CreateProcess") != nil {
		return leak{}, false // windows: a child inherits only the handles its start lists
	}
	if cr.inheritable >= 0 && c.isStdio(call.Args[cr.inheritable]) {
		return leak{}, false // onto 0, 1 or 2: meant to be inherited
	}
	if cr.flagArg >= 0 && !c.lacksFlag(call.Args[cr.flagArg], fn.Pkg(), cr.flag) {
		return leak{}, false
	}
	return leak{call: call, fn: fn, create: cr}, true
}

// isStdio reports whether arg names descriptor 0, 1 or 2: a constant,
// syscall.Stdin, Stdout or Stderr (or golang.org/x/sys/unix's), the Fd of
// os.Stdin, os.Stdout or os.Stderr, converted or not, or a parameter of a
// function of the package that every call passes one of those, as in a
// wrapper of Dup2 for the platform.
func (c *checker) isStdio(arg ast.Expr) bool {
	return c.isStdioDepth(arg, 0)
}

func (c *checker) isStdioDepth(arg ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	if n, ok := intOf(info.Types[arg].Value); ok {
		return n >= 0 && n <= 2
	}
	switch arg := astutil.Unparen(arg).(type) {
	case *ast.CallExpr:
		if len(arg.Args) == 1 && info.Types[arg.Fun].IsType() {
			return c.isStdioDepth(arg.Args[0], depth) // a conversion
		}
		fn := typeutil.StaticCallee(info, arg)
		sel, ok := astutil.Unparen(arg.Fun).(*ast.SelectorExpr)
		return ok && fn != nil && fn.FullName() == "(*os.File).Fd" && isStdioVar(info, sel.X, "os")
	case *ast.Ident:
		if v, ok := info.Uses[arg].(*types.Var); ok && depth < 3 && c.isStdioParam(v, depth) {
			return true
		}
	}
	return isStdioVar(info, arg, "syscall", "golang.org/x/sys/unix")
}

// isStdioVar reports whether e names the variable Stdin, Stdout or Stderr
// of one of the packages.
func isStdioVar(info *types.Info, e ast.Expr, pkgs ...string) bool {
	var id *ast.Ident
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.IsField() || !slices.Contains(pkgs, v.Pkg().Path()) {
		return false
	}
	return v.Name() == "Stdin" || v.Name() == "Stdout" || v.Name() == "Stderr"
}

// isStdioParam reports whether v is a parameter, never assigned, of a
// function of the package that is only ever called, never used as a value,
// and that every call passes descriptor 0, 1 or 2 for v.
func (c *checker) isStdioParam(v *types.Var, depth int) bool {
	fn, index := c.paramOf(v)
	if fn == nil || assigns(c.pass.TypesInfo, c.funcDecls()[fn].Body, v) {
		return false
	}
	sites := c.callSitesOf(fn)
	if len(sites) == 0 || len(sites) != len(c.usesOf(fn)) {
		return false // never called, or also used as a value
	}
	for _, s := range sites {
		call := s.path[0].(*ast.CallExpr)
		if index >= len(call.Args) || !c.isStdioDepth(call.Args[index], depth+1) {
			return false
		}
	}
	return true
}

// paramOf returns the function of the package, not a method, that declares
// v as a parameter, not a variadic one, and its index; nil if v is none.
func (c *checker) paramOf(v *types.Var) (*types.Func, int) {
	for fn, decl := range c.funcDecls() {
		sig := fn.Signature()
		if sig.Recv() != nil || decl.Body == nil {
			continue
		}
		for i := range sig.Params().Len() {
			if sig.Params().At(i) == v && !(sig.Variadic() && i == sig.Params().Len()-1) {
				return fn, i
			}
		}
	}
	return nil, -1
}

// assigns reports whether body assigns v or takes its address.
func assigns(info *types.Info, body ast.Node, v *types.Var) bool {
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

// lacksFlag reports whether arg, a constant, lacks the bits of the constant
// flag of pkg (or pkg has no such flag). The value of a non-constant is
// unknown: it does not lack the flag.
func (c *checker) lacksFlag(arg ast.Expr, pkg *types.Package, flag string) bool {
	v, ok := intOf(c.pass.TypesInfo.Types[arg].Value)
	if !ok {
		return false
	}
	f, ok := intConst(pkg, flag)
	return !ok || v&f == 0
}

// exemptLeaks drops, from the package's leaks, those created under
// syscall.ForkLock and marked close-on-exec before it is released: the
// documented idiom where the platform lacks a close-on-exec flag.
func (c *checker) exemptLeaks(fns []*ssa.Function) {
	if len(c.leaks) == 0 || !c.refs().forkLock {
		return
	}
	byLparen := make(map[token.Pos]int)
	for i, l := range c.leaks {
		byLparen[l.call.Lparen] = i
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue // not a call
				}
				if i, ok := byLparen[call.Common().Pos()]; ok && c.createdUnderForkLock(call) {
					c.leaks[i].call = nil
				}
			}
		}
	}
}

// createdUnderForkLock reports whether call runs while syscall.ForkLock is
// held and is followed by a call of CloseOnExec in its function.
func (c *checker) createdUnderForkLock(call *ssa.Call) bool {
	held := false
	for _, l := range c.witnessesAt(call.Parent(), call).locks {
		held = held || isForkLock(l)
	}
	if !held {
		return false
	}
	for _, b := range call.Parent().Blocks {
		for _, instr := range b.Instrs {
			if coe, ok := instr.(*ssa.Call); ok && isCloseOnExec(coe) && reaches(call, coe) {
				return true
			}
		}
	}
	return false
}

func isCloseOnExec(call *ssa.Call) bool {
	pkg, name, ok := strings.Cut(staticCalleeName(call), ".CloseOnExec")
	return ok && name == "" && isSyscallPackage(pkg)
}

// reportLeaks reports the leaks that remain, with their fixes.
func (c *checker) reportLeaks() {
	for _, l := range c.leaks {
		if l.call == nil {
			continue // exempt
		}
		name := l.fn.Pkg().Name() + "." + l.fn.Name()
		what, them := "a descriptor", "it"
		if l.create.plural {
			what, them = "descriptors", "them"
		}
		without := "close-on-exec"
		if l.create.flagArg >= 0 && l.fn.Pkg().Scope().Lookup(l.create.flag) != nil {
			without = l.create.flag // darwin has no SOCK_CLOEXEC
		}
		fun := astutil.Unparen(l.call.Fun)
		c.diag("cloexec", fun.Pos(), fun.End(), name+" creates "+what+" without "+without+": a process started meanwhile inherits "+them, nil)
		c.diags[len(c.diags)-1].SuggestedFixes = c.cloexecFix(l)
	}
}

// cloexecFix returns the fix that creates the descriptors close-on-exec:
// the flag added, or the close-on-exec variant called. There is none where
// the platform's package lacks the flag or the variant (darwin has no
// Pipe2), or for Dup.
func (c *checker) cloexecFix(l leak) []analysis.SuggestedFix {
	cr, pkg := l.create, l.fn.Pkg()
	if cr.flag == "" || pkg.Scope().Lookup(cr.flag) == nil {
		return nil
	}
	flag := qualifier(l.call) + cr.flag
	if cr.variant == "" {
		return []analysis.SuggestedFix{{
			Message:   "Add " + cr.flag + " to the flags",
			TextEdits: addFlag(l.call.Args[cr.flagArg], flag),
		}}
	}
	if pkg.Scope().Lookup(cr.variant) == nil {
		return nil
	}
	name := calleeIdent(l.call)
	edits := []analysis.TextEdit{{Pos: name.Pos(), End: name.End(), NewText: []byte(cr.variant)}}
	if cr.onlyFlag {
		edits = append(edits, analysis.TextEdit{Pos: l.call.Lparen + 1, End: l.call.Rparen, NewText: []byte(flag)})
	} else {
		edits = append(edits, analysis.TextEdit{Pos: l.call.Rparen, End: l.call.Rparen, NewText: []byte(", " + flag)})
	}
	return []analysis.SuggestedFix{{Message: "Use " + cr.variant + " with " + cr.flag, TextEdits: edits}}
}

// addFlag returns the edits that add flag to the flags expression arg:
// a literal 0 becomes the flag, anything else gets "|flag".
func addFlag(arg ast.Expr, flag string) []analysis.TextEdit {
	if lit, ok := arg.(*ast.BasicLit); ok && lit.Value == "0" {
		return []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(flag)}}
	}
	if bin, ok := arg.(*ast.BinaryExpr); ok && bin.Op.Precedence() < token.OR.Precedence() {
		return []analysis.TextEdit{
			{Pos: arg.Pos(), End: arg.Pos(), NewText: []byte("(")},
			{Pos: arg.End(), End: arg.End(), NewText: []byte(")|" + flag)},
		}
	}
	return []analysis.TextEdit{{Pos: arg.End(), End: arg.End(), NewText: []byte("|" + flag)}}
}

// qualifier returns the "pkg." that call's callee is written with, or "".
func qualifier(call *ast.CallExpr) string {
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			return id.Name + "."
		}
	}
	return ""
}

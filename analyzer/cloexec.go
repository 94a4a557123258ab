package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// A leak is a call that creates descriptors without close-on-exec.
type leak struct {
	call   *ast.CallExpr
	fn     *types.Func // nil for a pending call through a function value
	create std.Creator

	// pending: the syntax cannot tell, the SSA phase decides (resolveLeaks):
	// the flags are not a constant, or the call is through a function value.
	pending  bool
	indirect bool   // called through a function value (pipe := unix.Pipe; pipe(p))
	trap     string // for a system call by number (unix.Syscall(unix.SYS_EVENTFD2, …)): its name

	// flagParam is the parameter of the enclosing function that the flags
	// are, for a pending leak: the SSA phase reads the flags at the calls
	// of that function (wrapperLeaks).
	flagParam *types.Var

	// wrapper is set for a leak at a call of a function of the package that
	// creates the descriptor with the flags it is given: how messages name
	// it ("w.openat"), and created, the creator's call in it.
	wrapper string
	created *ast.CallExpr

	// via is set for a leak at a call of another package's exported
	// wrapper (flagWrapperFact): the creator it passes the flags to.
	via *flagWrapperFact
}

// findLeaks returns the calls of the package that create descriptors
// without close-on-exec and may leak them into a child (reachesChild). In
// a main package that cannot start a process they leak nowhere, and there
// are none.
func (c *checker) findLeaks() []leak {
	if c.pass.Pkg.Name() == "main" && !c.programMayStart() {
		return nil // no child to leak into
	}
	if std.IsSyscallPackage(c.pass.Pkg.Path()) {
		return nil // the wrappers themselves, as golang.org/x/sys/unix builds Dup2 from Dup3
	}
	// The test variant of a main package leaves the files of the program
	// to the variant without tests: its tests' imports do not make the
	// program start processes.
	mainTests := c.pass.Pkg.Name() == "main" && slices.ContainsFunc(c.pass.Files, func(f *ast.File) bool { return code.IsTestFile(c.pass.Fset, f) })
	// A creator used as a value may be called in any file of the package,
	// through a variable (var pipe2 = unix.Pipe2, a seam for tests), by a
	// file that imports no system call package.
	indirect := c.createsThroughValues()
	var leaks []leak
	for _, file := range c.pass.Files {
		if !indirect && !code.ImportsAny(file, std.IsSyscallPackage) && !c.importsFlagWrappers(file) || mainTests && !code.IsTestFile(c.pass.Fset, file) {
			continue // no raw descriptors, or judged without the tests
		}
		for _, l := range c.leaksIn(file, indirect) {
			if c.reachesChild(file, l) {
				leaks = append(leaks, l)
			}
		}
	}
	return leaks
}

// leaksIn returns the calls under n that create descriptors without
// close-on-exec, leaving out the branch of an if on a constant (such as
// runtime.GOOS == "darwin") that the target platform never takes. With
// indirect, every call through a function value may be one.
func (c *checker) leaksIn(n ast.Node, indirect bool) []leak {
	var leaks []leak
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			if taken, ok := c.takenBranch(n); ok {
				for _, part := range []ast.Node{n.Init, n.Cond, taken} {
					if part != nil { // Init and Else may be missing
						leaks = append(leaks, c.leaksIn(part, indirect)...)
					}
				}
				return false
			}
		case *ast.CallExpr:
			if l, ok := c.leakOf(n, indirect); ok {
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

// leakOf reports whether call creates descriptors without close-on-exec,
// or may (a pending leak). With indirect, a call through a function value
// may call a creator.
func (c *checker) leakOf(call *ast.CallExpr, indirect bool) (leak, bool) {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		_, isFunc := c.pass.TypesInfo.TypeOf(call.Fun).Underlying().(*types.Signature)
		return leak{call: call, pending: true, indirect: true}, indirect && isFunc
	}
	if fn.Pkg() == nil || std.IsSyscallPackage(fn.Pkg().Path()) {
		return c.leakOfCallee(call, fn)
	}
	if f := c.importedFlagWrapper(fn); f != nil && fn.Signature().Recv() == nil {
		return c.leakOfFlagWrapper(call, fn, f)
	}
	return c.leakOfCallee(call, fn)
}

// leakOfCallee reports whether call, a call of fn, creates descriptors
// without close-on-exec, or may: flags that are not a constant but are
// built from local variables are left pending for the SSA phase.
func (c *checker) leakOfCallee(call *ast.CallExpr, fn *types.Func) (leak, bool) {
	if fn.Pkg() == nil || !std.IsSyscallPackage(fn.Pkg().Path()) || fn.Signature().Recv() != nil {
		return leak{}, false
	}
	cr, trap, ok := c.creatorOf(call, fn)
	if !ok || cr.FlagArg >= len(call.Args) || cr.Inheritable >= len(call.Args) {
		return leak{}, false // not a creator, or not the signature we know
	}
	if sp := syscallPackage(fn.Pkg()); sp != nil && !startsProcesses(sp) {
		return leak{}, false // js/wasm, wasip1: no process to leak into
	}
	if fn.Pkg().Scope().Lookup("CreateProcess") != nil {
		return leak{}, false // windows: a child inherits only the handles its start lists
	}
	if cr.Inheritable >= 0 && c.isStdio(call.Args[cr.Inheritable]) {
		return leak{}, false // onto 0, 1 or 2: meant to be inherited
	}
	if cr.Inheritable >= 0 && c.isExportedParam(call, call.Args[cr.Inheritable]) {
		return leak{}, false // the importer picks the target: standard error, in practice
	}
	if cr.When != nil && !c.argIs(call, fn.Pkg(), *cr.When) {
		return leak{}, false // creates no descriptor, or not known to
	}
	if cr.FlagArg >= 0 && !isFlagParam(fn.Signature(), cr) {
		return leak{}, false // not the signature we know
	}
	if cr.Oob > 0 && (fn.Pkg().Scope().Lookup(cr.Flag) == nil || !c.parsesRights(call, call.Args[cr.Oob])) {
		return leak{}, false // no flag to ask with (darwin), or no descriptors received
	}
	l := leak{call: call, fn: fn, create: cr, trap: trap}
	if cr.FlagArg < 0 {
		return l, true
	}
	if cr.Field != "" {
		l.pending = true
		return l, true // the flags are stored in a struct: the SSA phase reads them
	}
	arg := call.Args[cr.FlagArg]
	if v, ok := code.IntOf(c.pass.TypesInfo.Types[arg].Value); ok {
		return l, l.lacksFlag(v)
	}
	l.pending = true
	if l.flagParam = c.paramNamed(arg); l.flagParam != nil {
		return l, c.isWrapperParam(l.flagParam) // the flags of a wrapper's callers: wrapperLeaks
	}
	return l, c.mentionsOwn(arg) // of another package: unknown, not judged
}

// isWrapperParam reports whether p is a parameter of a function declared
// in the package, whose calls in the package pass it (wrapperLeaks); an
// exported function's importers' calls are judged by fact
// (flagWrapperFact).
func (c *checker) isWrapperParam(p *types.Var) bool {
	for _, decl := range c.funcDecls() {
		if decl.Type.Pos() <= p.Pos() && p.Pos() < decl.Type.End() {
			return true
		}
	}
	return false // a literal's
}

// paramNamed returns the parameter that e names, converted or not, or nil.
func (c *checker) paramNamed(e ast.Expr) *types.Var {
	e = astutil.Unparen(e)
	if conv, ok := e.(*ast.CallExpr); ok && len(conv.Args) == 1 && c.pass.TypesInfo.Types[conv.Fun].IsType() {
		e = astutil.Unparen(conv.Args[0])
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.ParamVar {
		return nil
	}
	return v
}

// creatorOf returns the creator that call, a call of fn, calls: a function
// of the table, or a system call by its constant number (SYS_EVENTFD2),
// whose arguments are shifted by the number's; and the system call's name.
func (c *checker) creatorOf(call *ast.CallExpr, fn *types.Func) (std.Creator, string, bool) {
	if cr, ok := std.Creators[fn.Name()]; ok {
		return cr, "", true
	}
	if !isTrapFunc(fn) || len(call.Args) == 0 {
		return std.Creator{}, "", false
	}
	n, ok := code.IntOf(c.pass.TypesInfo.Types[call.Args[0]].Value)
	name := c.trapTable(fn.Pkg()).creators[n]
	if !ok || name == "" {
		return std.Creator{}, "", false // not a constant, or creates no descriptor
	}
	cr := std.RawCreators[name]
	for _, i := range []*int{&cr.FlagArg, &cr.Inheritable} {
		if *i >= 0 {
			*i++ // after the number
		}
	}
	if cr.When != nil {
		cr.When = &std.ArgIs{Arg: cr.When.Arg + 1, Const: cr.When.Const, Value: cr.When.Value}
	}
	return cr, name, true
}

// parsesRights reports whether the function around call parses the
// control messages that call receives into oob (ParseSocketControlMessage
// of a slice of the same variable) and reads descriptors from them
// (ParseUnixRights): the kernel installed them on receipt.
func (c *checker) parsesRights(call *ast.CallExpr, oob ast.Expr) bool {
	v := bufferVar(c.pass.TypesInfo, oob)
	body := c.enclosingBody(call)
	if v == nil || body == nil {
		return false
	}
	parsed, rights := false, false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
		if fn == nil || fn.Pkg() == nil || !std.IsSyscallPackage(fn.Pkg().Path()) {
			return true
		}
		rights = rights || fn.Name() == std.RightsParser
		parsed = parsed || std.ControlParsers[fn.Name()] && len(call.Args) == 1 && bufferVar(c.pass.TypesInfo, call.Args[0]) == v
		return true
	})
	return parsed && rights
}

// bufferVar returns the variable that e, a buffer, slices or names (oob,
// oob[:oobn], b.oob), or nil.
func bufferVar(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := astutil.Unparen(e).(type) {
		case *ast.SliceExpr:
			e = x.X
		case *ast.Ident:
			return info.Uses[x]
		case *ast.SelectorExpr:
			return info.Uses[x.Sel]
		default:
			return nil
		}
	}
}

// enclosingBody returns the body of the innermost function around n.
func (c *checker) enclosingBody(n ast.Node) *ast.BlockStmt {
	file := c.fileOf(n.Pos())
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, n.Pos(), n.End())
	for _, p := range path {
		if code.IsFunc(p) {
			return code.FuncBody(p)
		}
	}
	return nil
}

// argIs reports whether the argument of call that cond names is its
// constant, a constant of pkg or a value.
func (c *checker) argIs(call *ast.CallExpr, pkg *types.Package, cond std.ArgIs) bool {
	if cond.Arg >= len(call.Args) {
		return false
	}
	v, ok := code.IntOf(c.pass.TypesInfo.Types[call.Args[cond.Arg]].Value)
	want := cond.Value
	if cond.Const != "" {
		k, found := code.IntConst(pkg, cond.Const)
		ok, want = ok && found, k
	}
	return ok && v == want
}

// isFlagParam reports whether sig takes the flags of cr where cr says: a
// parameter of an integer type, or a pointer to a struct whose field
// cr.Field has one (Openat2's *OpenHow).
func isFlagParam(sig *types.Signature, cr std.Creator) bool {
	if cr.FlagArg >= sig.Params().Len() {
		return false
	}
	t := sig.Params().At(cr.FlagArg).Type()
	if cr.Field != "" {
		ptr, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		st, ok := ptr.Elem().Underlying().(*types.Struct)
		if !ok {
			return false
		}
		t = nil
		for f := range st.Fields() {
			if f.Name() == cr.Field {
				t = f.Type()
			}
		}
		if t == nil {
			return false
		}
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// lacksFlag reports whether the flags v lack the bits of l's flag in the
// package of its callee; where the package has no such flag, whether the
// wrapper cannot take it (darwin's Socket has no SOCK_CLOEXEC) or, for a
// system call by number, whose flag the package may merely not name
// (syscall has no EFD_CLOEXEC), whether v is 0.
func (l leak) lacksFlag(v int64) bool {
	if l.via != nil {
		return v&l.via.Bits == 0
	}
	f, ok := code.IntConst(l.fn.Pkg(), l.create.Flag)
	if !ok {
		return l.trap == "" || v == 0
	}
	return v&f == 0
}

// mentionsOwn reports whether e refers to a variable, a field or a
// function of the package, whose values the SSA phase may resolve
// (flagValueSet).
func (c *checker) mentionsOwn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			switch obj := c.pass.TypesInfo.Uses[id].(type) {
			case *types.Var, *types.Func:
				found = found || obj.Pkg() == c.pass.Pkg
			}
		}
		return !found
	})
	return found
}

// createsThroughValues reports whether the package uses a descriptor
// creator of syscall or golang.org/x/sys/unix as a value (pipe :=
// unix.Pipe) rather than calling it: its calls through function values may
// create descriptors.
func (c *checker) createsThroughValues() bool {
	called := make(map[ast.Expr]bool)
	found := false
	visit := func(n ast.Node) bool {
		var id *ast.Ident
		switch n := n.(type) {
		case *ast.CallExpr:
			called[astutil.Unparen(n.Fun)] = true
		case *ast.SelectorExpr:
			if called[n] {
				return false // a call
			}
			id = n.Sel
		case *ast.Ident:
			if !called[n] {
				id = n
			}
		}
		if fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func); ok && fn.Pkg() != nil && std.IsSyscallPackage(fn.Pkg().Path()) {
			_, creates := std.Creators[fn.Name()]
			found = found || creates
		}
		return !found
	}
	for _, file := range c.pass.Files {
		if !found && code.ImportsAny(file, std.IsSyscallPackage) {
			ast.Inspect(file, visit)
		}
	}
	return found
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
	if n, ok := code.IntOf(info.Types[arg].Value); ok {
		return n >= 0 && n <= 2
	}
	switch arg := astutil.Unparen(arg).(type) {
	case *ast.CallExpr:
		if len(arg.Args) == 1 && info.Types[arg.Fun].IsType() {
			return c.isStdioDepth(arg.Args[0], depth) // a conversion
		}
		fn := typeutil.StaticCallee(info, arg)
		sel, ok := astutil.Unparen(arg.Fun).(*ast.SelectorExpr)
		return ok && c.stdName(fn) == "(*os.File).Fd" && isStdioVar(info, sel.X, "os")
	case *ast.Ident:
		if v, ok := info.Uses[arg].(*types.Var); ok && depth < 3 && c.isStdioParam(v, depth) {
			return true
		}
	}
	return isStdioVar(info, arg, "syscall", "golang.org/x/sys/unix")
}

// isExportedParam reports whether arg, converted or not, names a
// parameter, never assigned, of the exported function or method around
// call, in a package that others may import: the importer picks the
// descriptor, as a library's RedirectStderr(f, fd) lets it.
func (c *checker) isExportedParam(call *ast.CallExpr, arg ast.Expr) bool {
	for {
		conv, ok := astutil.Unparen(arg).(*ast.CallExpr)
		if !ok || len(conv.Args) != 1 || !c.pass.TypesInfo.Types[conv.Fun].IsType() {
			break
		}
		arg = conv.Args[0]
	}
	v, ok := code.IdentObject(c.pass.TypesInfo, astutil.Unparen(arg)).(*types.Var)
	if !ok || c.pass.Pkg.Name() == "main" {
		return false
	}
	file := c.fileOf(call.Pos())
	if file == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	decl, _ := path[len(path)-2].(*ast.FuncDecl) // path ends with the file and its declaration
	if decl == nil || decl.Body == nil || !decl.Name.IsExported() || code.Assigns(c.pass.TypesInfo, decl.Body, v) {
		return false
	}
	fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return false
	}
	sig := fn.Signature()
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return recvExported(sig)
		}
	}
	return false
}

// recvExported reports whether sig has no receiver or one of an exported
// type: a method that importers can call.
func recvExported(sig *types.Signature) bool {
	if sig.Recv() == nil {
		return true
	}
	t := types.Unalias(sig.Recv().Type())
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, ok := t.(*types.Named)
	return ok && named.Obj().Exported()
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
	if fn == nil || code.Assigns(c.pass.TypesInfo, c.funcDecls()[fn].Body, v) {
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

// needsSSA reports whether cloexec needs the SSA phase: a leak is
// pending, or may be exempt by the ForkLock idiom.
func (c *checker) cloexecNeedsSSA() bool {
	return slices.ContainsFunc(c.leaks, func(l leak) bool { return l.pending }) || len(c.leaks) > 0 && c.refs().forkLock
}

// resolveLeaks decides the pending leaks from the SSA form, then drops the
// exempt ones.
func (s *ssaPass) resolveLeaks() {
	pending := make(map[token.Pos]int)
	for i, l := range s.leaks {
		if l.pending {
			pending[l.call.Lparen] = i
		}
	}
	var wrapped []leak // at the calls of wrappers (wrapperLeaks)
	for _, fn := range s.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || !s.mayRun(b) {
					continue // not a call, or never run
				}
				if i, ok := pending[call.Common().Pos()]; ok {
					s.leaks[i] = s.resolveLeak(s.leaks[i], call)
					if l := s.leaks[i]; l.pending && l.flagParam != nil {
						wrapped = append(wrapped, s.wrapperLeaks(l, call)...)
					}
				}
			}
		}
	}
	s.leaks = append(s.leaks, firstPerCall(wrapped)...)
	for i := range s.leaks {
		if s.leaks[i].pending {
			s.leaks[i].call = nil // not decided: not a finding
		}
	}
	s.exemptLeaks()
}

// firstPerCall returns leaks, at the calls of wrappers, with one leak per
// call: a wrapper with several creators (containers/storage's
// openFileUnderRoot, whose fallback calls unix.Openat in two places) is
// one finding at each call, related to its first creator in the source.
func firstPerCall(leaks []leak) []leak {
	first := make(map[token.Pos]int) // by the call's left parenthesis, an index in kept
	var kept []leak
	for _, l := range leaks {
		i, seen := first[l.call.Lparen]
		switch {
		case !seen:
			first[l.call.Lparen] = len(kept)
			kept = append(kept, l)
		case l.created.Pos() < kept[i].created.Pos():
			kept[i] = l
		}
	}
	return kept
}

// wrapperLeaks returns the leaks at the calls of the function that holds
// l, a pending leak whose flags are its parameter flagParam, as call, its
// SSA form, passes it (not reassigned: flags |= unix.O_CLOEXEC first is
// no leak), whose argument lacks the flag on every path: a wrapper of a
// creator (func openat(dir int, name string, flags int) (int, error))
// called with flags that lack O_CLOEXEC. An exported function's calls in
// other packages are judged there (flagWrapperFact).
func (s *ssaPass) wrapperLeaks(l leak, call *ssa.Call) []leak {
	param := paramBehind(call.Call.Args[l.create.FlagArg])
	if param == nil || param.Object() != l.flagParam {
		return nil // the flags are computed from the parameter
	}
	if s.refs().forkLock && s.forkLockHeldAt(call) {
		return nil // the ForkLock idiom, where the flag is missing (mdlayher/socket's fallback)
	}
	return s.wrapperCallLeaks(l, param, 0)
}

// paramBehind returns the parameter that v is, converted or not, or that
// v loads in a function literal that captures it, never assigned (runc's
// linux.Open calls unix.Open in a literal passed to a retry loop); nil if
// v is neither.
func paramBehind(v ssa.Value) *ssa.Parameter {
	v = code.Unconvert(v)
	if p, ok := v.(*ssa.Parameter); ok {
		return p
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fv, ok := load.X.(*ssa.FreeVar)
	if !ok {
		return nil
	}
	bound := code.Bindings(fv)
	if len(bound) == 0 {
		return nil
	}
	alloc, ok := bound[0].(*ssa.Alloc)
	if !ok {
		return nil
	}
	var param *ssa.Parameter
	for _, r := range *alloc.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			p, isParam := st.Val.(*ssa.Parameter)
			if !isParam || param != nil {
				return nil // assigned, or more than once
			}
			param = p
		}
	}
	return param
}

// wrapperCallLeaks returns the leaks at the calls in the package of the
// function whose parameter param holds l's flags: at each call that
// passes flags lacking the flag on
// every path, or, where a call passes on its own caller's parameter
// unchanged (openFile(p) calls openat(dir, p, flags)), at the calls of
// that caller, up a chain of such wrappers.
func (s *ssaPass) wrapperCallLeaks(l leak, param *ssa.Parameter, depth int) []leak {
	fn := param.Parent()
	obj, ok := fn.Object().(*types.Func)
	if !ok || depth > maxFlagDepth {
		return nil // a literal, or too far
	}
	i := slices.Index(fn.Params, param)
	var leaks []leak
	for _, site := range s.callers[fn] {
		call, ok := site.(*ssa.Call)
		if !ok || call.Call.StaticCallee() == nil || code.SourceOf(call.Call.StaticCallee()) != fn || i < 0 || i >= len(call.Call.Args) {
			continue // a go or defer statement, or through a value
		}
		arg := call.Call.Args[i]
		if outer := paramBehind(arg); outer != nil && outer.Parent() != fn {
			leaks = append(leaks, s.wrapperCallLeaks(l, outer, depth+1)...)
			continue // judged at the calls of the outer wrapper
		}
		vals, ok := s.flagValueSet(arg)
		if !ok || slices.ContainsFunc(vals, func(v int64) bool { return !l.lacksFlag(v) }) {
			continue // some path sets the flag, or not known
		}
		expr := s.callAt(call.Pos())
		file := s.fileOf(call.Pos())
		if expr == nil || file == nil {
			continue
		}
		wl := leak{call: expr, fn: l.fn, create: l.create, trap: l.trap, wrapper: code.QualifiedName(obj), created: l.call, via: l.via}
		if s.reachesChild(file, wl) {
			leaks = append(leaks, wl)
		}
	}
	return leaks
}

// resolveLeak decides l, a pending leak, from call, its SSA form: the
// creator that a function value holds, and the flags that a local variable
// holds on every path (code.IntValueSet). A leak whose flags some path
// sets, or whose values are not all known, stays pending.
func (s *ssaPass) resolveLeak(l leak, call *ssa.Call) leak {
	if l.fn == nil {
		fn := creatorCallee(call)
		if fn == nil {
			return l
		}
		nl, ok := s.leakOfCallee(l.call, fn)
		if !ok {
			return l
		}
		nl.indirect = true
		if l = nl; !l.pending {
			return l
		}
	}
	if l.flagParam != nil {
		return l // a wrapper's parameter: judged at its calls (wrapperLeaks)
	}
	vals, ok := s.flagValues(call.Call.Args[l.create.FlagArg], l.create.Field)
	if !ok || slices.ContainsFunc(vals, func(v int64) bool { return !l.lacksFlag(v) }) {
		return l
	}
	l.pending = false
	return l
}

// flagValues returns the values that the flags arg may hold on every path
// (flagValueSet); with field, arg points to a struct that holds them in
// that field.
func (s *ssaPass) flagValues(arg ssa.Value, field string) ([]int64, bool) {
	if field == "" {
		return s.flagValueSet(arg)
	}
	v, ok := storedField(arg, field)
	if !ok {
		return nil, false
	}
	if v == nil {
		return []int64{0}, true // never stored: zero
	}
	return s.flagValueSet(v)
}

// storedField returns the one value that the function stores in field of
// ptr, a struct it allocates (&OpenHow{Flags: f}, or how := OpenHow{…}
// then &how, which copies a composite literal), nil if it stores none; ok
// is false where the struct may hold anything else: stored more than
// once, copied from elsewhere, or used more than once (handed to another
// call, read).
func storedField(ptr ssa.Value, field string) (v ssa.Value, ok bool) {
	alloc, isAlloc := ptr.(*ssa.Alloc)
	if !isAlloc {
		return nil, false // a parameter, a global: not ours to read
	}
	var from ssa.Value // the struct copied whole into alloc
	uses := 0
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			if code.FieldName(r) != field {
				continue // another field
			}
			for _, rr := range *r.Referrers() {
				st, isStore := rr.(*ssa.Store)
				if !isStore || st.Addr != r || v != nil {
					return nil, false // read, or stored twice (how.Flags |= …)
				}
				v = st.Val
			}
		case *ssa.Store:
			load, isLoad := r.Val.(*ssa.UnOp)
			if r.Addr != alloc || !isLoad || load.Op != token.MUL || from != nil {
				return nil, false // stored elsewhere, or not one copy
			}
			from = load.X
		case *ssa.DebugRef:
		default:
			if uses++; uses > 1 {
				return nil, false // its call, and something else
			}
		}
	}
	if from != nil {
		if v != nil {
			return nil, false // copied, and stored into: the order matters
		}
		return storedField(from, field)
	}
	return v, true
}

// creatorCallee returns the descriptor creator of syscall or
// golang.org/x/sys/unix that call may call through a function value, or
// nil.
func creatorCallee(call *ssa.Call) *types.Func {
	for _, callee := range code.Callees(call.Common()) {
		obj, ok := callee.Object().(*types.Func)
		if !ok || obj.Pkg() == nil || !std.IsSyscallPackage(obj.Pkg().Path()) {
			continue
		}
		if _, ok := std.Creators[obj.Name()]; ok {
			return obj
		}
	}
	return nil
}

// exemptLeaks drops, from the package's leaks, those created under
// syscall.ForkLock and marked close-on-exec before it is released: the
// documented idiom where the platform lacks a close-on-exec flag.
func (s *ssaPass) exemptLeaks() {
	if len(s.leaks) == 0 || !s.refs().forkLock {
		return
	}
	byLparen := make(map[token.Pos]int)
	for i, l := range s.leaks {
		if l.call != nil {
			byLparen[l.call.Lparen] = i
		}
	}
	for _, fn := range s.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue // not a call
				}
				if i, ok := byLparen[call.Common().Pos()]; ok && s.createdUnderForkLock(call) {
					s.leaks[i].call = nil
				}
			}
		}
	}
}

// createdUnderForkLock reports whether call runs while syscall.ForkLock is
// held and is followed, in its function and while ForkLock is still held,
// by a call of CloseOnExec of a descriptor it created.
func (s *ssaPass) createdUnderForkLock(call *ssa.Call) bool {
	if !s.forkLockHeldAt(call) {
		return false
	}
	created := createdDescriptors(call)
	pair := createsPair(call)
	marked := make(map[int64]bool) // the elements of a pair marked
	for _, b := range call.Parent().Blocks {
		for _, instr := range b.Instrs {
			coe, ok := instr.(*ssa.Call)
			if !ok || !code.Reaches(call, coe) {
				continue // not a call after call
			}
			fd := s.markedCloseOnExec(coe)
			if fd == nil || !slices.ContainsFunc(descriptorRoots(fd), func(v ssa.Value) bool { return created[v] }) || !s.forkLockHeldAt(coe) {
				continue // no mark, another descriptor, or after the unlock
			}
			i, ok := elementIndex(fd)
			if !pair || !ok {
				return true // the descriptor, or every element (a loop)
			}
			marked[i] = true
		}
	}
	return marked[0] && marked[1]
}

// createsPair reports whether call creates two descriptors, in the slice
// or array it is given (Pipe's p) or in the array it returns
// (Socketpair's fds): the ForkLock idiom must mark both.
func createsPair(call *ssa.Call) bool {
	for _, arg := range call.Call.Args {
		if _, ok := arg.Type().Underlying().(*types.Slice); ok {
			return true
		}
	}
	results := call.Call.Signature().Results()
	for i := range results.Len() {
		if _, ok := results.At(i).Type().Underlying().(*types.Array); ok {
			return true
		}
	}
	return false
}

// elementIndex returns the constant index of the element that v, a
// descriptor, is loaded from (fds[1]); false if v is not an element or
// its index is not constant (a range over the pair).
func elementIndex(v ssa.Value) (int64, bool) {
	for {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return 0, false
			}
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.IndexAddr:
			return constIndex(x.Index)
		case *ssa.Index:
			return constIndex(x.Index)
		default:
			return 0, false
		}
	}
}

func constIndex(v ssa.Value) (int64, bool) {
	k, ok := v.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	return k.Int64(), true
}

// forkLockHeldAt reports whether syscall.ForkLock may be held at instr.
func (s *ssaPass) forkLockHeldAt(instr ssa.Instruction) bool {
	return slices.ContainsFunc(s.witnessesAt(instr.Parent(), instr).locks, isForkLock)
}

// createdDescriptors returns the values that hold the descriptors call
// creates, as descriptorRoots names them: the call (its results), the
// memory its arguments point to (Pipe's p), and the variables and fields
// its results are stored in (s.fd, err = Open(…)).
func createdDescriptors(call *ssa.Call) map[ssa.Value]bool {
	created := map[ssa.Value]bool{call: true}
	for _, arg := range call.Call.Args {
		if _, ok := arg.Type().Underlying().(*types.Slice); ok {
			for _, r := range descriptorRoots(arg) {
				created[r] = true
			}
		}
	}
	for _, b := range call.Parent().Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if ok && slices.Contains(descriptorRoots(st.Val), ssa.Value(call)) {
				for _, r := range descriptorRoots(st.Addr) {
					created[r] = true
				}
			}
		}
	}
	return created
}

// descriptorRoots returns the values that v, a descriptor or where one is,
// is taken from: through loads, elements, slices, fields, conversions,
// extractions and φ-nodes, down to allocations, calls and parameters.
func descriptorRoots(v ssa.Value) []ssa.Value {
	var roots []ssa.Value
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL {
				walk(x.X)
				return
			}
		case *ssa.IndexAddr:
			walk(x.X)
			return
		case *ssa.Index:
			walk(x.X)
			return
		case *ssa.Slice:
			walk(x.X)
			return
		case *ssa.FieldAddr:
			walk(x.X)
			return
		case *ssa.Field:
			walk(x.X)
			return
		case *ssa.Convert:
			walk(x.X)
			return
		case *ssa.ChangeType:
			walk(x.X)
			return
		case *ssa.Extract:
			walk(x.Tuple)
			return
		case *ssa.Phi:
			for _, e := range x.Edges {
				walk(e)
			}
			return
		}
		roots = append(roots, v)
	}
	walk(v)
	return roots
}

func isCloseOnExec(call *ssa.Call) bool {
	pkg, name, ok := strings.Cut(code.StaticCalleeName(call), ".CloseOnExec")
	return ok && name == "" && std.IsSyscallPackage(pkg)
}

// markedCloseOnExec returns the descriptor that call marks close-on-exec,
// or nil: CloseOnExec(fd) of a system call package; fcntl(fd, F_SETFD,
// FD_CLOEXEC), by golang.org/x/sys/unix's FcntlInt or a system call by
// number (syscall's forkpipe.go does so); or a function of the package that
// marks its parameter so (setCloexec(fd)).
func (s *ssaPass) markedCloseOnExec(call *ssa.Call) ssa.Value {
	args := call.Call.Args
	if isCloseOnExec(call) && len(args) == 1 {
		return args[0]
	}
	callee := call.Call.StaticCallee()
	if callee == nil {
		return nil
	}
	if obj, ok := callee.Object().(*types.Func); ok && obj.Pkg() != nil && std.IsSyscallPackage(obj.Pkg().Path()) {
		switch {
		case obj.Name() == "FcntlInt" && len(args) == 3 && isSetCloseOnExec(obj.Pkg(), args[1], args[2]):
			return args[0]
		case isTrapFunc(obj) && len(args) >= 4 && isConstNamed(obj.Pkg(), args[0], "SYS_FCNTL") && isSetCloseOnExec(obj.Pkg(), args[2], args[3]):
			return args[1]
		}
		return nil
	}
	if callee.Pkg == s.pkg && len(callee.Params) == len(args) {
		for i, p := range callee.Params {
			if s.marksParam(callee, p) {
				return args[i]
			}
		}
	}
	return nil
}

// marksParam reports whether fn, a function of the package, marks its
// parameter p close-on-exec itself (not through another helper).
func (s *ssaPass) marksParam(fn *ssa.Function, p *ssa.Parameter) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && call.Call.StaticCallee() != nil && call.Call.StaticCallee().Pkg != s.pkg {
				if fd := s.markedCloseOnExec(call); fd != nil && slices.Contains(descriptorRoots(fd), ssa.Value(p)) {
					return true
				}
			}
		}
	}
	return false
}

// isSetCloseOnExec reports whether cmd and arg, arguments of fcntl(2),
// are F_SETFD and a value with FD_CLOEXEC set, as pkg names them.
func isSetCloseOnExec(pkg *types.Package, cmd, arg ssa.Value) bool {
	flag, ok := code.IntConst(pkg, "FD_CLOEXEC")
	if !ok || !isConstNamed(pkg, cmd, "F_SETFD") {
		return false
	}
	if or, ok := arg.(*ssa.BinOp); ok && or.Op == token.OR {
		return hasFlag(or.X, flag) || hasFlag(or.Y, flag) // flags|FD_CLOEXEC: read, modified, written
	}
	return hasFlag(arg, flag)
}

// hasFlag reports whether v holds constants only, each with flag set.
func hasFlag(v ssa.Value, flag int64) bool {
	vals, ok := code.IntValues(v)
	return ok && len(vals) > 0 && !slices.ContainsFunc(vals, func(n int64) bool { return n&flag == 0 })
}

// isConstNamed reports whether v holds the constant of pkg named name, and
// nothing else.
func isConstNamed(pkg *types.Package, v ssa.Value, name string) bool {
	want, ok := code.IntConst(pkg, name)
	vals, known := code.IntValues(v)
	return ok && known && len(vals) > 0 && !slices.ContainsFunc(vals, func(n int64) bool { return n != want })
}

// reportLeaks reports the leaks that remain, with their fixes.
func (c *checker) reportLeaks() {
	for _, l := range c.leaks {
		if l.call == nil {
			continue // exempt, or not decided
		}
		name := l.fn.Pkg().Name() + "." + l.fn.Name()
		if l.trap != "" {
			name += " of " + l.trap
		}
		created := name
		if l.wrapper != "" {
			name = "call of " + l.wrapper
		}
		what, them := "a descriptor", "it"
		if l.create.Plural {
			what, them = "descriptors", "them"
		}
		verb := " creates "
		if l.create.Oob > 0 {
			verb = " receives "
		}
		without := "close-on-exec"
		if l.create.FlagArg >= 0 && l.fn.Pkg().Scope().Lookup(l.create.Flag) != nil || l.via != nil {
			without = l.create.Flag // darwin has no SOCK_CLOEXEC
		}
		var rel []related
		if start := c.firstProcessStart(c.inTestFile(l.call.Pos())); start != nil {
			rel = append(rel, related{pos: start.pos, message: "a process that may inherit " + them + " starts here (" + start.what + ")"})
		}
		if l.created != nil {
			fun := astutil.Unparen(l.created.Fun)
			rel = append(rel, related{pos: fun.Pos(), end: fun.End(), message: created + " creates " + them + " here, with the flags given"})
		}
		if l.via != nil {
			if pos := c.factPos(l.via.Pos); pos.IsValid() {
				rel = append(rel, related{pos: pos, message: l.via.Creator + " creates " + them + " here, with the flags given"})
			}
		}
		c.sortByPosition(rel)
		fun := astutil.Unparen(l.call.Fun)
		c.diag("cloexec", fun.Pos(), fun.End(), name+verb+what+" without "+without+": a process started meanwhile inherits "+them, rel, c.cloexecFix(l)...)
	}
}

// firstProcessStart returns the first process start of the package, by
// position, in a function or what it calls in the package; nil if the
// package starts none itself (its processes start in other packages).
// Unless inTests, the functions of _test.go files are left out, so that a
// package and its test variant name the same start.
func (c *checker) firstProcessStart(inTests bool) *bodyMatch {
	return c.startSummary().first(inTests, func(*ast.FuncDecl) bool { return true })
}

// inTestFile reports whether pos lies in a _test.go file of the package.
func (c *checker) inTestFile(pos token.Pos) bool {
	file := c.fileOf(pos)
	return file != nil && code.IsTestFile(c.pass.Fset, file)
}

// cloexecFix returns the fix that creates the descriptors close-on-exec:
// the flag added, or the close-on-exec variant called. There is none where
// the platform's package lacks the flag or the variant (darwin has no
// Pipe2), or for Dup.
func (c *checker) cloexecFix(l leak) []analysis.SuggestedFix {
	cr, pkg := l.create, l.fn.Pkg()
	if l.wrapper != "" {
		return nil // the flags are the wrapper's argument, which may serve more than the creator
	}
	if l.indirect {
		return nil // the call names a variable: the variant, or the package of the flag, is not for us to name
	}
	if c.handedToChild(l) {
		return nil // close-on-exec would close it in the child meant to have it
	}
	if cr.Fcntl != "" && l.trap == "" {
		return c.fcntlFix(l)
	}
	if cr.Instead != "" && pkg.Scope().Lookup(cr.Instead) != nil {
		arg := l.call.Args[cr.When.Arg]
		return []analysis.SuggestedFix{{
			Message:   "Use " + cr.Instead,
			TextEdits: []analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(code.Qualifier(l.call) + cr.Instead)}},
		}}
	}
	if cr.Flag == "" || pkg.Scope().Lookup(cr.Flag) == nil {
		return nil
	}
	flag := code.Qualifier(l.call) + cr.Flag
	if cr.Field != "" {
		return fieldFix(l.call.Args[cr.FlagArg], cr, flag)
	}
	if cr.Variant == "" {
		return []analysis.SuggestedFix{{
			Message:   "Add " + cr.Flag + " to the flags",
			TextEdits: addFlag(l.call.Args[cr.FlagArg], flag),
		}}
	}
	if pkg.Scope().Lookup(cr.Variant) == nil {
		return nil
	}
	name := code.CalleeIdent(l.call)
	edits := []analysis.TextEdit{{Pos: name.Pos(), End: name.End(), NewText: []byte(cr.Variant)}}
	if cr.OnlyFlag {
		edits = append(edits, analysis.TextEdit{Pos: l.call.Lparen + 1, End: l.call.Rparen, NewText: []byte(flag)})
	} else {
		edits = append(edits, analysis.TextEdit{Pos: l.call.Rparen, End: l.call.Rparen, NewText: []byte(", " + flag)})
	}
	return []analysis.SuggestedFix{{Message: "Use " + cr.Variant + " with " + cr.Flag, TextEdits: edits}}
}

// handedToChild reports whether l's descriptor is meant for a child that
// is told its number: Dup2 or Dup3 onto a constant number, or, in the
// function that creates it, the variable that holds it formatted as text
// (strconv.Itoa(fds[1]) among a command's arguments). A descriptor passed
// in exec.Cmd's ExtraFiles or a ProcAttr's Files is not: the start dups it
// onto the child's number, which is not close-on-exec, so the fix is safe.
func (c *checker) handedToChild(l leak) bool {
	if i := l.create.Inheritable; i >= 0 {
		if _, ok := code.IntOf(c.pass.TypesInfo.Types[l.call.Args[i]].Value); ok {
			return true // onto a number fixed in advance
		}
	}
	vars := c.descriptorVars(l)
	body := c.enclosingBody(l.call)
	if len(vars) == 0 || body == nil {
		return false
	}
	told := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
			told = fn != nil && std.NumberFormatters[fn.FullName()] &&
				slices.ContainsFunc(call.Args, func(e ast.Expr) bool { return c.mentionsAny(e, vars) })
		}
		return !told
	})
	return told
}

// descriptorVars returns the variables that hold l's descriptors: the one
// its result is assigned to, and the slice or array it fills (Pipe's p).
func (c *checker) descriptorVars(l leak) []types.Object {
	var vars []types.Object
	if file := c.fileOf(l.call.Pos()); file != nil {
		path, _ := astutil.PathEnclosingInterval(file, l.call.Pos(), l.call.End())
		if v := c.resultVar(path); v != nil {
			vars = append(vars, v)
		}
	}
	for _, arg := range l.call.Args {
		if _, ok := c.pass.TypesInfo.TypeOf(arg).Underlying().(*types.Slice); ok {
			if v := bufferVar(c.pass.TypesInfo, arg); v != nil {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// mentionsAny reports whether e refers to one of vars.
func (c *checker) mentionsAny(e ast.Expr, vars []types.Object) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			found = found || slices.Contains(vars, c.pass.TypesInfo.Uses[id])
		}
		return !found
	})
	return found
}

// fcntlFix returns the fix that makes l, a Dup, an FcntlInt of
// golang.org/x/sys/unix with l's close-on-exec command, where the file
// already imports that package under a name that the call sees: syscall
// has no such wrapper, and a fix adds no import (the guide says what to
// write instead).
func (c *checker) fcntlFix(l leak) []analysis.SuggestedFix {
	if len(l.call.Args) != 1 {
		return nil
	}
	name, unix := c.unixAt(l.call.Pos())
	if unix == nil || unix.Scope().Lookup("FcntlInt") == nil || unix.Scope().Lookup(l.create.Fcntl) == nil {
		return nil
	}
	if l.fn.Pkg() != unix && c.onlyUseOfImport(l.call) {
		return nil // the fix would leave syscall imported and unused
	}
	fd := l.call.Args[0]
	return []analysis.SuggestedFix{{
		Message: "Use " + name + ".FcntlInt with " + l.create.Fcntl,
		TextEdits: []analysis.TextEdit{
			{Pos: l.call.Fun.Pos(), End: fd.Pos(), NewText: []byte(name + ".FcntlInt(uintptr(")},
			{Pos: fd.End(), End: l.call.Rparen, NewText: []byte("), " + name + "." + l.create.Fcntl + ", 0")},
		},
	}}
}

// onlyUseOfImport reports whether call's qualifier (syscall in
// syscall.Dup) is the only use of its import in the file.
func (c *checker) onlyUseOfImport(call *ast.CallExpr) bool {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	pkgName, isPkg := c.pass.TypesInfo.Uses[id].(*types.PkgName)
	if !ok || !isPkg {
		return false
	}
	file := c.fileOf(call.Pos())
	uses := 0
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == pkgName {
			uses++
		}
		return uses < 2
	})
	return uses < 2
}

// unixAt returns the name under which the file at pos imports
// golang.org/x/sys/unix (vendored or not), if that name means the package
// at pos, and the package; nil if it does not.
func (c *checker) unixAt(pos token.Pos) (string, *types.Package) {
	file := c.fileOf(pos)
	if file == nil {
		return "", nil
	}
	for _, spec := range file.Imports {
		pkgName, ok := c.pass.TypesInfo.Implicits[spec].(*types.PkgName)
		if spec.Name != nil {
			pkgName, ok = c.pass.TypesInfo.Defs[spec.Name].(*types.PkgName)
		}
		if !ok || pkgName.Imported().Path() == "syscall" || !std.IsSyscallPackage(pkgName.Imported().Path()) {
			continue // not x/sys/unix, or imported as _ or .
		}
		if _, seen := c.pass.Pkg.Scope().Innermost(pos).LookupParent(pkgName.Name(), pos); seen == pkgName {
			return pkgName.Name(), pkgName.Imported()
		}
	}
	return "", nil
}

// fieldFix returns the fix that adds flag, cr's flag as the call names it,
// to cr's field of the composite literal whose address arg takes: to its
// value, or as a new element. A struct built elsewhere gets none: its
// other uses are not for us to change.
func fieldFix(arg ast.Expr, cr std.Creator, flag string) []analysis.SuggestedFix {
	addr, ok := astutil.Unparen(arg).(*ast.UnaryExpr)
	if !ok || addr.Op != token.AND {
		return nil
	}
	lit, ok := astutil.Unparen(addr.X).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	fix := analysis.SuggestedFix{Message: "Add " + cr.Flag + " to the flags"}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil // unkeyed: leave it to the author
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == cr.Field {
			fix.TextEdits = addFlag(kv.Value, flag)
			return []analysis.SuggestedFix{fix}
		}
	}
	text := cr.Field + ": " + flag
	if len(lit.Elts) > 0 {
		text += ", "
	}
	fix.TextEdits = []analysis.TextEdit{{Pos: lit.Lbrace + 1, End: lit.Lbrace + 1, NewText: []byte(text)}}
	return []analysis.SuggestedFix{fix}
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

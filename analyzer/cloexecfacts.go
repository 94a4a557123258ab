package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/types/typeutil"
)

// A flagWrapperFact marks an exported function that passes one of its
// parameters on unchanged as the flags of a descriptor creator, as a
// project's own system call package does (runc's internal/linux.Open
// wraps unix.Open): its importers' calls are judged by the flags they
// pass, as the package's own calls of an unexported wrapper are.
type flagWrapperFact struct {
	Param   int       // the index of the parameter among the call's arguments
	Creator string    // the creator, as messages name it: "unix.Open"
	Flag    string    // its close-on-exec flag: "O_CLOEXEC"
	Bits    int64     // the flag's value on the platform
	Plural  bool      // the creator makes two descriptors
	Pos     sourcePos // the creator's call
}

func (*flagWrapperFact) AFact() {}

func (f *flagWrapperFact) String() string {
	return fmt.Sprintf("passes argument %d as the flags of %s", f.Param, f.Creator)
}

// importedFlagWrapper returns the flagWrapperFact of fn, a function of
// another package, or nil.
func (c *checker) importedFlagWrapper(fn *types.Func) *flagWrapperFact {
	return importedFact[flagWrapperFact](c, fn, func(pf *packageFact) bool { return pf.FlagWrappers })
}

// exportFlagWrapperFacts exports a flagWrapperFact for each exported
// function (not a method) of a library, outside its tests, that passes
// one of its parameters, never assigned, as the flags of a descriptor
// creator of a system call package, of another package's wrapper or of a
// function of the package that does (Open(p, flags) calls openat(dir, p,
// flags)): the flags are its importers' to pick, and are judged at their
// calls.
func (c *checker) exportFlagWrapperFacts() {
	if c.pass.Pkg.Name() == "main" || std.IsSyscallPackage(c.pass.Pkg.Path()) {
		return // no importers, or the creators themselves
	}
	var calls []*ast.CallExpr
	for _, file := range c.pass.Files {
		if code.IsTestFile(c.pass.Fset, file) || !code.ImportsAny(file, std.IsSyscallPackage) && !c.importsFlagWrappers(file) {
			continue // tests, or no creator called
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls = append(calls, call)
			}
			return true
		})
	}
	own := make(map[*types.Func]*flagWrapperFact) // the package's wrappers, up their chains
	for changed := true; changed; {
		changed = false
		for _, call := range calls {
			changed = c.addFlagWrapper(call, own) || changed
		}
	}
	for fn, f := range own {
		if fn.Exported() && fn.Signature().Recv() == nil {
			c.pass.ExportObjectFact(fn, f)
			c.exports.FlagWrappers = true
		}
	}
}

// addFlagWrapper adds to own the function around call whose parameter,
// never assigned, call passes as a creator's flags; it reports whether
// own grew.
func (c *checker) addFlagWrapper(call *ast.CallExpr, own map[*types.Func]*flagWrapperFact) bool {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return false
	}
	f := c.flagsOfCreator(call, fn, own)
	if f == nil || f.Param >= len(call.Args) {
		return false // not a creator, or one without flags we know
	}
	p := c.paramNamed(call.Args[f.Param])
	if p == nil {
		return false // the flags are not a parameter
	}
	if body := c.enclosingBody(call); body == nil || c.mentionsForkLock(body) {
		return false // the ForkLock idiom, where the flag is missing (mdlayher/socket's fallback)
	}
	wrapper, index := c.paramOf(p)
	if wrapper == nil || own[wrapper] != nil || code.Assigns(c.pass.TypesInfo, c.funcDecls()[wrapper].Body, p) {
		return false // not a function's, known, or assigned
	}
	fact := *f
	fact.Param = index
	own[wrapper] = &fact
	return true
}

// flagsOfCreator returns what a flagWrapperFact says of call, a call of
// fn, a creator of a system call package with flags (not by number, nor in
// a struct), a function of another package with that fact, or one of the
// package's in own, with Param the index of its flags among call's
// arguments; nil if it is none.
func (c *checker) flagsOfCreator(call *ast.CallExpr, fn *types.Func, own map[*types.Func]*flagWrapperFact) *flagWrapperFact {
	if f := own[fn.Origin()]; f != nil {
		return f
	}
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg && !std.IsSyscallPackage(fn.Pkg().Path()) {
		if f := c.importedFlagWrapper(fn); f != nil {
			return f
		}
		return nil
	}
	l, _ := c.leakOfCallee(call, fn)
	if l.flagParam == nil || l.trap != "" || l.create.Field != "" {
		return nil // not a creator, or not flags from a parameter
	}
	bits, found := code.IntConst(fn.Pkg(), l.create.Flag)
	if !found {
		return nil // the platform has no such flag
	}
	return &flagWrapperFact{
		Param:   l.create.FlagArg,
		Creator: fn.Pkg().Name() + "." + fn.Name(),
		Flag:    l.create.Flag,
		Bits:    bits,
		Plural:  l.create.Plural,
		Pos:     positionOf(c.pass.Fset, call.Fun.Pos()),
	}
}

// mentionsForkLock reports whether body names syscall.ForkLock.
func (c *checker) mentionsForkLock(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			v, isVar := c.pass.TypesInfo.Uses[id].(*types.Var)
			found = found || isVar && v.Name() == "ForkLock" && v.Pkg() != nil && v.Pkg().Path() == "syscall"
		}
		return !found
	})
	return found
}

// importsFlagWrappers reports whether file imports a package some of whose
// functions carry a flagWrapperFact.
func (c *checker) importsFlagWrappers(file *ast.File) bool {
	for _, pkg := range c.pass.Pkg.Imports() {
		if pf := c.packageFactOf(pkg); pf != nil && pf.FlagWrappers && code.ImportsAny(file, func(path string) bool { return path == pkg.Path() }) {
			return true
		}
	}
	return false
}

// leakOfFlagWrapper reports whether call, a call of fn, a function of
// another package with the flagWrapperFact f, creates a descriptor without
// close-on-exec, or may: flags that are not a constant are left pending for
// the SSA phase, as for a creator.
func (c *checker) leakOfFlagWrapper(call *ast.CallExpr, fn *types.Func, f *flagWrapperFact) (leak, bool) {
	if f.Param >= len(call.Args) {
		return leak{}, false
	}
	l := leak{
		call:    call,
		fn:      fn,
		create:  std.Creator{FlagArg: f.Param, Flag: f.Flag, Plural: f.Plural, Inheritable: -1},
		via:     f,
		wrapper: code.QualifiedName(fn),
	}
	arg := call.Args[f.Param]
	if v, ok := code.IntOf(c.pass.TypesInfo.Types[arg].Value); ok {
		return l, l.lacksFlag(v)
	}
	l.pending = true
	if l.flagParam = c.paramNamed(arg); l.flagParam != nil {
		return l, c.isWrapperParam(l.flagParam)
	}
	return l, c.mentionsOwn(arg)
}

package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// processStarters are the functions of the standard library that start a
// process (the safe way: they exec at once), by full name.
var processStarters = map[string]bool{
	"syscall.ForkExec":              true,
	"syscall.StartProcess":          true,
	"os.StartProcess":               true,
	"(*os/exec.Cmd).Start":          true,
	"(*os/exec.Cmd).Run":            true,
	"(*os/exec.Cmd).Output":         true,
	"(*os/exec.Cmd).CombinedOutput": true,
}

// spawningStdPackages are the packages of the standard library that start
// processes: a program that imports one may start a process.
var spawningStdPackages = map[string]bool{"os/exec": true, "net/http/cgi": true, "go/build": true}

// A spawnFact marks a function that may start a process, directly or
// through others.
type spawnFact struct {
	Start string // the standard library's function at the bottom: "(*exec.Cmd).Run"
}

func (*spawnFact) AFact() {}

func (f *spawnFact) String() string { return "starts a process: " + f.Start }

// processStart returns the standard library's function that fn starts a
// process with: fn itself, or the one named by fn's spawnFact; "" if none.
func (c *checker) processStart(fn *types.Func) string {
	fn = fn.Origin()
	if processStarters[fn.FullName()] {
		return qualifiedName(fn)
	}
	if f := importedFact[spawnFact](c, fn, func(pf *packageFact) bool { return pf.Starts }); f != nil {
		return f.Start
	}
	return ""
}

// matchProcessStart matches a call that starts a process.
func (c *checker) matchProcessStart(n ast.Node) *finding {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil // not a static call
	}
	if start := c.processStart(fn); start != "" {
		return &finding{pos: call.Pos(), what: start}
	}
	return nil
}

// exportSpawnFacts exports a spawnFact for each function of the package
// that may start a process.
func (c *checker) exportSpawnFacts() {
	if c.refs().processStart {
		c.startSummary().exportFacts(func(f *finding) analysis.Fact { return &spawnFact{Start: f.what} })
	}
}

// programMayStart reports whether a program that contains the package may
// start a process, as far as the package and its imports show.
func (c *checker) programMayStart() bool {
	if c.refs().processStart {
		return true
	}
	for _, imp := range c.pass.Pkg.Imports() {
		if spawningStdPackages[imp.Path()] || c.imported[imp.Path()] != nil && c.imported[imp.Path()].Starts {
			return true
		}
	}
	return false
}

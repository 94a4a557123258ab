package analyzer

import (
	"go/ast"
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Process starts, a shared analysis: which calls start a process, which
// functions of the package may (spawnFact), and whether a program with the
// package may start one at all.

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
	if std.ProcessStarters[c.stdName(fn)] {
		return code.QualifiedName(fn)
	}
	if f := importedFact[spawnFact](c, fn, func(pf *packageFact) bool { return pf.Starts }); f != nil {
		return f.Start
	}
	return ""
}

// startName returns how a message names the process start that call is:
// "(*exec.Cmd).Run", or "call of lib.Run" for a function of another package
// with a spawnFact; "" if it is none.
func (c *checker) startName(call ssa.CallInstruction) string {
	for _, callee := range code.Callees(call.Common()) {
		obj, ok := callee.Object().(*types.Func)
		if !ok || c.processStart(obj) == "" {
			continue // not a process start
		}
		if std.ProcessStarters[obj.Origin().FullName()] {
			return code.QualifiedName(obj)
		}
		return "call of " + code.QualifiedName(obj)
	}
	return ""
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

// matchProcessStart matches a call that starts a process.
func (c *checker) matchProcessStart(n ast.Node) *bodyMatch {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil // not a static call
	}
	if start := c.processStart(fn); start != "" {
		return &bodyMatch{pos: call.Pos(), what: start}
	}
	return nil
}

// exportSpawnFacts exports a spawnFact for each function of the package
// that may start a process.
func (c *checker) exportSpawnFacts() {
	if c.refs().processStart {
		c.startSummary().exportFacts(func(m *bodyMatch) analysis.Fact { return &spawnFact{Start: m.what} })
	}
}

// programMayStart reports whether a program that contains the package may
// start a process, as far as the package and its imports show.
func (c *checker) programMayStart() bool {
	if c.refs().processStart {
		return true
	}
	for _, imp := range c.pass.Pkg.Imports() {
		if std.SpawningPackages[imp.Path()] || c.imported[imp.Path()] != nil && c.imported[imp.Path()].Starts {
			return true
		}
	}
	return false
}

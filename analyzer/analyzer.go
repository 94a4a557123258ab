// Package analyzer is the forkcheck pass; see doc.go for the user guide.
package analyzer

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

//go:embed doc.go
var doc string

// Analyzer reports fork without exec and the hazards around process
// creation in a multithreaded Go program.
var Analyzer = &analysis.Analyzer{
	Name:      "forkcheck",
	Doc:       extractDoc(doc, "forkcheck"),
	URL:       "https://pkg.go.dev/github.com/forkcheck/forkcheck/analyzer",
	Run:       run,
	FactTypes: []analysis.Fact{(*forkFact)(nil), (*spawnFact)(nil), (*threadAttrFact)(nil), (*packageFact)(nil)},
}

// A checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	imported map[string]*packageFact // facts of imported packages, by path
	traps    map[*types.Package]*trapTable
	decls    map[*types.Func]*ast.FuncDecl
	goStarts *bodySummary // the go statements each function may run
	initGo   *token.Pos   // memo of initGoroutine
	refsMemo *refs        // memo of refs
	links    []linkname   // go:linkname directives into fork internals
	leaks    []leak       // descriptors created without close-on-exec
	diags    []analysis.Diagnostic

	// Memos of the SSA phase, for the packages that need it (needsSSA).
	callers  map[*ssa.Function][]ssa.Instruction // in-package call sites (calls, go, defer; a closure's creation when nothing calls it)
	entry    map[*ssa.Function]witnesses         // memo of entryWitnesses
	held     map[*ssa.Function][]heldSet         // memo of heldOnEntry
	after    map[*ssa.Function]bool              // memo of runsAfterInit
	unlocked map[*ssa.Function][]bool            // memo of unlockedOnEntry
	live     map[*ssa.Function][]bool            // memo of isLive
}

func run(pass *analysis.Pass) (any, error) {
	if isStandard(pass) {
		return nil, nil // modelled by tables, never analyzed (go vet runs tools on std for facts)
	}
	c := &checker{
		pass:     pass,
		imported: importedPackageFacts(pass),
		traps:    make(map[*types.Package]*trapTable),
	}
	c.goStarts = newBodySummary(c, matchGoStmt, false)
	c.links = forkLinknames(pass)
	c.exportSpawnFacts()
	c.leaks = c.findLeaks()
	forks, threadAttrs := false, false
	if c.needsSSA() {
		forks, threadAttrs = c.analyze(buildSSA(pass))
	}
	c.reportLeaks()
	c.exportPackageFact(forks, threadAttrs)
	c.report()
	return nil, nil
}

// trapTable returns the system call numbers of pkg, a system call package.
func (c *checker) trapTable(pkg *types.Package) *trapTable {
	t, ok := c.traps[pkg]
	if !ok {
		t = newTrapTable(pkg)
		c.traps[pkg] = t
	}
	return t
}

// exportPackageFact tells importers which facts the package's functions
// carry, whether a program with the package may start a process, and
// whether its initialization, or that of a package it imports, starts a
// goroutine.
func (c *checker) exportPackageFact(forks, threadAttrs bool) {
	f := &packageFact{Forks: forks, Starts: c.programMayStart(), ThreadAttrs: threadAttrs}
	if imp := c.importedInitGoroutine(); imp != nil {
		f.InitGoroutine, f.InitPackage = imp.InitGoroutine, imp.InitPackage
	} else if pos := c.initGoroutine(); pos.IsValid() {
		p := positionOf(c.pass.Fset, pos)
		f.InitGoroutine, f.InitPackage = &p, c.pass.Pkg.Path()
	}
	if f.Forks || f.Starts || f.ThreadAttrs || f.InitGoroutine != nil {
		c.pass.ExportPackageFact(f)
	}
}

// buildSSA builds the SSA form of the package alone: its imports are
// created from their types, without bodies.
func buildSSA(pass *analysis.Pass) *ssa.Package {
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	for _, imp := range pass.Pkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// isStdPath reports whether an import path may be the standard library's:
// its first element has no dot.
func isStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// isStandard reports whether pass analyzes a package of the standard
// library: its path has no dot in the first element and its files lie in
// ROOT/src/PATH of a tree that holds the runtime's source. Under go vet the
// tool also runs on the standard library, for facts; forkcheck models the
// standard library instead. The test needs no GOROOT, which a binary built
// with -trimpath does not know.
func isStandard(pass *analysis.Pass) bool {
	path := strings.TrimSuffix(pass.Pkg.Path(), "_test") // an external test package lies with its package
	if !isStdPath(path) || len(pass.Files) == 0 {
		return false
	}
	suffix := string(filepath.Separator) + filepath.Join("src", filepath.FromSlash(path))
	dir := filepath.Dir(pass.Fset.Position(pass.Files[0].Package).Filename)
	root, ok := strings.CutSuffix(dir, suffix)
	if !ok {
		return false
	}
	_, err := os.Stat(filepath.Join(root, "src", "runtime", "runtime.go"))
	return err == nil
}

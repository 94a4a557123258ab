// Package driver is forkcheck's standalone driver: it runs an analyzer
// over the packages that patterns on the command line match, as x/tools'
// singlechecker does, with the same flags, output and exit codes, but it
// loads far less from source.
//
// singlechecker (x/tools' checker) loads every dependency from source as
// soon as an analyzer has facts, the standard library included. This
// driver loads from source only the packages matched and the dependencies
// whose facts need their source (as DependencyMatters decides); the
// others, and the standard library, come from the export data that the
// build cache holds or, where it holds none, from their declarations
// type-checked from source without function bodies: it never has the go
// command compile a package (toolexec.go), which on a cold build cache
// costs many times what type-checking does. It analyzes each package as
// soon as its imports are done (a root is type-checked before, as soon as
// its imports are type-checked) and keeps only the types and facts of a
// dependency afterwards, not its syntax. The facts of the dependencies
// go to a fact cache (cache.go, $FORKCHECK_CACHE), keyed by what they are
// computed from: the next run reads their facts, and loads the types only
// of the dependencies that a package loaded from source imports, from
// export data, where one first needs them (loader.typesOf); the objects
// of the others exist only as far as that export data names them, and get
// their facts when the analysis asks (facts.resolve). So a warm run loads
// about what the no-op loads, however large the dependency graph.
//
// It handles the common flags (-json, -c, -test, the analyzer's own,
// -cpuprofile, -memprofile); for any other (-fix, -diff, -debug, -V,
// -flags, -help, …) and for go vet's protocol, Main reports that it did not
// run, and the caller hands over to singlechecker.
package driver

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Whole reports whether the analysis reads the package of path whole
// (its scope, beyond the objects that the packages it analyzes name) when
// a package it analyzes imports it, directly or not: the driver then loads
// it from export data at its own load, as it would a package that one
// loaded from source imports. See analyzer.ReadsWhole.
type Whole func(path string) bool

// DependencyMatters decides, for a dependency, whether the analysis needs
// its source to know its facts: see analyzer.DependencyMatters.
type DependencyMatters func(imports []string, files [][]byte, factName func(name string) bool) bool

// Main runs analyzer a as the command line args (without the program name)
// say, and returns the exit code: 0 when nothing is found, 3 when
// something is (0 with -json), 1 on errors. It returns ok false, having
// printed nothing, when args ask for what only singlechecker does.
func Main(a *analysis.Analyzer, matters DependencyMatters, whole Whole, args []string) (code int, ok bool) {
	if len(a.Requires) > 0 || a.RunDespiteErrors {
		return 0, false // not handled: see run
	}
	if d := os.Getenv("GOPACKAGESDRIVER"); d != "" && d != "off" {
		return 0, false // a build system other than go list (Bazel): go/packages asks it
	}
	fl, ok := parseFlags(a, args)
	if !ok {
		return 0, false
	}
	if fl.cpuProfile != "" {
		stop, err := startCPUProfile(fl.cpuProfile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", a.Name, err)
			return 1, true
		}
		defer stop()
	}
	code = run(context.Background(), a, matters, whole, fl, os.Stdout, os.Stderr)
	if fl.memProfile != "" {
		if err := writeMemProfile(fl.memProfile); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", a.Name, err)
			code = max(code, 1)
		}
	}
	return code, true
}

// flags are the command line that Main handles.
type flags struct {
	patterns               []string
	json                   bool
	context                int
	tests                  bool
	cpuProfile, memProfile string
}

// parseFlags parses args, and reports whether Main handles them: flags it
// knows, and at least one pattern that is not a go vet configuration file.
func parseFlags(a *analysis.Analyzer, args []string) (flags, bool) {
	fl := flags{context: -1, tests: true}
	fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // singlechecker says what is wrong
	fs.BoolVar(&fl.json, "json", false, "")
	fs.IntVar(&fl.context, "c", -1, "")
	fs.BoolVar(&fl.tests, "test", true, "")
	fs.StringVar(&fl.cpuProfile, "cpuprofile", "", "")
	fs.StringVar(&fl.memProfile, "memprofile", "", "")
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	if fs.Parse(args) != nil || fs.NArg() == 0 || fs.NArg() == 1 && strings.HasSuffix(fs.Arg(0), ".cfg") {
		return flags{}, false
	}
	fl.patterns = fs.Args()
	return fl, true
}

// run loads the packages, analyzes them and prints what it found.
func run(ctx context.Context, a *analysis.Analyzer, matters DependencyMatters, whole Whole, fl flags, stdout, stderr io.Writer) int {
	pkgs, ld, err := analyze(ctx, a, matters, whole, fl.patterns, fl.tests)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", a.Name, err)
		return 1
	}
	code := 0
	var roots []*pkg
	for _, p := range pkgs {
		if len(p.errs) > 0 {
			fmt.Fprintln(stderr, summarizeErrors(p.errs))
			code = 1
		}
		if p.root && !p.isTestMain() {
			roots = append(roots, p)
		}
	}
	found := report(a, ld.fset, roots, fl, stdout, stderr)
	if corrupt := ld.facts.unreadable(); len(corrupt) > 0 {
		for _, c := range corrupt {
			fmt.Fprintf(stderr, "%s: the fact cache's entry for %s: the findings may be incomplete; remove %s and run again\n", a.Name, c, ld.cache.path)
		}
		code = 1
	}
	if code == 0 {
		return found
	}
	return code // errors outrank findings
}

// analyze lists the packages that patterns match and their dependencies,
// loads them and runs analyzer a on each, but for the dependencies in the
// standard library. It returns the packages in the order of go list (dependencies
// first) and the loader that holds their file set and facts, or an error if
// go list failed or matched nothing.
func analyze(ctx context.Context, a *analysis.Analyzer, matters DependencyMatters, whole Whole, patterns []string, tests bool) ([]*pkg, *loader, error) {
	list, plat, err := listWithPlatform(ctx, patterns, tests)
	if err != nil {
		return nil, nil, err
	}
	pkgs := graph(list)
	roots := 0
	for _, p := range pkgs {
		if p.root && !p.isTestMain() {
			roots++
		}
	}
	if roots == 0 {
		return nil, nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	depsDone := func(rootsAhead float64) {} // the user's GOGC holds throughout
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent(roots))
		depsDone = func(rootsAhead float64) {
			if rootsAhead > 0.5 {
				debug.SetGCPercent(min(gcPercent(roots), rootsGCPercent))
			}
		}
	}
	ld := &loader{analyzer: a, facts: newFacts(a.FactTypes), fset: token.NewFileSet(), sizes: types.SizesFor("gc", plat.goarch), matters: matters, whole: whole, cache: openCache(a, plat)}
	loadAll(ld, pkgs, depsDone)
	ld.cache.trim()
	return pkgs, ld, nil
}

// gcPercent returns the GOGC setting of a run that analyzes roots
// packages from source (test variants included): from 150 for a few to
// 300 for 500 or more. Little stays alive from one package to the next
// (the types and facts of dependencies, the findings of roots) and most
// is garbage soon, so collecting less often than the default 100 saves
// more time than it costs memory. How much memory it may cost depends on
// the roots: the no-op's peak holds all of them at once, forkcheck's the
// largest at a time, so the more roots, the more room. Chosen by
// measurement (the README's Performance section has the tables): on
// kube-router (13 packages, 20 roots with tests, in a graph of 1,058) 300
// took the peak to 1.3x the no-op's and 150 kept it under 1.2x, 100 cost
// 1.17x the wall; on the large corpus (1,391 roots) 150 cost 1.20x the
// no-op's wall, 300 1.11x, at 0.57x and 0.73x its peak.
func gcPercent(roots int) int {
	return 150 + 150*min(roots, 500)/500
}

// rootsGCPercent is the GOGC setting, if gcPercent's is higher, once every
// dependency is done while most roots are still to be type-checked. The
// live heap is then mostly the dependencies' types, which stay to the
// end, and what the roots allocate (their syntax, types.Info and SSA) is
// garbage once each is analyzed. At gcPercent's setting a run of few
// roots over a wide graph collected nothing once its dependencies were
// done, and its peak held the garbage of all its roots on top of those
// types: kube-router (20 roots in a graph of 1,058, three in four still
// to type-check then) peaked at 1.3x the no-op's RSS, though its live
// heap is about the no-op's, which holds all its roots. Where
// most roots are type-checked before the last dependencies are done
// (prometheus: four in five, its last dependencies being test variants
// that import roots), the collections during the dependencies' work
// bound theirs, and lowering the setting then would only collect the
// whole heap once more. Measured on kube-router (medians of 7 to 9 runs
// taking turns with the no-op; peak RSS as a ratio to the no-op's):
// gcPercent's 156 throughout 1.31x; from here 100 1.23x, 70 1.12x, 50
// 1.14x; 70 throughout 1.12x, but at 1.29x the no-op's CPU against
// 1.14x.
const rootsGCPercent = 70

// listWithPlatform lists the packages and, at the same time, asks the go
// command for the platform it builds for and hashes forkcheck's executable.
func listWithPlatform(ctx context.Context, patterns []string, tests bool) (list []*listed, plat platform, err error) {
	var platformErr error
	var wg sync.WaitGroup
	wg.Go(func() { plat, platformErr = goPlatform(ctx) })
	if cacheDir() != "" {
		wg.Go(func() { _, _ = toolID() }) // the fact cache's salt hashes the executable: now, while go list runs
	}
	list, err = goList(ctx, patterns, tests)
	wg.Wait()
	return list, plat, cmp.Or(err, platformErr)
}

// loadAll loads and analyzes the packages, as many at a time as there are
// processors, in the order of their priorities (see priorities).
//
// Any package but a root is keyed, loaded and analyzed in one step (its
// facts most often come from the fact cache), once its imports are done.
// A root is keyed once its imports are, and the fact cache may have the
// result of its analysis; if not, it is type-checked as soon as its imports
// may be type-checked against (checked), and analyzed once they are done
// (their facts are in): so a root that many import does not hold up their
// type-checking for the time of its analysis. A root type-checked loads
// the types of its imports as it needs them (typesOf), but those of a
// dependency whose facts the cache did not have (nor, then, the results
// of the roots that import it) are loaded once it is done.
//
// Once every package but the roots is done, it calls depsDone with the
// share of the roots (but the test mains, which it does not type-check)
// still to type-check.
func loadAll(ld *loader, pkgs []*pkg, depsDone func(rootsAhead float64)) {
	sched := newScheduler(runtime.GOMAXPROCS(0))
	prio := priorities(pkgs)
	var wg, deps sync.WaitGroup
	var begun atomic.Int64 // roots (but the test mains) whose type-check began, or that need none
	roots := 0
	for _, p := range pkgs {
		switch {
		case !p.root:
			deps.Add(1)
		case !p.isTestMain():
			roots++
		}
	}
	wg.Go(func() {
		deps.Wait()
		if roots > 0 {
			depsDone(1 - float64(begun.Load())/float64(roots))
		}
	})
	for _, p := range pkgs {
		wg.Go(func() {
			if p.root {
				defer close(p.done)
				for _, imp := range p.imports {
					<-imp.keyed
				}
				sched.run(prio[p], func() { ld.begin(p) })
				close(p.keyed)
				if p.checksRoot() {
					for _, imp := range p.imports {
						<-imp.checked
					}
					begun.Add(1)
					sched.run(prio[p], func() { ld.checkRoot(p) })
					close(p.checked)
				} else {
					if !p.isTestMain() {
						begun.Add(1)
					}
					// Its result from the cache: its declarations may be
					// loaded for an importer (typesOf), once its
					// imports' are; now if the analysis reads it whole
					// (see begin).
					for _, imp := range p.imports {
						<-imp.checked
					}
					if p.cached && ld.readsWhole(p) {
						sched.run(prio[p], func() { _, _ = ld.typesOf(p) })
					}
					close(p.checked)
				}
				for _, imp := range p.imports {
					<-imp.done
				}
				sched.run(prio[p], func() { ld.end(p) })
				return
			}
			defer deps.Done()
			for _, imp := range p.imports {
				<-imp.done
			}
			sched.run(prio[p], func() {
				ld.begin(p)
				ld.end(p)
			})
			close(p.keyed)
			close(p.done)
			if p.fresh && p.rootImp && !ld.readsWhole(p) {
				// The cache did not have its facts, nor then the results
				// of the roots that import it (their keys are new): its
				// types, for their type-checking, now, before the
				// roots' analyses, during which a read would wait for
				// those running (see exportMu).
				sched.run(prio[p], func() { _, _ = ld.typesOf(p) })
			}
			close(p.checked)
		})
	}
	wg.Wait()
}

// report prints the diagnostics of the roots as singlechecker does, and
// returns the exit code.
func report(a *analysis.Analyzer, fset *token.FileSet, roots []*pkg, fl flags, stdout, stderr io.Writer) int {
	g := &checker.Graph{}
	actions := make(map[*pkg]*checker.Action)
	for _, p := range roots {
		g.Roots = append(g.Roots, action(a, fset, p, actions, !fl.json))
	}
	failed, found := false, false
	for act := range g.All() {
		failed = failed || act.Err != nil
		found = found || act.IsRoot && len(act.Diagnostics) > 0
	}
	if fl.json {
		if err := g.PrintJSON(stdout); err != nil {
			return 1
		}
		return 0
	}
	if err := g.PrintText(stderr, fl.context); err != nil {
		return 1
	}
	switch {
	case failed:
		return 1
	case found:
		return 3
	}
	return 0
}

// action returns the action of checker.Analyze that stands for the
// analysis of p: with, as dependencies, the actions of the imports whose
// analysis failed, which the printers report too (see actionErr).
func action(a *analysis.Analyzer, fset *token.FileSet, p *pkg, actions map[*pkg]*checker.Action, text bool) *checker.Action {
	if act, ok := actions[p]; ok {
		return act
	}
	act := &checker.Action{
		Analyzer:    a,
		Package:     &packages.Package{ID: p.ImportPath, Name: p.Name, PkgPath: pkgPath(p.ImportPath), Fset: fset, Types: p.types},
		IsRoot:      p.root,
		Err:         actionErr(p, text),
		Diagnostics: p.diags,
	}
	actions[p] = act
	for _, imp := range p.imports {
		if imp.err != nil {
			act.Deps = append(act.Deps, action(a, fset, imp, actions, text))
		}
	}
	return act
}

// Errors are printed the way go vet prints them: for a package that does
// not load, its first error and how many more there are; not the cascade
// of parser and type errors that one missing parenthesis makes, and not
// "analysis skipped", which reads as if a package had been found when a
// pattern matched nothing.

// actionErr returns the error of p's analysis as the printers report it.
// In text, run has printed a package's own errors, and its importers'
// "failed prerequisites" add nothing to them: neither is repeated. In JSON
// (forkcheck sarif reads it), the error of a package that did not load is
// its first error and how many more there are.
func actionErr(p *pkg, text bool) error {
	importFailed := slices.ContainsFunc(p.imports, func(imp *pkg) bool { return imp.err != nil && !imp.panicked }) // a panic's importers run on, as in analyze
	switch {
	case text && (len(p.errs) > 0 || importFailed):
		return nil
	case len(p.errs) > 0:
		return errors.New(summarizeErrors(p.errs))
	}
	return p.err
}

// summarizeErrors returns a package's errors (go list's, the parser's, the
// type checker's) as go vet prints them: the first, then "(and N more
// errors)", counting the lines with errors other than the first's, as the
// go command counts parse errors. An error without a position loses the
// "-: " that go/packages gives it.
func summarizeErrors(errs []string) string {
	lines := make(map[string]bool)
	for _, e := range errs {
		lines[errorLine(e)] = true
	}
	msg := strings.TrimPrefix(errs[0], "-: ")
	if n := len(lines) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more errors)", n)
	}
	return msg
}

// errorLine returns the file and line of an error "file:line:col: msg", or
// the whole error if it has no such position.
func errorLine(e string) string {
	posn, _, ok := strings.Cut(e, ": ")
	if i := strings.LastIndexByte(posn, ':'); ok && i > 0 {
		return posn[:i] // without the column
	}
	return e
}

func startCPUProfile(name string) (stop func(), err error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeMemProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	runtime.GC() // up-to-date statistics
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

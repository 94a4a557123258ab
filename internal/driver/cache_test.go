package driver

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/token"
	"go/types"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/forkcheck/forkcheck/analyzer"
	"github.com/rogpeppe/go-internal/cache"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/types/objectpath"
)

// TestMain keeps the tests' fact caches out of the user's: each test
// binary has its own, which every test shares unless it sets its own. The
// test binary is also go list's -toolexec program (see toolexec.go).
func TestMain(m *testing.M) {
	if code, ok := Toolexec(os.Args[1:]); ok {
		os.Exit(code)
	}
	dir, err := os.MkdirTemp("", "forkcheck-driver-test-cache")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(cacheEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// withCache gives the test a fresh fact cache of its own.
func withCache(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "cache")
	t.Setenv(cacheEnv, dir)
	return dir
}

// A result is what a run leaves that the fact cache must not change:
// the facts that importers can see of every package but the roots, by
// package, object path and type, and the findings on the roots, by
// package.
type result struct {
	facts    map[string]analysis.Fact
	findings map[string][]string
	cached   []string // the packages whose facts came from the cache
	fresh    []string // the dependencies whose facts were computed
	computed []string // the dependencies analyzed from source
	exported []string // the dependencies, but the standard library's, loaded with export data
	results  []string // the roots whose results came from the cache
	analyzed []string // the roots analyzed
	moved    []string // the roots with a finding that a //line directive moves
}

// moved reports whether a position of d is moved by a //line directive.
func moved(fset *token.FileSet, d analysis.Diagnostic) bool {
	poss := []token.Pos{d.Pos, d.End}
	for _, r := range d.Related {
		poss = append(poss, r.Pos, r.End)
	}
	return slices.ContainsFunc(poss, func(pos token.Pos) bool { return fset.PositionFor(pos, true) != fset.PositionFor(pos, false) })
}

// editRoots adds a line to the end of each Go file in each of dirs, so
// that their packages' keys change and their positions do not.
func editRoots(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, name := range names {
			f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.WriteString("\n// edited\n")
			if err := cmp.Or(err, f.Close()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// analyzeResult runs the driver on patterns and returns its result.
func analyzeResult(t *testing.T, patterns ...string) result {
	t.Helper()
	pkgs, ld, err := analyze(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, patterns, true)
	if err != nil {
		t.Fatal(err)
	}
	r := result{facts: make(map[string]analysis.Fact), findings: make(map[string][]string)}
	byTypes := make(map[any]*pkg)
	for _, p := range pkgs {
		if len(p.errs) > 0 || p.err != nil {
			t.Errorf("%s: errors %q, %v", p.ImportPath, p.errs, p.err)
		}
		byTypes[p.types] = p
		if !p.root && !p.Standard && p.Export != "" {
			r.exported = append(r.exported, p.ImportPath)
		}
		switch {
		case p.root:
			for _, d := range p.diags {
				r.findings[p.ImportPath] = append(r.findings[p.ImportPath], fmt.Sprintf("%v: %s", ld.fset.Position(d.Pos), d.Message))
			}
			if p.cached {
				r.results = append(r.results, p.ImportPath)
			} else if p.source {
				r.analyzed = append(r.analyzed, p.ImportPath)
			}
			if slices.ContainsFunc(p.diags, func(d analysis.Diagnostic) bool { return moved(ld.fset, d) }) {
				r.moved = append(r.moved, p.ImportPath)
			}
		case p.cached:
			r.cached = append(r.cached, p.ImportPath)
		case p.fresh:
			r.fresh = append(r.fresh, p.ImportPath)
			if p.source {
				r.computed = append(r.computed, p.ImportPath)
			}
		}
	}
	for k, f := range ld.facts.objs {
		p := byTypes[k.obj.Pkg()]
		if p == nil || p.root {
			continue
		}
		path, err := objectpath.For(k.obj)
		if err != nil || !inExportData(t, p, path) {
			continue // no importer can name it: the cache keeps only the others
		}
		r.facts[fmt.Sprintf("%s %s %T", p.ImportPath, path, f)] = f
	}
	for pkg := range ld.facts.encoded { // facts from the cache, asked for or not
		ld.facts.decode(pkg)
	}
	if bad := ld.facts.unreadable(); len(bad) > 0 {
		t.Errorf("facts from the cache could not be decoded: %q", bad)
	}
	for pkg, byPath := range ld.facts.stored {
		p := byTypes[pkg]
		if p.root {
			continue // a root's result from the cache
		}
		for path, facts := range byPath {
			if !inExportData(t, p, path) {
				continue
			}
			for _, f := range facts {
				r.facts[fmt.Sprintf("%s %s %T", p.ImportPath, path, f)] = f
			}
		}
	}
	for k, f := range ld.facts.pkgs {
		if p := byTypes[k.pkg]; p != nil && !p.root {
			r.facts[fmt.Sprintf("%s %T", p.ImportPath, f)] = f
		}
	}
	return r
}

// inExportData reports whether the export data of p has the object at
// path: whether an importer can see it. Without export data (the build
// cache does not hold it), the driver gives importers p's declarations
// type-checked from source, where every object that has a path is.
func inExportData(t *testing.T, p *pkg, path objectpath.Path) bool {
	if p.Export == "" {
		return true
	}
	f, err := os.Open(p.Export)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	exp, err := gcexportdata.Read(r, token.NewFileSet(), make(map[string]*types.Package), pkgPath(p.ImportPath))
	if err != nil {
		t.Fatal(err)
	}
	_, err = objectpath.Object(exp, path)
	return err == nil
}

// compare reports how got differs from want in facts and findings.
func compare(t *testing.T, got, want result) {
	t.Helper()
	for k, f := range want.facts {
		if g, ok := got.facts[k]; !ok || !reflect.DeepEqual(g, f) {
			t.Errorf("fact %s: %v, want %v", k, g, f)
		}
	}
	for k, f := range got.facts {
		if _, ok := want.facts[k]; !ok {
			t.Errorf("fact %s: %v, want none", k, f)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(want.findings)) {
		if !slices.Equal(got.findings[id], want.findings[id]) {
			t.Errorf("%s: findings %q, want %q", id, got.findings[id], want.findings[id])
		}
	}
	for id, f := range got.findings {
		if _, ok := want.findings[id]; !ok {
			t.Errorf("%s: findings %q, want none", id, f)
		}
	}
}

// TestCacheEqualsSource checks, on every package of the analyzer's
// testdata that builds on this platform, that the facts the cache gives
// equal the facts computed from source, and so do the findings on the
// packages that import others (analyzed from source with their imports'
// facts from the cache); and that a second run reads from the cache every
// dependency that the first analyzed from source.
func TestCacheEqualsSource(t *testing.T) {
	withCache(t)
	gopath := t.TempDir()
	if err := os.CopyFS(filepath.Join(gopath, "src"), os.DirFS(filepath.Join("..", "..", "testdata", "src"))); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOPATH", gopath)
	t.Setenv("GO111MODULE", "off")
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "")
	t.Chdir(filepath.Join(gopath, "src"))
	out, err := exec.Command("go", "list", "-e", "-export", "-f", `{{if and .Export (not (or .Error .DepsErrors (eq .Name "main")))}}{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{"\n"}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Every package that builds, imported by the package all, and those
	// that import another of them: the roots.
	imports := make(map[string][]string)
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		imports[fields[0]] = fields[1:]
	}
	var src strings.Builder
	roots := []string{"./all"}
	for path, imps := range imports {
		fmt.Fprintf(&src, "\t_ %q\n", path)
		if slices.ContainsFunc(imps, func(imp string) bool { return imports[imp] != nil }) {
			roots = append(roots, path)
		}
	}
	if err := os.MkdirAll("all", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("all", "all.go"), []byte("package all\n\nimport (\n"+src.String()+")\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	fromSource := analyzeResult(t, roots...)
	if len(fromSource.cached) > 0 {
		t.Errorf("a fresh cache gave the facts of %q", fromSource.cached)
	}
	fromCache := analyzeResult(t, roots...)
	compare(t, fromCache, fromSource)
	if len(fromCache.fresh) > 0 {
		t.Errorf("facts computed again: %q", fromCache.fresh)
	}
	if !slices.Equal(fromCache.cached, fromSource.fresh) {
		t.Errorf("from the cache: %q; want those whose facts the first run computed, %q", fromCache.cached, fromSource.fresh)
	}
	// Each root's result from the cache, but those with a finding that a
	// //line directive moves.
	if !slices.Equal(fromCache.analyzed, fromSource.moved) || len(fromSource.moved) == 0 {
		t.Errorf("roots analyzed again %q, want those with a finding that a //line directive moves, %q (some)", fromCache.analyzed, fromSource.moved)
	}
	if got := slices.Sorted(slices.Values(slices.Concat(fromCache.results, fromCache.analyzed))); !slices.Equal(got, slices.Sorted(slices.Values(fromSource.analyzed))) {
		t.Errorf("roots' results from the cache %q, analyzed %q; want those the first run analyzed, %q", fromCache.results, fromCache.analyzed, fromSource.analyzed)
	}
	// The roots edited: analyzed, with their imports' facts from the cache.
	dirs := []string{"all"}
	for _, root := range roots[1:] {
		dirs = append(dirs, filepath.Join(gopath, "src", root))
	}
	editRoots(t, dirs...)
	edited := analyzeResult(t, roots...)
	compare(t, edited, fromSource)
	if len(edited.results) > 0 || !slices.Equal(edited.analyzed, fromSource.analyzed) || !slices.Equal(edited.cached, fromSource.fresh) {
		t.Errorf("roots edited: results from the cache %q, analyzed %q, dependencies from the cache %q; want none, %q, %q", edited.results, edited.analyzed, edited.cached, fromSource.analyzed, fromSource.fresh)
	}
	withFacts := 0
	for k := range fromSource.facts {
		if strings.Count(k, " ") == 2 {
			withFacts++
		}
	}
	findings := 0
	for _, f := range fromSource.findings {
		findings += len(f)
	}
	t.Logf("%d dependencies from the cache, %d object facts; %d roots, %d findings", len(fromCache.cached), withFacts, len(roots), findings)
	if len(fromCache.cached) < 10 || withFacts < 10 || findings < 10 {
		t.Errorf("%d dependencies from the cache, %d object facts, %d findings: the test checks little", len(fromCache.cached), withFacts, findings)
	}
}

// TestLazyTypes checks that a run whose dependencies' facts come from the
// cache loads the types only of those that a package loaded from source
// imports (and of syscall, which the analysis reads whole), and that a fact of an object of a package it never loads (a
// method that an imported package's export data names) still reaches the
// root: app calls Fork on a deep.Forker that lib returns, and imports
// only lib.
func TestLazyTypes(t *testing.T) {
	withCache(t)
	inModule(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"deep/deep.go": `package deep

import "syscall"

type Forker struct{}

func (Forker) Fork() { syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) }
`,
		"lib/lib.go": "package lib\n\nimport \"example.com/m/deep\"\n\nfunc New() deep.Forker { return deep.Forker{} }\n",
		"app/app.go": "package app\n\nimport \"example.com/m/lib\"\n\nfunc F() { lib.New().Fork() }\n",
	})
	if out, err := exec.Command("go", "build", "./app").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out) // export data for every dependency
	}
	want := analyzeResult(t, "./app")
	if len(want.findings["example.com/m/app"]) == 0 {
		t.Fatalf("no finding on app's call of Fork: %q", want.findings)
	}
	editRoots(t, "app") // analyzed again, its imports' facts from the cache
	pkgs, ld, err := analyze(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, []string{"./app"}, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pkgs {
		switch {
		case p.root:
			for _, d := range p.diags {
				got = append(got, fmt.Sprintf("%v: %s", ld.fset.Position(d.Pos), d.Message))
			}
			continue
		case p.ImportPath == "unsafe":
			continue // types.Unsafe, always there
		}
		loaded := p.typed && p.types.Complete()
		if want := p.ImportPath == "example.com/m/lib" || analyzer.ReadsWhole(p.ImportPath); loaded != want || !p.cached && !p.Standard {
			t.Errorf("%s: loaded %v, want %v; facts from the cache %v", p.ImportPath, loaded, want, p.cached)
		}
	}
	if !slices.Equal(got, want.findings["example.com/m/app"]) {
		t.Errorf("findings with deep not loaded: %q, want %q", got, want.findings["example.com/m/app"])
	}
}

// TestWholePackages checks the packages that the analysis reads whole
// (analyzer.ReadsWhole): a root that reaches syscall only through
// packages that are not loaded, from the cache or not, still finds its
// system call numbers (a go:linkname alias of RawSyscall called with
// SYS_FORK's number, in app and in fk, whose fact use reports) and whether
// starting a process takes syscall.ForkLock (hold, which holds it through
// mid and lk while mid and sp start a process: syscall is reachable from
// hold only through packages never loaded); and deep's alias, whose
// syscall only inner, a package never loaded, imports (through wrap).
// No root imports syscall, nor a package whose export data names what the
// analysis looks up.
func TestWholePackages(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("SYS_FORK is 57 on linux/amd64 only")
	}
	withCache(t)
	linkname := `import (
	"os"
	_ "unsafe"
)

//go:linkname rawSyscall syscall.RawSyscall
func rawSyscall(trap, a1, a2, a3 uintptr) (r1, r2, err uintptr)

func Fork() int {
	rawSyscall(57, 0, 0, 0) // SYS_FORK on linux/amd64
	return os.Getpid()
}
`
	inModule(t, map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.26\n",
		"app/app.go":     "package app\n\n" + linkname,
		"fk/fk.go":       "package fk\n\n" + linkname,
		"use/use.go":     "package use\n\nimport \"example.com/m/fk\"\n\nfunc F() int { return fk.Fork() }\n",
		"lk/lk.go":       "package lk\n\nimport \"syscall\"\n\nfunc Lock() { syscall.ForkLock.Lock() }\n\nfunc Unlock() { syscall.ForkLock.Unlock() }\n",
		"sp/sp.go":       "package sp\n\nimport \"os/exec\"\n\nfunc Run() error { return exec.Command(\"true\").Run() }\n",
		"inner/inner.go": "package inner\n\nimport \"syscall\"\n\nfunc Pid() int { return syscall.Getpid() }\n",
		"wrap/wrap.go":   "package wrap\n\nimport \"example.com/m/inner\"\n\nfunc Pid() int { return inner.Pid() }\n",
		"deep/deep.go":   "package deep\n\nimport (\n\t_ \"unsafe\"\n\n\t\"example.com/m/wrap\"\n)\n\n//go:linkname rawSyscall syscall.RawSyscall\nfunc rawSyscall(trap, a1, a2, a3 uintptr) (r1, r2, err uintptr)\n\nfunc Fork() int {\n\trawSyscall(57, 0, 0, 0)\n\treturn wrap.Pid()\n}\n",
		"mid/mid.go":     "package mid\n\nimport (\n\t\"example.com/m/lk\"\n\t\"example.com/m/sp\"\n)\n\nfunc Lock() { lk.Lock() }\n\nfunc Unlock() { lk.Unlock() }\n\nfunc Run() error { return sp.Run() }\n",
		"hold/hold.go":   "package hold\n\nimport \"example.com/m/mid\"\n\nfunc F() error {\n\tmid.Lock()\n\tdefer mid.Unlock()\n\treturn mid.Run()\n}\n",
	})
	if out, err := exec.Command("go", "build", "./...").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out) // export data for every dependency
	}
	want := map[string]string{
		"example.com/m/app":  "rawSyscall(SYS_FORK) forks without exec",
		"example.com/m/deep": "rawSyscall(SYS_FORK) forks without exec",
		"example.com/m/use":  "call of fk.Fork forks without exec",
		"example.com/m/hold": "while syscall.ForkLock is held",
	}
	for _, run := range []string{"facts computed", "facts from the cache"} {
		if run == "facts from the cache" {
			editRoots(t, "app", "use", "hold", "deep") // analyzed again
		}
		got := analyzeResult(t, "./app", "./use", "./hold", "./deep")
		if len(got.results) > 0 {
			t.Errorf("%s: roots' results from the cache: %q", run, got.results)
		}
		for pkg, msg := range want {
			if !slices.ContainsFunc(got.findings[pkg], func(f string) bool { return strings.Contains(f, msg) }) {
				t.Errorf("%s: %s: findings %q, want one with %q", run, pkg, got.findings[pkg], msg)
			}
		}
	}
}

// TestCacheInvalidation checks that a change in a dependency, a new build
// of forkcheck or another flag value are new keys, and that a corrupt or
// unusable cache gives the findings that no cache gives.
func TestCacheInvalidation(t *testing.T) {
	dir := withCache(t)
	inModule(t, module)
	want := analyzeResult(t, "./app")
	if len(want.findings["example.com/m/app"]) == 0 || len(want.computed) == 0 || len(want.fresh) == len(want.computed) {
		t.Fatalf("nothing to check: findings %q, from source %q", want.findings, want.computed)
	}
	if got := analyzeResult(t, "./app"); len(got.cached) == 0 || len(got.fresh) > 0 {
		t.Fatalf("second run: from the cache %q, computed %q", got.cached, got.fresh)
	} else {
		compare(t, got, want)
	}

	t.Run("export data", func(t *testing.T) {
		// Facts computed where the build cache held no export data,
		// restored where it does.
		if out, err := exec.Command("go", "build", "./app").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		got := analyzeResult(t, "./app")
		compare(t, got, want)
		if !slices.Contains(got.exported, "example.com/m/lib") {
			t.Errorf("lib built, but loaded without export data (with export data: %q)", got.exported)
		}
		if !slices.Contains(got.cached, "example.com/m/lib") || len(got.fresh) > 0 {
			t.Errorf("from the cache %q, computed %q; want lib's among the first, none computed", got.cached, got.fresh)
		}
	})
	t.Run("undecodable", func(t *testing.T) {
		// Entries that the cache verifies but that do not decode, which
		// this executable never writes: the run says so and fails.
		c, err := cache.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			var id key
			if name, ok := strings.CutSuffix(d.Name(), "-a"); err == nil && ok && hex.DecodedLen(len(name)) == len(id) {
				if _, err := hex.Decode(id[:], []byte(name)); err != nil {
					return err
				}
				n++
				return c.PutBytes(id, []byte("garbage"))
			}
			return err
		})
		if err != nil || n == 0 {
			t.Fatalf("rewriting %d entries: %v", n, err)
		}
		for _, run1 := range []string{"first run", "second run"} { // nothing found without those facts was kept
			var stdout, stderr strings.Builder
			code := run(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, flags{patterns: []string{"./app"}, context: -1, tests: true}, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), "the fact cache's entry for example.com/m/mid: unexpected EOF") {
				t.Errorf("%s: exit code %d, standard error:\n%s\nwant 1 and the entry of example.com/m/mid said to be unreadable", run1, code, stderr.String())
			}
		}
	})
	t.Run("corrupt", func(t *testing.T) {
		n := 0
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, "-a") || strings.HasSuffix(path, "-d")) {
				n++
				err = os.WriteFile(path, []byte("garbage"), 0o644)
			}
			return err
		})
		if err != nil || n == 0 {
			t.Fatalf("corrupting %d files: %v", n, err)
		}
		got := analyzeResult(t, "./app")
		compare(t, got, want)
		if len(got.cached) > 0 {
			t.Errorf("corrupt entries used: %q", got.cached)
		}
	})
	t.Run("unusable", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Setenv(cacheEnv, filepath.Join(file, "cache"))
		compare(t, analyzeResult(t, "./app"), want)
	})
	t.Run("off", func(t *testing.T) {
		t.Setenv(cacheEnv, "off")
		got := analyzeResult(t, "./app")
		compare(t, got, want)
		if len(got.cached) > 0 {
			t.Errorf("off, but from the cache: %q", got.cached)
		}
	})
	t.Run("new tool", func(t *testing.T) {
		old := toolID
		t.Cleanup(func() { toolID = old })
		toolID = func() ([sha256.Size]byte, error) { return sha256.Sum256([]byte("another build")), nil }
		got := analyzeResult(t, "./app")
		compare(t, got, want)
		if len(got.cached) > 0 {
			t.Errorf("a new tool, but from the cache: %q", got.cached)
		}
	})
	t.Run("flag", func(t *testing.T) {
		strict := analyzer.Analyzer.Flags.Lookup("strict")
		old := strict.Value.String()
		t.Cleanup(func() { strict.Value.Set(old) })
		strict.Value.Set("true")
		if got := analyzeResult(t, "./app"); len(got.cached) > 0 {
			t.Errorf("-strict, but from the cache: %q", got.cached)
		}
	})
	t.Run("changed dependency", func(t *testing.T) {
		// lib no longer forks: mid, which has not changed, must not keep
		// the fact it had from lib.
		if err := os.WriteFile(filepath.Join("lib", "lib.go"), []byte("package lib\n\nimport \"syscall\"\n\nfunc Fork() { syscall.Getpid() }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		got := analyzeResult(t, "./app")
		if !slices.Equal(got.fresh, []string{"example.com/m/lib", "example.com/m/mid"}) {
			t.Errorf("lib changed; facts computed: %q, want lib's and mid's (plain's from the cache)", got.fresh)
		}
		if len(got.findings["example.com/m/app"]) > 0 {
			t.Errorf("lib no longer forks, but app has findings: %q", got.findings)
		}
		if again := analyzeResult(t, "./app"); len(again.fresh) > 0 {
			t.Errorf("after the change, facts computed again: %q", again.fresh)
		}
	})
}

// TestCacheSize checks that capSize removes the least recently used files
// until the cache fits, and walks the cache at most once a day.
func TestCacheSize(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	for i, name := range []string{"00/old-a", "00/old-d", "7f/mid-d", "ff/new-d"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, make([]byte, 100), 0o666); err != nil {
			t.Fatal(err)
		}
		used := now.Add(-time.Duration(5-i) * time.Hour) // the later in the list, the more recently used
		if err := os.Chtimes(path, used, used); err != nil {
			t.Fatal(err)
		}
	}
	left := func() []string {
		var names []string
		for _, sub := range []string{"00", "7f", "ff"} {
			entries, _ := os.ReadDir(filepath.Join(dir, sub))
			for _, e := range entries {
				names = append(names, sub+"/"+e.Name())
			}
		}
		return names
	}
	if err := capSize(dir, 250, now); err != nil {
		t.Fatal(err)
	}
	if got, want := left(), []string{"7f/mid-d", "ff/new-d"}; !slices.Equal(got, want) {
		t.Errorf("left %q, want %q", got, want)
	}
	if err := capSize(dir, 0, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := left(); len(got) != 2 {
		t.Errorf("checked again within a day: left %q", got)
	}
	if err := capSize(dir, 0, now.Add(25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := left(); len(got) != 0 {
		t.Errorf("a day later, cap 0: left %q", got)
	}
}

// TestRootResults checks that the results of the roots' analyses come
// from the cache when their keys are those of an earlier run: output
// byte for byte that of a run without cache, suggested fixes and related
// information included; that a root whose result came from the cache
// gives its types, without export data, to a root that imports it and is
// analyzed again; and that a change in a dependency analyzes its
// importers again.
func TestRootResults(t *testing.T) {
	withCache(t)
	inModule(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"lib/lib.go": `package lib

import "syscall"

func Fork() { syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) }

func Open(name string) (int, error) { return syscall.Open(name, syscall.O_RDONLY, 0) }
`,
		"app/app.go": `package app

import (
	"os/exec"
	"syscall"

	"example.com/m/lib"
)

func F() error {
	lib.Fork()
	syscall.ForkLock.Lock()
	defer syscall.ForkLock.Unlock()
	return exec.Command("true").Run()
}
`,
	}) // never built: no export data
	output := func() (string, int) {
		var stdout, stderr strings.Builder
		code := run(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, flags{patterns: []string{"./..."}, json: true, context: -1, tests: true}, &stdout, &stderr)
		return stdout.String() + stderr.String(), code
	}
	t.Setenv(cacheEnv, "off")
	want, wantCode := output()
	for _, fragment := range []string{"forks without exec", "while syscall.ForkLock is held", "O_CLOEXEC", `"edits"`, `"related"`} {
		if !strings.Contains(want, fragment) {
			t.Fatalf("no %q in the output without cache:\n%s", fragment, want)
		}
	}
	baseline := analyzeResult(t, "./...")
	withCache(t)
	for _, c := range []struct {
		name          string
		edit          []string // roots to edit before the run
		results, anew []string // the roots whose results come from the cache, analyzed
	}{
		{"first", nil, nil, []string{"example.com/m/lib", "example.com/m/app"}},
		{"again", nil, []string{"example.com/m/lib", "example.com/m/app"}, nil},
		{"importer edited", []string{"app"}, []string{"example.com/m/lib"}, []string{"example.com/m/app"}},
		{"import edited", []string{"lib"}, nil, []string{"example.com/m/lib", "example.com/m/app"}},
	} {
		editRoots(t, c.edit...)
		r := analyzeResult(t, "./...")
		if !reflect.DeepEqual(r.findings, baseline.findings) {
			t.Errorf("%s: findings %q, want %q", c.name, r.findings, baseline.findings)
		}
		if !slices.Equal(r.results, c.results) || !slices.Equal(r.analyzed, c.anew) {
			t.Errorf("%s: results from the cache %q, analyzed %q; want %q, %q", c.name, r.results, r.analyzed, c.results, c.anew)
		}
		if got, code := output(); got != want || code != wantCode { // every result from the cache
			t.Errorf("%s, then from the cache: exit code %d, output:\n%s\nwant %d and the output without cache:\n%s", c.name, code, got, wantCode, want)
		}
	}
}

package driver

import (
	"bytes"
	"context"
	"encoding/gob"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis"
)

// module is a module whose root, app, forks through two packages of its
// own (mid, then lib) while it holds a mutex, and imports one (plain) that
// nothing of forkcheck's concerns.
var module = map[string]string{
	"go.mod":         "module example.com/m\n\ngo 1.26\n",
	"lib/lib.go":     "package lib\n\nimport \"syscall\"\n\nfunc Fork() { syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) }\n",
	"mid/mid.go":     "package mid\n\nimport \"example.com/m/lib\"\n\nfunc Spawn() { lib.Fork() }\n",
	"plain/plain.go": "package plain\n\nimport \"strings\"\n\nfunc Upper(s string) string { return strings.ToUpper(s) }\n",
	"app/app.go": `package app

import (
	"sync"

	"example.com/m/mid"
	"example.com/m/plain"
)

var mu sync.Mutex

func F() string {
	mu.Lock()
	defer mu.Unlock()
	mid.Spawn()
	return plain.Upper("x")
}
`,
	"app/app_test.go":  "package app\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { F() }\n",
	"empty/README":     "no Go files here\n",
	"broken/broken.go": "package broken\n\nfunc Broken() int {\n\treturn \"not an int\"\n}\n",
	// The compiler refuses a function without body nor assembly; the type
	// checker, and go/packages loading from source, do not.
	"nobody/nobody.go": "package nobody\n\nfunc NoBody()\n",
	"cycle/a/a.go":     "package a\n\nimport _ \"example.com/m/cycle/b\"\n",
	"cycle/b/b.go":     "package b\n\nimport _ \"example.com/m/cycle/a\"\n",
}

// inModule writes module to a temporary directory and makes it the
// current one, where go list runs.
func inModule(t *testing.T, files map[string]string) {
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

// TestLoad checks what the driver loads from source (the root and the
// dependencies whose facts need it) and what from export data, and that
// the facts cross the packages loaded from source.
func TestLoad(t *testing.T) {
	withCache(t) // empty: nothing from the cache
	inModule(t, module)
	pkgs, _, err := analyze(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, []string{"./app"}, true)
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]*pkg)
	for _, p := range pkgs {
		byID[p.ImportPath] = p
		if len(p.errs) > 0 || p.err != nil {
			t.Errorf("%s: errors %q, %v", p.ImportPath, p.errs, p.err)
		}
	}
	for id, source := range map[string]bool{
		"example.com/m/app":                          true,
		"example.com/m/app [example.com/m/app.test]": true,
		"example.com/m/mid":                          true, // calls lib.Fork, which carries a fact
		"example.com/m/lib":                          true, // imports syscall
		"example.com/m/plain":                        false,
		"strings":                                    false,
		"syscall":                                    false,
	} {
		p := byID[id]
		switch {
		case p == nil:
			t.Errorf("%s not listed", id)
		case p.types == nil || !p.types.Complete():
			t.Errorf("%s: not loaded", id)
		case p.source != source:
			t.Errorf("%s: loaded from source: %v, want %v", id, p.source, source)
		}
	}
	for _, id := range []string{"example.com/m/app", "example.com/m/app [example.com/m/app.test]"} {
		if p := byID[id]; p != nil && !slices.ContainsFunc(p.diags, func(d analysis.Diagnostic) bool {
			return strings.HasPrefix(d.Message, "call of mid.Spawn forks without exec while mu is locked")
		}) {
			t.Errorf("%s: no fork reported through mid.Spawn: %v", id, p.diags)
		}
	}
}

// TestNothingCompiled checks that, on an empty build cache, the driver
// has the go command compile nothing (see toolexec.go), type-checks the
// dependencies from source and finds what it finds on a warm one; and that
// it leaves the build cache as empty of compiled packages as it was.
func TestNothingCompiled(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the standard library's declarations from source")
	}
	t.Setenv("GOCACHE", filepath.Join(t.TempDir(), "gocache"))
	withCache(t)
	files := maps.Clone(module)
	patterns := []string{"./app"}
	if cgoWorks() {
		// A cgo package whose imports are not compiled: go list -export
		// does not run cgo for it (see runCgo).
		files["cgodep/c.go"] = "package cgodep\n\n// static int two(void) { return 2; }\nimport \"C\"\n\nimport \"strings\"\n\nfunc Two() int { return int(C.two()) + len(strings.TrimSpace(\" \")) }\n"
		files["cgoapp/app.go"] = "package cgoapp\n\nimport \"example.com/m/cgodep\"\n\nvar N = cgodep.Two()\n"
		patterns = append(patterns, "./cgoapp")
	}
	inModule(t, files)
	for range 2 { // then with go list's cgo output in the build cache
		pkgs, _, err := analyze(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, patterns, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			if len(p.errs) > 0 || p.err != nil {
				t.Errorf("%s: errors %q, %v", p.ImportPath, p.errs, p.err)
			}
			if p.Export != "" {
				t.Errorf("%s: export data %s, on an empty build cache", p.ImportPath, p.Export)
			}
			if p.ImportPath == "example.com/m/app" && !slices.ContainsFunc(p.diags, func(d analysis.Diagnostic) bool {
				return strings.HasPrefix(d.Message, "call of mid.Spawn forks without exec while mu is locked")
			}) {
				t.Errorf("%s: no fork reported through mid.Spawn: %v", p.ImportPath, p.diags)
			}
		}
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Stale}}{{.ImportPath}}{{end}}", "./app").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, []string{"unsafe"}) {
		t.Errorf("compiled into the build cache: %q", got)
	}

	// With the tests compiled, go list tries to compile only the main
	// package that go test generates: its refusal is no error.
	if out, err := exec.Command("go", "test", "-count=1", "-run=^$", "./app").CombinedOutput(); err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, flags{patterns: []string{"./app"}, context: -1, tests: true}, &stdout, &stderr); code != 3 || strings.Contains(stderr.String(), "not compiled") {
		t.Errorf("with the tests compiled: exit code %d, want 3; stderr:\n%s", code, stderr.String())
	}
}

// TestRun checks the output and exit codes of the driver, as singlechecker
// gives them.
func TestRun(t *testing.T) {
	inModule(t, module)
	const finding = "app/app.go:15:2: call of mid.Spawn forks without exec while mu is locked"
	for _, c := range []struct {
		name     string
		fl       flags
		code     int
		out, err string // substrings of stdout and stderr; "" for none at all
	}{
		{"text", flags{patterns: []string{"./app/..."}, context: -1, tests: true}, 3, "", finding},
		// go list -export's own report of the failed compilation is left
		// out: the type checker says the same.
		// The first error, as go vet prints it, and not "analysis skipped".
		{"type error", flags{patterns: []string{"./broken"}, context: -1}, 1, "", "broken/broken.go:4:9: cannot use \"not an int\" (untyped string constant) as int value in return statement\n"},
		{"json", flags{patterns: []string{"./app"}, json: true, context: -1}, 0, `"example.com/m/app": {`, ""},
		{"clean", flags{patterns: []string{"./plain"}, context: -1}, 0, "", ""},
		{"no body", flags{patterns: []string{"./nobody"}, context: -1}, 0, "", ""},
		// A package waits for its imports: a cycle must not deadlock.
		{"import cycle", flags{patterns: []string{"./cycle/..."}, context: -1}, 1, "", "import cycle not allowed"},
		{"nothing matched", flags{patterns: []string{"./empty/..."}, context: -1}, 1, "", "forkcheck: ./empty/... matched no packages"},
		{"no such directory", flags{patterns: []string{"./none/..."}, context: -1}, 1, "", "pattern ./none/...: lstat ./none/: no such file or directory\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, c.fl, &stdout, &stderr)
			if code != c.code {
				t.Errorf("exit code %d, want %d", code, c.code)
			}
			if strings.Contains(stderr.String(), "# example.com") {
				t.Errorf("stderr has go list's report of the compilation: %q", stderr.String())
			}
			for _, extra := range []string{"analysis skipped", "-: "} { // not as go vet prints errors
				if strings.Contains(stderr.String(), extra) {
					t.Errorf("stderr has %q: %q", extra, stderr.String())
				}
			}
			for _, out := range []struct {
				name, got, want string
			}{{"stdout", stdout.String(), c.out}, {"stderr", filepath.ToSlash(stderr.String()), c.err}} {
				if out.want == "" && out.got != "" || !strings.Contains(out.got, out.want) {
					t.Errorf("%s = %q, want %q", out.name, out.got, out.want)
				}
			}
		})
	}
}

// TestSummarizeErrors checks that a package's errors print as go vet
// prints them: the first, and the number of other lines with errors.
func TestSummarizeErrors(t *testing.T) {
	for _, c := range []struct {
		errs []string
		want string
	}{
		{[]string{"/m/p.go:6:17: missing ','"}, "/m/p.go:6:17: missing ','"},
		{[]string{"/m/p.go:6:17: missing ','", "/m/p.go:6:20: missing ','", "/m/p.go:7:2: undefined: x", "/m/q.go:7:2: undefined: y"},
			"/m/p.go:6:17: missing ',' (and 2 more errors)"},
		{[]string{"-: pattern ./none/...: lstat ./none/: no such file or directory"}, "pattern ./none/...: lstat ./none/: no such file or directory"},
	} {
		if got := summarizeErrors(c.errs); got != c.want {
			t.Errorf("summarizeErrors(%q) = %q, want %q", c.errs, got, c.want)
		}
	}
}

// TestCgoFailure checks that when cgo fails, what it said is reported, and
// the package is not analyzed.
func TestCgoFailure(t *testing.T) {
	if !cgoWorks() {
		t.Skip("cgo is disabled, or no gcc: go list runs cgo only with a C compiler (.ci/run installs it)")
	}
	inModule(t, map[string]string{
		"go.mod":        "module example.com/c\n\ngo 1.26\n",
		"cgofail/c.go":  "package cgofail\n\n// #include <no/such/header.h>\nimport \"C\"\n\nfunc F() {}\n",
		"cgofail/go.go": "package cgofail\n\nfunc G() {}\n",
	})
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, flags{patterns: []string{"./cgofail"}, context: -1}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	// cgo's error, and not the type checker's "could not import C" that follows.
	for _, want := range []string{"no/such/header.h", "more errors)"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

// cgoWorks reports whether cgo is on and has a C compiler.
func cgoWorks() bool {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	_, gcc := exec.LookPath("gcc")
	return err == nil && strings.TrimSpace(string(out)) == "1" && gcc == nil
}

// TestCgoOff checks that a dependency with only cgo files, when cgo is
// off, is an empty package, as go/packages sees it, and not an error that
// only go list -export gives.
func TestCgoOff(t *testing.T) {
	t.Setenv("CGO_ENABLED", "0")
	inModule(t, map[string]string{
		"go.mod":           "module example.com/c\n\ngo 1.26\n",
		"cgodep/c.go":      "package cgodep\n\nimport \"C\"\n",
		"cgodep/c_test.go": "package cgodep\n",
		"usescgo/uses.go":  "package usescgo\n\nimport _ \"example.com/c/cgodep\"\n",
	})
	// As a dependency, and as a package matched for its tests.
	for _, pattern := range []string{"./usescgo", "./..."} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, flags{patterns: []string{pattern}, context: -1, tests: true}, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
			t.Errorf("%s: exit code %d, stderr %q; want 0 and nothing", pattern, code, stderr.String())
		}
	}
}

// TestPackagesDriver checks that a run for another build system's
// go/packages driver is left to singlechecker, which asks it.
func TestPackagesDriver(t *testing.T) {
	t.Setenv("GOPACKAGESDRIVER", "/bin/false")
	if _, ok := Main(analyzer.Analyzer, analyzer.DependencyMatters, analyzer.ReadsWhole, []string{"./..."}); ok {
		t.Error("Main ran with GOPACKAGESDRIVER set")
	}
}

// TestParseFlags checks which command lines the driver takes and which it
// leaves to singlechecker.
func TestParseFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		ok   bool
	}{
		{[]string{"./..."}, true},
		{[]string{"-json", "-c", "2", "-test=false", "./a", "./b"}, true},
		{[]string{"-strict=false", "./..."}, true}, // the analyzer's flag (left as it was)
		{[]string{"-cpuprofile", "cpu.prof", "./..."}, true},
		{nil, false},                       // usage
		{[]string{"-fix", "./..."}, false}, // fixes
		{[]string{"-diff", "-fix", "./..."}, false},
		{[]string{"-V=full"}, false}, // go vet's protocol
		{[]string{"-flags"}, false},
		{[]string{"/tmp/vet.cfg"}, false},
		{[]string{"-help"}, false},
		{[]string{"-nosuchflag", "./..."}, false}, // singlechecker says what is wrong
	} {
		fl, ok := parseFlags(analyzer.Analyzer, c.args)
		if ok != c.ok {
			t.Errorf("parseFlags(%q): ok = %v, want %v", c.args, ok, c.ok)
		}
		if ok && !slices.Equal(fl.patterns, slices.DeleteFunc(slices.Clone(c.args), func(a string) bool {
			return strings.HasPrefix(a, "-") || a == "2" || a == "cpu.prof"
		})) {
			t.Errorf("parseFlags(%q): patterns %q", c.args, fl.patterns)
		}
	}
}

// A testFact is a fact for TestVisibleFacts.
type testFact struct{ N int }

func (*testFact) AFact() {}

// TestVisibleFacts checks that a pass sees the facts of its package and its
// dependencies, not those of its importers; and, of a dependency whose
// facts came from the cache, those of its objects that are loaded.
func TestVisibleFacts(t *testing.T) {
	dep := &pkg{types: types.NewPackage("dep", "dep")}
	lib := &pkg{types: types.NewPackage("lib", "lib"), imports: []*pkg{dep}}
	app := &pkg{types: types.NewPackage("app", "app"), imports: []*pkg{lib}}
	ld := &loader{facts: newFacts([]analysis.Fact{new(testFact)})}
	fs := ld.facts
	sig := types.NewSignatureType(nil, nil, nil, nil, nil, false)
	for _, p := range []*pkg{lib, app} {
		fn := types.NewFunc(token.NoPos, p.types, "F", sig)
		fs.objs[objectKey{fn, reflect.TypeFor[*testFact]()}] = new(testFact)
		fs.pkgs[packageKey{p.types, reflect.TypeFor[*testFact]()}] = new(testFact)
	}
	// dep's facts came from the cache, encoded: F is loaded (lib's export
	// data named it), G is not.
	dep.types.Scope().Insert(types.NewFunc(token.NoPos, dep.types, "F", sig))
	gob.Register(new(testFact))
	var data bytes.Buffer
	if err := gob.NewEncoder(&data).Encode(&cachedFacts{
		Objects: []cachedObjectFact{{"F", "F", new(testFact)}, {"G", "G", new(testFact)}},
		Package: []analysis.Fact{new(testFact)},
	}); err != nil {
		t.Fatal(err)
	}
	fs.keep(dep.types, data.Bytes())
	for _, c := range []struct {
		p    *pkg
		want int
	}{{dep, 1}, {lib, 2}, {app, 3}} {
		if objs, pkgs := len(ld.allObjectFacts(c.p)), len(fs.allPackageFacts(c.p)); objs != c.want || pkgs != c.want {
			t.Errorf("%s sees %d object facts and %d package facts, want %d of each", c.p.types.Path(), objs, pkgs, c.want)
		}
	}
	if bad := fs.unreadable(); len(bad) > 0 {
		t.Errorf("unreadable: %q", bad)
	}
}

// TestUndecodableFacts checks that facts from the cache that do not
// decode, or are of a type not the analyzer's, are none, and said to be
// unreadable.
func TestUndecodableFacts(t *testing.T) {
	gob.Register(new(markFact))
	var other bytes.Buffer
	if err := gob.NewEncoder(&other).Encode(&cachedFacts{Package: []analysis.Fact{new(markFact)}}); err != nil {
		t.Fatal(err)
	}
	fs := newFacts([]analysis.Fact{new(testFact)})
	bad, foreign := types.NewPackage("bad", "bad"), types.NewPackage("foreign", "foreign")
	fs.keep(bad, []byte("garbage"))
	fs.keep(foreign, other.Bytes())
	for _, pkg := range []*types.Package{foreign, bad} {
		if names := fs.factNames(pkg); len(names) > 0 {
			t.Errorf("%s: facts of %q", pkg.Path(), slices.Sorted(maps.Keys(names)))
		}
	}
	want := []string{"bad: unexpected EOF", "foreign: a fact of a type not the analyzer's"}
	if got := fs.unreadable(); !slices.Equal(got, want) {
		t.Errorf("unreadable: %q, want %q", got, want)
	}
}

// A markFact marks a function named Mark for TestPanic's analyzer.
type markFact struct{}

func (*markFact) AFact() {}

// panicky exports a markFact on each function named Mark, reports each
// call of a function that carries one, and panics on the package boom (an
// index out of range, as the analyzer's own crash did), after exporting its
// facts.
var panicky = &analysis.Analyzer{
	Name:      "panicky",
	Doc:       "panicky panics on the package boom",
	FactTypes: []analysis.Fact{(*markFact)(nil)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if n.Name.Name == "Mark" {
						pass.ExportObjectFact(pass.TypesInfo.Defs[n.Name], new(markFact))
					}
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && pass.ImportObjectFact(pass.TypesInfo.Uses[sel.Sel], new(markFact)) {
						pass.Reportf(n.Pos(), "call of marked %s", sel.Sel.Name)
					}
				}
				return true
			})
		}
		if pass.Pkg.Name() == "boom" {
			var none []int
			_ = none[len(pass.Files)] // boom
		}
		return nil, nil
	},
}

// TestPanic checks that a panic of the analyzer on one package is that
// package's error, naming the panic and where it happened, that every other
// package's findings are still reported, that a package importing the one
// that panicked is analyzed without its facts (as go vet does), and that the
// exit code says there were errors.
func TestPanic(t *testing.T) {
	inModule(t, map[string]string{
		"go.mod":         "module example.com/p\n\ngo 1.26\n",
		"lib/lib.go":     "package lib\n\nfunc Mark() {}\n",
		"boom/boom.go":   "package boom\n\nimport \"example.com/p/lib\"\n\nfunc Mark() { lib.Mark() }\n",
		"user/user.go":   "package user\n\nimport (\n\t\"example.com/p/boom\"\n\t\"example.com/p/lib\"\n)\n\nfunc F() {\n\tboom.Mark()\n\tlib.Mark()\n}\n",
		"other/other.go": "package other\n\nimport \"example.com/p/lib\"\n\nfunc G() { lib.Mark() }\n",
	})
	everything := func([]string, [][]byte, func(string) bool) bool { return true }
	for _, pattern := range []string{"./...", "./user"} { // boom a root, and a dependency only
		t.Run(pattern, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), panicky, everything, nil, flags{patterns: []string{pattern}, context: -1}, &stdout, &stderr)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			got := filepath.ToSlash(stderr.String())
			want := []string{
				"panicky: internal error: analysis of example.com/p/boom panicked: runtime error: index out of range [1] with length 0\n\tgithub.com/forkcheck/forkcheck/internal/driver.init.func",
				"user/user.go:10:2: call of marked Mark", // lib.Mark: lib's facts are there
			}
			if pattern == "./..." {
				want = append(want, "other/other.go:5:12: call of marked Mark")
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("stderr lacks %q:\n%s", w, got)
				}
			}
			// boom.Mark's fact was dropped with the panic; boom's own
			// finding (its call of lib.Mark) too.
			for _, bad := range []string{"user/user.go:9:", "boom/boom.go:5:", "failed prerequisites"} {
				if strings.Contains(got, bad) {
					t.Errorf("stderr has %q:\n%s", bad, got)
				}
			}
			if strings.Contains(got, "runRecovered") {
				t.Errorf("the stack goes on into the driver:\n%s", got)
			}
			if n := strings.Count(got, "panicked"); n != 1 {
				t.Errorf("the panic is reported %d times, want once:\n%s", n, got)
			}
		})
	}
}

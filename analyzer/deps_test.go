package analyzer_test

import (
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestDependencyMatters checks DependencyMatters' promise on every package
// of the testdata: a package for which it reports false carries no object
// fact of its own, and its package fact is the one the analyzer computes
// without its files, as the standalone driver runs it on a package loaded
// from export data. It also checks that the test is not vacuous: some
// packages are skipped, and some carry facts of their own.
func TestDependencyMatters(t *testing.T) {
	for _, platform := range factPlatforms {
		t.Run(platform[0]+"/"+platform[1], func(t *testing.T) {
			pkgs := loadTestdata(t, platform, false)
			graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
			if err != nil {
				t.Fatal(err)
			}
			skipped, withFacts := 0, 0
			for act := range graph.All() {
				pkg := act.Package
				if !strings.Contains(pkg.PkgPath, "/") || act.Err != nil {
					continue
				}
				own, names := objectFacts(act)
				if len(own) > 0 {
					withFacts++
				}
				if analyzer.DependencyMatters(importPaths(pkg), sources(t, pkg), func(name string) bool { return names[name] }) {
					continue
				}
				skipped++
				if len(own) > 0 {
					t.Errorf("%s: skipped, but it carries facts of its own: %v", pkg.PkgPath, own)
				}
				if got, want := factWithoutFiles(t, act), packageFacts(act); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: skipped; without its files its package fact is %v, from its source %v", pkg.PkgPath, got, want)
				}
			}
			t.Logf("%d skipped, %d with facts", skipped, withFacts)
			if skipped == 0 || withFacts == 0 {
				t.Errorf("%d packages skipped, %d with facts of their own: the test checks nothing", skipped, withFacts)
			}
		})
	}
}

// factPlatforms are the platforms on which the tests that compare facts
// run: two architectures of linux, and darwin.
var factPlatforms = [][2]string{{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "arm64"}}

// loadTestdata loads every package of the testdata, with its syntax and
// types, for platform (GOOS and GOARCH), and with its tests if tests is
// set.
func loadTestdata(t *testing.T, platform [2]string, tests bool) []*packages.Package {
	dir := testdata(t)
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Tests: tests,
		Dir:   filepath.Join(dir, "src"),
		Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOOS="+platform[0], "GOARCH="+platform[1], "CGO_ENABLED=0"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// objectFacts returns the object facts of act's package, and the names of
// the objects of its dependencies that carry one.
func objectFacts(act *checker.Action) (own []analysis.ObjectFact, depNames map[string]bool) {
	depNames = make(map[string]bool)
	for _, f := range act.AllObjectFacts() {
		if f.Object.Pkg() == act.Package.Types {
			own = append(own, f)
		} else {
			depNames[f.Object.Name()] = true
		}
	}
	return own, depNames
}

// packageFacts returns the package facts of act's package.
func packageFacts(act *checker.Action) []analysis.Fact {
	var facts []analysis.Fact
	for _, f := range act.AllPackageFacts() {
		if f.Package == act.Package.Types {
			facts = append(facts, f.Fact)
		}
	}
	return facts
}

func importPaths(pkg *packages.Package) []string {
	var paths []string
	for _, imp := range pkg.Imports {
		paths = append(paths, imp.PkgPath)
	}
	return paths
}

func sources(t *testing.T, pkg *packages.Package) [][]byte {
	var srcs [][]byte
	for _, name := range pkg.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	return srcs
}

// factWithoutFiles runs the analyzer on act's package without its files,
// with the facts of its dependencies, and returns the package fact it
// exports.
func factWithoutFiles(t *testing.T, act *checker.Action) []analysis.Fact {
	var got []analysis.Fact
	pass := &analysis.Pass{
		Analyzer:   analyzer.Analyzer,
		Fset:       act.Package.Fset,
		Pkg:        act.Package.Types,
		TypesInfo:  new(types.Info),
		TypesSizes: act.Package.TypesSizes,
		ResultOf:   map[*analysis.Analyzer]any{},
		Report: func(d analysis.Diagnostic) {
			t.Errorf("%s: reported without files: %s", act.Package.PkgPath, d.Message)
		},
		ImportObjectFact:  act.ObjectFact,
		ImportPackageFact: act.PackageFact,
		ExportObjectFact: func(obj types.Object, f analysis.Fact) {
			t.Errorf("%s: exports %v for %v without files", act.Package.PkgPath, f, obj)
		},
		ExportPackageFact: func(f analysis.Fact) { got = append(got, f) },
		AllObjectFacts:    act.AllObjectFacts,
		AllPackageFacts:   act.AllPackageFacts,
	}
	if _, err := analyzer.Analyzer.Run(pass); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestDependencyMattersRules checks each thing that makes a dependency
// matter on its own, and that a package with none of them does not.
func TestDependencyMattersRules(t *testing.T) {
	isWrap := func(name string) bool { return name == "Wrap" }
	for _, c := range []struct {
		name    string
		imports []string
		src     string
		want    bool
	}{
		{"plain", []string{"fmt"}, "package p\n\nimport \"fmt\"\n\n// go here, see //go:linkname\nfunc F() { fmt.Println(\"go Run\") }\n", false},
		{"a call of a function without a fact", []string{"b"}, "package p\n\nimport \"b\"\n\nfunc F() { b.Other() }\n", false},
		{"syscall", []string{"syscall"}, "package p\n\nimport \"syscall\"\n\nvar _ = syscall.Getpid\n", true},
		{"x/sys/unix", []string{"golang.org/x/sys/unix"}, "package p\n", true},
		{"vendored x/sys/unix", []string{"example.com/m/vendor/golang.org/x/sys/unix"}, "package p\n", true},
		{"a go statement", nil, "package p\n\nfunc F() { go F() }\n", true},
		{"a go:linkname directive", []string{"unsafe"}, "package p\n\nimport _ \"unsafe\"\n\n//go:linkname f runtime.f\nfunc f()\n", true},
		{"LockOSThread", []string{"runtime"}, "package p\n\nimport \"runtime\"\n\nfunc F() { runtime.LockOSThread() }\n", true},
		{"a process start", []string{"example.com/cmd"}, "package p\n\nimport \"example.com/cmd\"\n\nfunc F() { cmd.New().Run() }\n", true},
		{"a thread attribute", []string{"example.com/attr"}, "package p\n\nimport \"example.com/attr\"\n\nvar _ = attr.A{Pdeathsig: 9}\n", true},
		{"a cgo fork", nil, "package p\n\nfunc F() { _Cfunc_fork() }\n", true},
		{"a call of a function with a fact", []string{"b"}, "package p\n\nimport \"b\"\n\nfunc F() { b.Wrap() }\n", true},
		{"a file that does not scan", nil, "package p\n\nvar s = \"unterminated\n", true},
		{"a mutex left locked", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc Hold(m *sync.Mutex) { m.Lock() }\n", true},
		{"a mutex unlocked for the caller", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc Release(m *sync.RWMutex) { m.RUnlock() }\n", true},
		{"a lock in a function literal", []string{"sync"}, "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nvar Freeze = func() { mu.Lock() }\n\nfunc F() { mu.Lock(); defer mu.Unlock(); Freeze() }\n", true},
		{"a lock operation as a value", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc Locker(m *sync.Mutex) func() { return m.Lock }\n", true},
		{"RLocker", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc L(m *sync.RWMutex) { m.RLocker().Lock() }\n", true},
		{"other modes", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc F(m *sync.RWMutex) { m.RLock(); m.Unlock() }\n", true},
		{"locks released in the same function", []string{"sync"}, "package p\n\nimport \"sync\"\n\ntype S struct{ mu sync.RWMutex }\n\nfunc (s *S) F() {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\ts.mu.RLock()\n\ts.mu.RUnlock()\n}\n", false},
		{"an unlock deferred in a literal", []string{"sync"}, "package p\n\nimport \"sync\"\n\ntype S struct{ mu sync.Mutex }\n\nfunc (s *S) F() {\n\ts.mu.Lock()\n\tdefer func() {\n\t\ts.mu.Unlock()\n\t}()\n}\n", false},
		{"an unlock in a literal called on the spot", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc F(m *sync.Mutex) { m.Lock(); func() { m.Unlock() }() }\n", false},
		{"a literal's parameter names another mutex", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc Swap(a, b *sync.Mutex) { a.Lock(); func(a *sync.Mutex) { a.Unlock() }(b) }\n", true},
		{"a literal that declares the name again", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc Swap(a, b *sync.Mutex) { a.Lock(); func() { a := b; a.Unlock() }() }\n", true},
		{"a literal called at package level", []string{"sync"}, "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nvar _ = func() int { mu.Lock(); return 0 }()\n", true},
		{"an unlock in a goroutine", []string{"sync"}, "package p\n\nimport \"sync\"\n\nfunc F(m *sync.Mutex) { m.Lock(); go func() { m.Unlock() }() }\n", true},
		{"a lock of a file that does not parse", nil, "package p\n\nfunc F() { mu.Lock( }\n", true},
	} {
		if got := analyzer.DependencyMatters(c.imports, [][]byte{[]byte(c.src)}, isWrap); got != c.want {
			t.Errorf("%s: DependencyMatters = %v, want %v", c.name, got, c.want)
		}
	}
}

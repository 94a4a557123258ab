package analyzer_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// testdata returns the absolute path of the repository's testdata: go list
// wants an absolute GOPATH. It stats every file there, so that go test's
// cache, which sees only the files the test process opens, is invalidated
// when the testdata changes (analysistest reads it through go list).
func testdata(t testing.TB) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// target makes the test analyze packages for goos/goarch, without cgo.
func target(t *testing.T, goos, goarch string) {
	t.Setenv("GOOS", goos)
	t.Setenv("GOARCH", goarch)
	t.Setenv("CGO_ENABLED", "0")
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{analyzer.Analyzer}); err != nil {
		t.Fatal(err)
	}
}

func TestDoc(t *testing.T) {
	doc := analyzer.Analyzer.Doc
	title, _, _ := strings.Cut(doc, "\n")
	if title != "report fork without exec and the traps of starting processes" {
		t.Errorf("title = %q", title)
	}
	for _, want := range []string{"# Check rawfork", "WRONG:", "RIGHT:", "syscall.RawSyscall(SYS_FORK) forks without exec: the child can deadlock"} {
		if !strings.Contains(doc, want) {
			t.Errorf("Doc lacks %q", want)
		}
	}
}

// TestChecks runs each check of the registry over its testdata package,
// testdata/src/CATEGORY/..., on linux/amd64. What they cover:
//   - rawfork: the spellings of a raw fork, the witnesses both ways, facts
//     across packages and the negatives;
//   - forklock: process starts under syscall.ForkLock, through a library's
//     facts and the package's callers, and the documented idiom;
//   - cloexec: descriptors created without close-on-exec through syscall and
//     golang.org/x/sys/unix, the ForkLock idiom, main packages that start no
//     process, and the fixes (golden files: a package with one is run with
//     its fixes);
//   - threadattr: Pdeathsig and Ptrace set for a process started from a
//     goroutine that may not be locked to its thread, through helpers of the
//     package and of other packages, and the locked shapes;
//   - strict: with -strict, the safe process starts reported for audit when
//     a witness precedes them (strict/on), and nothing of the kind without
//     the flag (strict/off).
//
// A new check needs no edit here: its testdata package is found by its
// category.
func TestChecks(t *testing.T) {
	for _, category := range analyzer.Categories {
		t.Run(category, func(t *testing.T) {
			target(t, "linux", "amd64")
			if category == "strict" {
				analysistest.Run(t, testdata(t), analyzer.Analyzer, "strict/off")
				setFlag(t, "strict", "true")
				analysistest.Run(t, testdata(t), analyzer.Analyzer, "strict/on")
				return
			}
			if hasGolden(t, filepath.Join(testdata(t), "src", category)) {
				analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, category+"/...")
			} else {
				analysistest.Run(t, testdata(t), analyzer.Analyzer, category+"/...")
			}
		})
	}
}

// hasGolden reports whether dir holds a .golden file: the fixes of its
// packages are checked against them.
func hasGolden(t *testing.T, dir string) bool {
	matches, err := filepath.Glob(filepath.Join(dir, "*", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	return len(matches) > 0
}

// setFlag sets a flag of the analyzer for the rest of the test.
func setFlag(t testing.TB, name, value string) {
	f := analyzer.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

// TestSuppress covers the //forkcheck:ignore directive, the findings
// about directives that are malformed or suppress nothing, //line
// directives between a directive and its finding, and what a suppression
// in a library means for its importers (suppress/lib, suppress/user).
func TestSuppress(t *testing.T) {
	target(t, "linux", "amd64")
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "suppress/...")
}

// TestCgo needs a C compiler: go list runs cgo to type-check the package.
func TestCgo(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no gcc: cgo packages cannot be type-checked here")
	}
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", "amd64")
	t.Setenv("CGO_ENABLED", "1")
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "cgo/fork")
}

// TestPlatforms checks that the numbers come from the target's syscall
// package: clone is the fork of linux/arm64, clone3 is 5435 on
// linux/mips64le, darwin's fork is 2, and windows has nothing to find.
func TestPlatforms(t *testing.T) {
	for _, tc := range []struct{ goos, goarch, pattern string }{
		{"linux", "arm64", "arm64/..."},
		{"linux", "mips64le", "mips64/..."},
		{"darwin", "arm64", "darwin/..."},
		{"windows", "amd64", "windows/..."},
		{"windows", "amd64", "noforklock/held"},
		{"plan9", "amd64", "noforklock/held"},
		{"js", "wasm", "noforklock/..."},
		{"wasip1", "wasm", "noforklock/pipes"}, // no ForkLock at all
	} {
		t.Run(tc.goos+"_"+tc.goarch, func(t *testing.T) {
			target(t, tc.goos, tc.goarch)
			analysistest.Run(t, testdata(t), analyzer.Analyzer, tc.pattern)
		})
	}
}

// TestFixesCompile builds the golden files of TestCloexec and
// TestDaemonize, the code as the fixes leave it, for the platform they were
// made for.
func TestFixesCompile(t *testing.T) {
	src := filepath.Join(testdata(t), "src")
	gopath := t.TempDir()
	var goldens []string
	for _, dir := range []string{"cloexec", "daemonize"} {
		found, err := filepath.Glob(filepath.Join(src, dir, "*", "*.golden"))
		if err != nil || len(found) == 0 {
			t.Fatalf("no golden files in %s: %v", dir, err)
		}
		goldens = append(goldens, found...)
	}
	stub, err := filepath.Glob(filepath.Join(src, "golang.org", "x", "sys", "unix", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	copies := make(map[string]string)
	for _, g := range append(stub, goldens...) {
		copies[g] = ""
	}
	for from := range copies {
		rel, _ := filepath.Rel(src, strings.TrimSuffix(from, ".golden"))
		to := filepath.Join(gopath, "src", rel)
		data, err := os.ReadFile(from)
		if err == nil {
			err = os.MkdirAll(filepath.Dir(to), 0o777)
		}
		if err == nil {
			err = os.WriteFile(to, data, 0o666)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, "cloexec/...", "daemonize/...")
	cmd.Dir = filepath.Join(gopath, "src")
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the fixed code does not build: %v\n%s", err, out)
	}
}

package main

// End-to-end tests: build the command and run it the way users do, standalone
// (forkcheck ./...) and as a vet tool (go vet -vettool=forkcheck ./...), on
// the module in testdata/e2e:
//
//	c      forks with syscall.RawSyscall(SYS_FORK)
//	b      calls c.Fork after a go statement and under a lock (b_test.go
//	       gives b a test variant)
//	a      a command that calls b.Detach
//	clean  nothing to report
//	safe   the fork-then-exec idiom, not reported
//
// Every go command runs with GOFLAGS cleared, GOWORK=off, GOPROXY=off and
// GOTOOLCHAIN=local (the module needs only the standard library), for
// linux/amd64 whatever the host. The command is built once per test binary
// (TestMain's temporary directory), and the build caches are shared as far
// as they can be without replaying results:
//
//   - go vet caches a vet tool's results keyed by the tool binary, so a
//     shared cache could replay findings instead of computing them. Each go
//     vet run gets a build cache of its own, a copy of a warm cache made
//     once per test binary by the freshly built tool, which holds the
//     compiled standard packages the module imports and forkcheck's facts
//     about them, and nothing about the e2e module.
//   - The standalone driver caches no results in the build cache, only the
//     compiled export data of go list -export: its runs use the user's build
//     cache, warm after the first run of the tests, and a fact cache
//     (FORKCHECK_CACHE) of the test binary's own.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

const deadlock = "the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead"

// wantFindings is what both drivers report on the e2e module, sorted:
// position, message and, indented, the related information in the order
// printed (the primitive behind a call first, then the witnesses).
// Each message ends with the category, in both drivers, in text and JSON.
var wantFindings = []string{
	"a/main.go:12:5: call of b.Detach forks without exec: " + deadlock + " (rawfork)" +
		"\n\tc/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks here, through c.Fork",
	"b/b.go:16:9: call of c.Fork forks without exec after a goroutine is started: " + deadlock + " (rawfork)" +
		"\n\tc/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks here" +
		"\n\tb/b.go:15:2: goroutine started here",
	"b/b.go:23:9: call of c.Fork forks without exec while mu is locked: " + deadlock + " (rawfork)" +
		"\n\tc/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks here" +
		"\n\tb/b.go:21:2: mu locked here",
	"c/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks without exec: " + deadlock + " (rawfork)",
}

// wantEnds gives the end of each finding's range: the called function's
// name, not the whole call.
var wantEnds = map[string]string{
	"a/main.go:12:5": "a/main.go:12:13", // b.Detach
	"b/b.go:16:9":    "b/b.go:16:15",    // c.Fork
	"b/b.go:23:9":    "b/b.go:23:15",    // c.Fork
	"c/c.go:9:15":    "c/c.go:9:33",     // syscall.RawSyscall
}

// crash matches a panic or the start of a goroutine dump. (Messages and the
// help text speak of goroutines, so "goroutine " alone may be printed.)
var crash = regexp.MustCompile(`panic:|(?m)^(fatal error: |goroutine \d+ \[)`)

// tempRoot holds the binary and the warm cache for the whole run.
var tempRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "forkcheck-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tempRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// A tool is the built command and a build cache holding the compiled
// standard packages the e2e module imports and the command's facts about
// them.
type tool struct {
	bin       string
	warmCache string
}

// warmModule imports the standard packages of the e2e module; vetting it
// warms a cache without analyzing the e2e module.
var warmModule = map[string]string{
	"go.mod":  "module example.com/warm\n\ngo 1.26\n",
	"warm.go": "package warm\n\nimport (\n\t_ \"sync\"\n\t_ \"syscall\"\n\t_ \"unsafe\"\n)\n",
}

// buildTool builds the command while it compiles the standard packages into
// the warm cache, then adds the command's facts about them.
var buildTool = sync.OnceValues(func() (tool, error) {
	exe := "forkcheck"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	tl := tool{bin: filepath.Join(tempRoot, exe), warmCache: filepath.Join(tempRoot, "gocache")}
	warm := filepath.Join(tempRoot, "warm")
	if err := writeFiles(warm, warmModule); err != nil {
		return tool{}, err
	}
	var wg sync.WaitGroup
	var buildErr, compileErr error
	wg.Go(func() {
		// The command is built for the host with the user's build cache:
		// it is a build, not a vet result.
		buildErr = goCommand("", "", "build", "-o", tl.bin, ".")
	})
	wg.Go(func() {
		compileErr = goCommand(tl.warmCache, warm, "build", ".")
	})
	wg.Wait()
	if err := errors.Join(buildErr, compileErr); err != nil {
		return tool{}, err
	}
	return tl, goCommand(tl.warmCache, warm, "vet", "-vettool="+tl.bin, ".")
})

// writeFiles writes files (slash path to content) under dir.
func writeFiles(dir string, files map[string]string) error {
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// goCommand runs go args in dir with goEnv(cache) (the host's environment
// when cache is empty) and returns an error with its output if it fails.
func goCommand(cache, dir string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if cache != "" {
		cmd.Env = goEnv(cache)
	} else {
		cmd.Env = append(os.Environ(), "GOFLAGS=")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// goEnv returns the environment of the analyzed runs: the host's, with the
// variables that could change the results or reach the network replaced,
// and the build cache cache, or the user's if cache is "".
func goEnv(cache string) []string {
	set := []string{
		"FORKCHECK_CACHE=" + filepath.Join(tempRoot, "factcache"),
		"GOFLAGS=",
		"GOWORK=off",
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GO111MODULE=on",
		"GOOS=linux",
		"GOARCH=amd64",
		"CGO_ENABLED=0",
	}
	if cache != "" {
		set = append(set, "GOCACHE="+cache)
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.ContainsFunc(set, func(s string) bool { return strings.HasPrefix(s, name+"=") })
	})
	return append(env, set...)
}

// setup returns the tool, building it on first use.
func setup(t *testing.T) tool {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("no go command: %v", err)
	}
	tl, err := buildTool()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// module copies testdata/e2e to a new directory, adds files (slash path to
// content) and returns the directory, symbolic links resolved so that it
// prefixes the paths the drivers print.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "e2e"))); err != nil {
		t.Fatal(err)
	}
	if err := writeFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A runner runs the analyzer on packages of the module in dir.
type runner func(t *testing.T, tl tool, dir string, args ...string) result

// textDrivers are the two drivers with the exit code each gives when it
// prints findings as text.
var textDrivers = []struct {
	name string
	run  runner
	code int
}{
	{"standalone", standalone, 3},
	{"go vet", vet, 1},
}

// standalone runs forkcheck args, with the user's build cache: the driver
// caches nothing there but compiled export data.
func standalone(t *testing.T, tl tool, dir string, args ...string) result {
	t.Helper()
	return run(t, goEnv(""), dir, tl.bin, args...)
}

// vet runs go vet -vettool=forkcheck args, with a copy of the warm cache of
// its own.
func vet(t *testing.T, tl tool, dir string, args ...string) result {
	t.Helper()
	cache := t.TempDir()
	if err := os.CopyFS(cache, os.DirFS(tl.warmCache)); err != nil {
		t.Fatal(err)
	}
	return run(t, goEnv(cache), dir, "go", append([]string{"vet", "-vettool=" + tl.bin}, args...)...)
}

// A result is what a command did.
type result struct {
	command        string
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("$ %s\nexit code %d\n--- stdout:\n%s--- stderr:\n%s", r.command, r.code, r.stdout, r.stderr)
}

// run runs name args in dir with env and returns its exit code and output.
func run(t *testing.T, env []string, dir, name string, args ...string) result {
	t.Helper()
	return runInput(t, env, dir, "", name, args...)
}

// runInput runs name args in dir with env and input on standard input,
// and returns its exit code and output.
func runInput(t *testing.T, env []string, dir, input, name string, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdin = strings.NewReader(input)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s: %v", name, err)
	}
	r := result{
		command: strings.Join(append([]string{filepath.Base(name)}, args...), " "),
		code:    cmd.ProcessState.ExitCode(),
		stdout:  stdout.String(),
		stderr:  stderr.String(),
	}
	if crash.MatchString(r.stdout + r.stderr) {
		t.Errorf("the command crashed:\n%v", r)
	}
	return r
}

// A finding is a diagnostic as printed: its position relative to the module
// ("b/b.go:16:9"), its message, and its related information in the order
// printed ("b/b.go:15:2: goroutine started here").
type finding struct {
	posn, message string
	related       []string
}

// String returns the finding as wantFindings spells it.
func (f finding) String() string {
	s := f.posn + ": " + f.message
	for _, r := range f.related {
		s += "\n\t" + r
	}
	return s
}

// sorted returns findings as strings, sorted: the order of the packages in
// go vet's output varies.
func sorted(findings []finding) []string {
	var ss []string
	for _, f := range findings {
		ss = append(ss, f.String())
	}
	slices.Sort(ss)
	return ss
}

// compare reports the difference between two sorted lists of findings.
func compare(t *testing.T, got, want []string, gotName, wantName string, outputs ...result) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	msg := fmt.Sprintf("%s:\n%s\n\n%s:\n%s", gotName, strings.Join(got, "\n"), wantName, strings.Join(want, "\n"))
	for _, r := range outputs {
		msg += "\n\n" + r.String()
	}
	t.Error(msg)
}

// diagLine matches a line of diagnostics once the module's directory is cut
// off: position, a tab for related information, message.
var diagLine = regexp.MustCompile(`^([^\s:][^:]*:\d+:\d+): (\t?)(.*)$`)

// parseText parses the text output of either driver for the module in dir:
// the standalone driver prints absolute paths and related information as
// lines whose message starts with a tab; go vet prints paths relative to
// dir and "# package" headers, which are skipped. Lines that are not
// diagnostics are returned in other.
func parseText(dir, out string) (findings []finding, other []string) {
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		if line == "" || strings.HasPrefix(line, "# ") {
			continue // a package header of go vet
		}
		m := diagLine.FindStringSubmatch(relative(dir, line))
		switch {
		case m == nil:
			other = append(other, line)
		case m[2] == "" || len(findings) == 0:
			findings = append(findings, finding{posn: m[1], message: m[3]})
		default:
			f := &findings[len(findings)-1]
			f.related = append(f.related, m[1]+": "+m[3])
		}
	}
	return findings, other
}

// relative cuts dir off path, a path printed by a driver, and returns it with
// slashes.
func relative(dir, path string) string {
	return filepath.ToSlash(strings.TrimPrefix(path, dir+string(filepath.Separator)))
}

// jsonTree is the JSON output of a driver: package, then analyzer, then
// either the diagnostics or {"error": "..."}.
type jsonTree map[string]map[string]json.RawMessage

// A jsonDiag is a diagnostic in JSON output.
type jsonDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
	Related  []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// parseJSON parses the JSON output of either driver for the module in dir,
// one object (standalone) or a stream of one object per package (go vet),
// and returns the diagnostics by package and the number of objects. A
// package whose analysis failed is an error.
func parseJSON(dir, out string) (diags map[string][]jsonDiag, objects int, err error) {
	diags = make(map[string][]jsonDiag)
	dec := json.NewDecoder(strings.NewReader(out))
	for ; ; objects++ {
		var tree jsonTree
		if err := dec.Decode(&tree); err == io.EOF {
			return diags, objects, nil
		} else if err != nil {
			return nil, 0, err
		}
		for pkg, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				if name != "forkcheck" {
					return nil, 0, fmt.Errorf("%s: unexpected analyzer %q", pkg, name)
				}
				var ds []jsonDiag
				if err := json.Unmarshal(raw, &ds); err != nil {
					return nil, 0, fmt.Errorf("%s: not diagnostics: %s", pkg, raw)
				}
				for i := range ds {
					ds[i].Posn, ds[i].End = relative(dir, ds[i].Posn), relative(dir, ds[i].End)
					for j := range ds[i].Related {
						r := &ds[i].Related[j]
						r.Posn, r.End = relative(dir, r.Posn), relative(dir, r.End)
					}
				}
				diags[pkg] = append(diags[pkg], ds...)
			}
		}
	}
}

// jsonFindings returns the findings of diags as a set: the test variant of
// a package repeats the package's findings.
func jsonFindings(diags map[string][]jsonDiag) []finding {
	var findings []finding
	seen := make(map[string]bool)
	for _, pkg := range slices.Sorted(maps.Keys(diags)) {
		for _, d := range diags[pkg] {
			f := finding{posn: d.Posn, message: d.Message}
			for _, r := range d.Related {
				f.related = append(f.related, r.Posn+": "+r.Message)
			}
			if !seen[f.String()] {
				seen[f.String()] = true
				findings = append(findings, f)
			}
		}
	}
	return findings
}

// checkTextFindings checks that every line of r's standard error is a
// diagnostic (a finding, or its related information) and that the
// findings, sorted, are want.
func checkTextFindings(t *testing.T, dir string, r result, want []string) {
	t.Helper()
	findings, other := parseText(dir, r.stderr)
	if len(other) > 0 {
		t.Errorf("lines that are not diagnostics: %q\n%v", other, r)
	}
	compare(t, sorted(findings), want, "findings", "want", r)
}

// checkDrivers runs both text drivers, each in a subtest of its own, on
// pattern in a module of files (module's), and checks each one's exit code
// and that its findings are want (checkTextFindings); then more, if not
// nil, checks what else the test needs of the result.
func checkDrivers(t *testing.T, files map[string]string, pattern string, want []string, more func(t *testing.T, r result)) {
	t.Helper()
	tl := setup(t)
	for _, c := range textDrivers {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, files)
			r := c.run(t, tl, dir, pattern)
			if r.code != c.code {
				t.Errorf("exit code %d, want %d:\n%v", r.code, c.code, r)
			}
			checkTextFindings(t, dir, r, want)
			if more != nil {
				more(t, r)
			}
		})
	}
}

// TestText runs both drivers on the whole module and checks that they report
// the expected findings, with the documented exit codes.
func TestText(t *testing.T) {
	t.Parallel()
	checkDrivers(t, nil, "./...", wantFindings, func(t *testing.T, r result) {
		if r.stdout != "" {
			t.Errorf("output on stdout, want diagnostics on stderr:\n%v", r)
		}
	})
}

// TestJSON runs both drivers with -json on the whole module and checks that
// they report the expected findings, with category rawfork and narrow
// ranges, in packages a, b and c only.
func TestJSON(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	for _, c := range []struct {
		name    string
		run     runner
		objects int // -1: any number
	}{
		{"standalone", standalone, 1}, // one object for all packages
		{"go vet", vet, -1},           // one object per package
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, nil)
			r := c.run(t, tl, dir, "-json", "./...")
			if r.code != 0 { // with -json, the exit code is 0 even with findings
				t.Errorf("exit code %d, want 0:\n%v", r.code, r)
			}
			if findings, other := parseText(dir, r.stderr); len(findings)+len(other) > 0 {
				t.Errorf("unexpected output on stderr:\n%v", r) // go vet's "# package" headers are allowed
			}
			diags, objects, err := parseJSON(dir, r.stdout)
			if err != nil {
				t.Fatalf("%v\n%v", err, r)
			}
			if c.objects >= 0 && objects != c.objects {
				t.Errorf("%d JSON objects, want %d:\n%v", objects, c.objects, r)
			}
			var pkgs []string
			for pkg, ds := range diags {
				if len(ds) > 0 {
					pkg, _, _ = strings.Cut(pkg, " [") // a test variant
					pkgs = append(pkgs, pkg)
				}
				for _, d := range ds {
					if d.Category != "rawfork" {
						t.Errorf("%s: %s: category %q, want rawfork", pkg, d.Posn, d.Category)
					}
					if want := wantEnds[d.Posn]; d.End != want {
						t.Errorf("%s: %s: end %s, want %s", pkg, d.Posn, d.End, want)
					}
				}
			}
			slices.Sort(pkgs)
			pkgs = slices.Compact(pkgs)
			if want := []string{"example.com/e2e/a", "example.com/e2e/b", "example.com/e2e/c"}; !slices.Equal(pkgs, want) {
				t.Errorf("packages with findings: %q, want %q\n%v", pkgs, want, r)
			}
			compare(t, sorted(jsonFindings(diags)), wantFindings, "JSON findings", "want", r)
		})
	}
}

// TestDeterminism checks that two standalone runs print the same bytes.
func TestDeterminism(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	dir := module(t, nil)
	for _, args := range [][]string{{"./..."}, {"-json", "./..."}} {
		first := standalone(t, tl, dir, args...)
		second := standalone(t, tl, dir, args...)
		if first.code != second.code || first.stdout != second.stdout || first.stderr != second.stderr {
			t.Errorf("two runs differ:\n%v\n%v", first, second)
		}
	}
}

// TestClean checks that packages without findings give no output and exit
// code 0.
func TestClean(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	for _, c := range []struct {
		name string
		run  runner
	}{
		{"standalone", standalone},
		{"go vet", vet},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := c.run(t, tl, module(t, nil), "./clean", "./safe")
			if r.code != 0 || r.stdout != "" || r.stderr != "" {
				t.Errorf("want exit code 0 and no output:\n%v", r)
			}
		})
	}
}

// TestBadInput checks that bad input gives the documented exit code and a
// clear message as go vet prints it, not a crash, a cascade of errors or
// the whole guide.
func TestBadInput(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	broken := map[string]string{"broken/broken.go": "package broken\n\nfunc Broken() int {\n\treturn \"not an int\"\n}\n"}
	// One missing parenthesis: parse errors on six lines, and type errors.
	unparsable := map[string]string{"unparsable/p.go": "package unparsable\n\nimport \"fmt\"\n\nfunc F() {\n\tfmt.Println(\"a\"\n\tx := 1\n\tif x > 0 {\n\t\tfmt.Println(x)\n\t}\n}\n\nfunc G() int { return 1 }\n"}
	empty := map[string]string{"empty/README": "no Go files here\n"}
	const (
		typeError  = `broken/broken.go:4:9: cannot use "not an int"`
		parseError = "unparsable/p.go:6:17: missing ',' before newline in argument list (and 5 more errors)"
		fork       = "c/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks without exec"
		badFlag    = "flag provided but not defined: -nosuchflag"
		usage      = `Run "forkcheck -help" for the guide`
		guide      = "# Check rawfork" // the guide, which only -help prints
	)
	for _, c := range []struct {
		name  string
		run   runner
		files map[string]string
		args  []string
		code  int
		msgs  []string // in stderr
		not   []string // not in stderr
	}{
		{"standalone/no such directory", standalone, nil, []string{"./nosuchdir/..."}, 1, []string{"nosuchdir"}, []string{"analysis skipped", "-: "}},
		{"vet/no such directory", vet, nil, []string{"./nosuchdir/..."}, 1, []string{"nosuchdir"}, nil},
		{"standalone/no packages", standalone, empty, []string{"./empty/..."}, 1, []string{"matched no packages"}, nil},
		{"vet/no packages", vet, empty, []string{"./empty/..."}, 1, []string{"matched no packages"}, nil},
		{"standalone/type error", standalone, broken, []string{"./broken"}, 1, []string{typeError}, []string{"analysis skipped"}},
		{"vet/type error", vet, broken, []string{"./broken"}, 1, []string{typeError}, nil},
		// One line, as go vet prints it, not the cascade.
		{"standalone/parse error", standalone, unparsable, []string{"./unparsable"}, 1, []string{parseError}, []string{"p.go:7", "undefined: x", "analysis skipped"}},
		{"vet/parse error", vet, unparsable, []string{"./unparsable"}, 1, []string{parseError}, []string{"p.go:7"}},
		// The error outranks the findings, which are still printed.
		{"standalone/type error and findings", standalone, broken, []string{"./c", "./broken"}, 1, []string{typeError, fork}, nil},
		{"vet/type error and findings", vet, broken, []string{"./c", "./broken"}, 1, []string{typeError, fork}, nil},
		{"standalone/unknown flag", standalone, nil, []string{"-nosuchflag", "./c"}, 2, []string{badFlag, usage}, []string{guide}},
		{"vet/unknown flag", vet, nil, []string{"-nosuchflag", "./c"}, 2, []string{badFlag}, nil},
		{"standalone/no arguments", standalone, nil, nil, 1, []string{"Usage:", "forkcheck [-flag] PACKAGE...", usage}, []string{guide}},
		{"standalone/flags without packages", standalone, nil, []string{"-strict"}, 1, []string{usage}, []string{guide}},
		{"standalone/diff without fix", standalone, nil, []string{"-diff", "./c"}, 2, []string{"-diff flag requires -fix"}, []string{fork}},
		{"vet/diff without fix", vet, nil, []string{"-diff", "./c"}, 1, []string{"-diff flag requires -fix"}, []string{fork}},
		{"standalone/bad -V", standalone, nil, []string{"-V=short"}, 2, []string{"-V=full"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := c.run(t, tl, module(t, c.files), c.args...)
			if r.code != c.code {
				t.Errorf("exit code %d, want %d:\n%v", r.code, c.code, r)
			}
			stderr := filepath.ToSlash(r.stderr)
			for _, msg := range c.msgs {
				if !strings.Contains(stderr, msg) {
					t.Errorf("stderr does not say %q:\n%v", msg, r)
				}
			}
			for _, msg := range c.not {
				if strings.Contains(stderr, msg) {
					t.Errorf("stderr says %q:\n%v", msg, r)
				}
			}
			if r.stdout != "" {
				t.Errorf("output on stdout:\n%v", r)
			}
		})
	}
}

// TestFix checks that -fix and -fix -diff run cleanly and change nothing:
// there is no suggested fix for these findings yet. Both drivers then exit
// 0 and print nothing: with -fix they apply fixes and do not report
// diagnostics (x/tools checker.Run; cmd/go for go vet).
func TestFix(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	for _, c := range []struct {
		name string
		run  runner
		args []string
	}{
		{"standalone/fix", standalone, []string{"-fix", "./..."}},
		{"standalone/diff", standalone, []string{"-fix", "-diff", "./..."}},
		{"vet/fix", vet, []string{"-fix", "./..."}},
		{"vet/diff", vet, []string{"-fix", "-diff", "./..."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, nil)
			before := snapshot(t, dir)
			r := c.run(t, tl, dir, c.args...)
			if r.code != 0 || r.stdout != "" || r.stderr != "" {
				t.Errorf("want exit code 0 and no output:\n%v", r)
			}
			after := snapshot(t, dir)
			for name, content := range before {
				if after[name] != content {
					t.Errorf("%s changed:\n%s", name, after[name])
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("%s created", name)
				}
			}
		})
	}
}

// leakFiles holds a package with a cloexec finding that has a fix.
var leakFiles = map[string]string{"leak/leak.go": `package leak

import "syscall"

func Open(path string) (int, error) {
	return syscall.Open(path, syscall.O_RDONLY, 0)
}
`}

// TestFixDiff checks -fix -diff on a finding with a fix: both drivers print
// the diff on stdout and change nothing; the standalone driver exits 0 and
// go vet 1, as the README says (go vet exits 1 when the diff is not empty).
func TestFixDiff(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	const (
		header = "--- %s (old)\n+++ %s (new)\n"
		minus  = "-\treturn syscall.Open(path, syscall.O_RDONLY, 0)\n"
		plus   = "+\treturn syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)\n"
	)
	for _, c := range []struct {
		name string
		run  runner
		code int
	}{
		{"standalone", standalone, 0},
		{"go vet", vet, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, leakFiles)
			before := snapshot(t, dir)
			r := c.run(t, tl, dir, "-fix", "-diff", "./leak")
			file := filepath.Join(dir, "leak", "leak.go")
			if r.code != c.code || r.stderr != "" || !strings.HasPrefix(r.stdout, fmt.Sprintf(header, file, file)) ||
				!strings.Contains(r.stdout, minus) || !strings.Contains(r.stdout, plus) {
				t.Errorf("want exit code %d and the diff of the fix on stdout:\n%v", c.code, r)
			}
			if after := snapshot(t, dir); !maps.Equal(before, after) {
				t.Errorf("-fix -diff changed files")
			}
		})
	}
}

// snapshot returns the content of each file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestStandardLibrary checks that the standard library is modelled, not
// analyzed: the runtime's own go:linkname into syscall's fork hooks and
// syscall's fork-then-exec child are no findings of the user's. With their
// tests, these packages need much of the standard library compiled: the
// user's build cache has it after the first run.
func TestStandardLibrary(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	dir := module(t, nil)
	r := standalone(t, tl, dir, "runtime", "syscall", "os/exec")
	if r.code != 0 || r.stdout+r.stderr != "" {
		t.Errorf("want exit code 0 and no output\n%v", r)
	}
}

// TestStrictFlag checks that -strict reaches the analyzer in both drivers
// (go vet passes the tool's flags through) and that without it the safe
// start is not reported.
func TestStrictFlag(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	files := map[string]string{"audit/audit.go": `package audit

import "os/exec"

func work() {}

func Run() error {
	go work()
	return exec.Command("true").Run()
}
`}
	const want = "(*exec.Cmd).Run starts a process after a goroutine is started (reported for audit in strict mode)"
	for _, c := range textDrivers {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, files)
			if r := c.run(t, tl, dir, "./audit"); r.code != 0 || r.stderr != "" {
				t.Errorf("without -strict: want exit code 0 and no output:\n%v", r)
			}
			r := c.run(t, tl, dir, "-strict", "./audit")
			if r.code != c.code || !strings.Contains(r.stderr, "audit/audit.go:9:9: "+want) {
				t.Errorf("with -strict: want exit code %d and %q:\n%v", c.code, want, r)
			}
		})
	}
}

package golangci_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// golangciVersion is the golangci-lint the plugin is built into.
const golangciVersion = "v2.15.0"

// config turns forkcheck on, and off the defaults that hide findings.
const config = `version: "2"
linters:
  default: none
  enable:
    - forkcheck
  settings:
    custom:
      forkcheck:
        type: module
        description: finds unsafe fork usage
        settings:
          strict: false
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`

// suppressed holds forks that golangci-lint's nolint and forkcheck's own
// directive keep quiet.
const suppressed = `package d

import "syscall"

func Nolint() {
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) //nolint:forkcheck // the child execs through assembly
}

func Ignore() {
	//forkcheck:ignore rawfork the child execs through assembly
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
}
`

// TestGolangciLint builds a golangci-lint with the plugin the way
// "golangci-lint custom" does, but from the Go module proxy (custom clones
// from GitHub): golangci-lint's source, a plugins.go importing this
// package, this checkout replacing the module, go mod tidy, go build. It
// then lints the three-package module of cmd/forkcheck's tests and checks
// the findings, facts across packages included, and that nolint and
// forkcheck:ignore suppress. The build takes minutes: it runs when
// FORKCHECK_GOLANGCI_LINT=1, as .ci/run sets it.
func TestGolangciLint(t *testing.T) {
	if os.Getenv("FORKCHECK_GOLANGCI_LINT") != "1" {
		t.Skip("builds golangci-lint (minutes): set FORKCHECK_GOLANGCI_LINT=1, as .ci/run does")
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the linted module forks with linux/amd64's SYS_FORK")
	}
	checkout, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := buildGolangciLint(t, checkout)

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(checkout, "cmd", "forkcheck", "testdata", "e2e"))); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, ".golangci.yml"), config)
	write(t, filepath.Join(dir, "d", "d.go"), suppressed)
	lint := exec.Command(bin, "run", "./...")
	lint.Dir = dir
	lint.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOPROXY=off", "CGO_ENABLED=0", "GOCACHE="+t.TempDir(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	out, err := lint.CombinedOutput()
	if code := lint.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("golangci-lint exited %d (%v), want 1:\n%s", code, err, out)
	}
	for _, want := range []string{
		"c/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks without exec",
		"b/b.go:16:9: call of c.Fork forks without exec after a goroutine is started",
		"b/b.go:23:9: call of c.Fork forks without exec while mu is locked",
		"a/main.go:12:5: call of b.Detach forks without exec", // through b's fact about c
		// What the README says golangci-lint shows: the linter's name,
		// not the category; each related position an issue of its own;
		// one in another file at the finding's position.
		"re-execute the program with os/exec instead (forkcheck)",
		"b/b.go:15:2: forkcheck(related information): goroutine started here (forkcheck)",
		"b/b.go:16:9: forkcheck(related information): syscall.RawSyscall(SYS_FORK) forks here (forkcheck)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("golangci-lint did not report %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"(rawfork)", "c/c.go:9:15: forkcheck(related information)"} {
		if strings.Contains(string(out), unwanted) {
			t.Errorf("golangci-lint reported %q:\n%s", unwanted, out)
		}
	}
	if strings.Contains(string(out), "d/d.go") {
		t.Errorf("a suppressed fork was reported:\n%s", out)
	}
}

// buildGolangciLint builds golangci-lint with the plugin of checkout and
// returns the binary.
func buildGolangciLint(t *testing.T, checkout string) string {
	t.Helper()
	src := t.TempDir()
	var mod struct{ Dir, Error string }
	download := goCmd(t, "", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+golangciVersion)
	if err := json.Unmarshal(download, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v %s", err, mod.Error)
	}
	if err := os.CopyFS(src, os.DirFS(mod.Dir)); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(src, "cmd", "golangci-lint", "plugins.go"),
		"package main\n\nimport _ \"github.com/forkcheck/forkcheck/golangci\"\n")
	goCmd(t, src, "mod", "edit", "-require=github.com/forkcheck/forkcheck@v0.0.0", "-replace=github.com/forkcheck/forkcheck="+checkout)
	goCmd(t, src, "mod", "tidy")
	bin := filepath.Join(t.TempDir(), "golangci-lint")
	goCmd(t, src, "build", "-o", bin, "./cmd/golangci-lint")
	return bin
}

// goCmd runs the go command in dir and returns its standard output.
func goCmd(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}

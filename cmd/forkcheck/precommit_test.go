package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommit runs the repository's hooks the way a user tries them,
// "pre-commit try-repo CHECKOUT HOOK --all-files", in a scratch git
// repository with a finding (the hook fails and prints it) and in a clean
// one (it passes). .ci/run installs pre-commit.
//
// try-repo builds the hook afresh every time, with go install ./... in a
// GOPATH of its own: as the test's go commands, it uses the user's module
// cache (it downloads nothing: GOPROXY=off) and build cache (go vet's
// results for the scratch packages, in a new directory each time, are
// never replayed). Like pre-commit, it takes what git tracks of the
// checkout: a new file must be added to git to be built.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds forkcheck through pre-commit: skipped in -short mode")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit); .ci/run installs it")
	}
	checkout, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Parallel()
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir() // pre-commit's cache of hook environments
	for _, hook := range []string{"forkcheck", "forkcheck-vet"} {
		t.Run(hook, func(t *testing.T) {
			t.Parallel()
			for _, tc := range []struct {
				name   string
				source string
				fails  bool
			}{
				{"finding", "package p\n\nimport \"syscall\"\n\nfunc Fork() {\n\tsyscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)\n}\n", true},
				{"clean", "package p\n\nimport \"os/exec\"\n\nfunc Run() error { return exec.Command(\"true\").Run() }\n", false},
			} {
				t.Run(tc.name, func(t *testing.T) {
					repo := scratchRepo(t, tc.source)
					cmd := exec.Command("pre-commit", "try-repo", checkout, hook, "--all-files")
					cmd.Dir = repo
					cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home, "GOFLAGS=", "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0",
						"GOMODCACHE="+strings.TrimSpace(string(modcache)), "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local",
						"FORKCHECK_CACHE="+filepath.Join(tempRoot, "factcache"))
					out, err := cmd.CombinedOutput()
					failed := err != nil
					if failed != tc.fails {
						t.Fatalf("pre-commit failed: %v, want %v\n%s", failed, tc.fails, out)
					}
					if tc.fails && !strings.Contains(string(out), "syscall.RawSyscall(SYS_FORK) forks without exec") {
						t.Errorf("the hook did not print the finding:\n%s", out)
					}
				})
			}
		})
	}
}

// scratchRepo returns a new git repository holding a module with one
// package of the given source, added to the index.
func scratchRepo(t *testing.T, source string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module example.com/p\n\ngo 1.26\n", "p.go": source}
	if err := writeFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
		git := exec.Command("git", args...)
		git.Dir = dir
		if out, err := git.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return dir
}

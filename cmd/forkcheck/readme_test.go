package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// readmeCommand is the README's first command, run from the repository
// root.
const readmeCommand = "cd examples && go tool forkcheck ./..."

// TestReadme runs the README's first command on the examples module and
// checks that it prints the output the README shows, and exits 3.
func TestReadme(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the examples are for linux")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("no go command: %v", err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := consoleOutput(t, string(readme), readmeCommand)
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	statAll(t, examples)
	// go tool builds forkcheck from this checkout (a replace directive):
	// the user's build cache is fine, as nothing here caches results.
	env := append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOPROXY=off", "GOTOOLCHAIN=local")
	r := run(t, env, examples, "go", "tool", "forkcheck", "./...")
	if r.code != 3 {
		t.Errorf("exit code %d, want 3\n%v", r.code, r)
	}
	got := strings.Split(strings.TrimSpace(strings.ReplaceAll(r.stderr, examples+string(filepath.Separator), "")), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("the README shows\n%s\nthe command prints\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}

// consoleOutput returns the lines that follow "$ command" in a console
// block of readme, up to the end of the block.
func consoleOutput(t *testing.T, readme, command string) []string {
	t.Helper()
	_, after, ok := strings.Cut(readme, "```console\n$ "+command+"\n")
	if !ok {
		t.Fatalf("README.md has no console block for %q", command)
	}
	block, _, _ := strings.Cut(after, "```")
	return strings.Split(strings.TrimSpace(block), "\n")
}

// statAll stats every file under dir, so that go test's cache, which sees
// only what the test process opens, reruns the test when they change.
func statAll(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHelp checks that -help prints the user guide, as the README says.
func TestHelp(t *testing.T) {
	tl := setup(t)
	r := run(t, goEnv(t.TempDir()), t.TempDir(), tl.bin, "-help")
	for _, want := range []string{"forkcheck: report fork without exec and the traps of starting processes", "# Check rawfork", "WRONG:", "RIGHT:", "Limits:"} {
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("-help lacks %q\n%v", want, r)
		}
	}
}

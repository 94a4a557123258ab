package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestReadme runs the README's commands on the examples module, from the
// repository root, and checks that they print the output the README shows
// (on stderr, the findings; on stdout, -fix -diff's diff, which leaves the
// files alone) with the exit code it says.
func TestReadme(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("the examples are for linux")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("no go command: %v", err)
	}
	readme := repoFile(t, "README.md")
	examples := examplesDir(t)
	for _, c := range []struct {
		args   []string
		code   int
		stdout bool // the output shown is on stdout, not stderr
	}{
		{[]string{"./..."}, 3, false},
		{[]string{"-fix", "-diff", "./..."}, 0, true},
	} {
		command := "cd examples && go tool forkcheck " + strings.Join(c.args, " ")
		want := consoleOutput(t, readme, command)
		// go tool builds forkcheck from this checkout (a replace
		// directive): the user's build cache is fine, as nothing here
		// caches results.
		r := run(t, examplesEnv(), examples, "go", append([]string{"tool", "forkcheck"}, c.args...)...)
		out, other := r.stderr, r.stdout
		if c.stdout {
			out, other = other, out
		}
		if r.code != c.code || other != "" {
			t.Errorf("%s: exit code %d, want %d, and no other output\n%v", command, r.code, c.code, r)
		}
		got := strings.Split(strings.TrimSpace(strings.ReplaceAll(out, examples+string(filepath.Separator), "")), "\n")
		if !slices.Equal(got, want) {
			t.Errorf("the README shows\n$ %s\n%s\nthe command prints\n%s", command, strings.Join(want, "\n"), strings.Join(got, "\n"))
		}
	}
}

// examplesEnv is the environment of the commands run on the examples
// module, with the test run's own fact cache: never the user's.
func examplesEnv() []string {
	return append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOPROXY=off", "GOTOOLCHAIN=local",
		"FORKCHECK_CACHE="+filepath.Join(tempRoot, "factcache"))
}

// TestExamplesPlatforms runs forkcheck on the examples module for
// platforms other than linux, in one process: the examples that fork are
// for linux; the one that spawns safely builds everywhere else, and
// nothing is reported.
func TestExamplesPlatforms(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	examples := examplesDir(t)
	for _, platform := range []string{"windows/amd64", "darwin/arm64"} {
		goos, goarch, _ := strings.Cut(platform, "/")
		r := run(t, append(examplesEnv(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0"), examples, tl.bin, "./...")
		if r.code != 0 || r.stdout+r.stderr != "" {
			t.Errorf("%s: want exit code 0 and no output:\n%v", platform, r)
		}
	}
}

// TestReadmeGoVersion checks that the README asks for the Go version that
// go.mod declares.
func TestReadmeGoVersion(t *testing.T) {
	gomod, readme := repoFile(t, "go.mod"), repoFile(t, "README.md")
	m := regexp.MustCompile(`(?m)^go (1\.\d+)`).FindStringSubmatch(gomod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	want := "forkcheck needs Go " + m[1] + " or later"
	if !strings.Contains(readme, want) {
		t.Errorf("README.md does not say %q", want)
	}
	for _, v := range regexp.MustCompile(`Go (1\.\d+)\+`).FindAllStringSubmatch(readme, -1) {
		if v[1] != m[1] {
			t.Errorf("README.md says %s; go.mod needs Go %s", v[0], m[1])
		}
	}
}

// repoFile returns the content of a file at the root of the repository.
func repoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// examplesDir returns the absolute directory of the examples module,
// having statted its files for go test's cache.
func examplesDir(t *testing.T) string {
	t.Helper()
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	statAll(t, examples)
	return examples
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

// TestHelp checks that -help prints, on stdout, the user guide, the
// subcommands, the exit codes and the flags, as the README says.
func TestHelp(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	r := run(t, goEnv(""), t.TempDir(), tl.bin, "-help")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("want exit code 0 and nothing on stderr:\n%v", r)
	}
	for _, want := range []string{
		"forkcheck: report fork without exec and the traps of starting processes",
		"go vet -vettool=$(which forkcheck)", "forkcheck explain CATEGORY", "forkcheck sarif", "forkcheck version",
		"# Check rawfork", "WRONG:", "RIGHT:", "Limits:",
		"Exit codes:", "3  findings",
		"-strict", "-fix", "-diff", "-json",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-help lacks %q\n%v", want, r)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoFix applies forkcheck's fixes with Go 1.26's go fix -fixtool, as a
// user does, and checks the file as it leaves it: the cloexec fixes
// applied, the finding without a fix left alone.
func TestGoFix(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	files := map[string]string{"leak/leak.go": `package leak

import "syscall"

func Pipe(p []int) error {
	return syscall.Pipe(p)
}

func Open(path string) (int, error) {
	return syscall.Open(path, syscall.O_RDONLY, 0)
}
`}
	dir := module(t, files)
	cache := t.TempDir()
	if err := os.CopyFS(cache, os.DirFS(tl.warmCache)); err != nil {
		t.Fatal(err)
	}
	r := run(t, goEnv(cache), dir, "go", "fix", "-fixtool="+tl.bin, "./leak")
	if r.code != 0 {
		t.Fatalf("go fix failed:\n%v", r)
	}
	got, err := os.ReadFile(filepath.Join(dir, "leak", "leak.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"syscall.Pipe2(p, syscall.O_CLOEXEC)", "syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("after go fix, leak.go lacks %q:\n%s\n%v", want, got, r)
		}
	}
	// The fixed package builds.
	if b := run(t, goEnv(cache), dir, "go", "build", "./leak"); b.code != 0 {
		t.Errorf("the fixed package does not build:\n%v", b)
	}
}

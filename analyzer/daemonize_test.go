package analyzer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestDaemonize checks the fix that rewrites the daemonize idiom into a
// re-execution of the program (golden files), and the shapes left alone.
func TestDaemonize(t *testing.T) {
	target(t, "linux", "amd64")
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "daemonize/...")
}

// TestDaemonizeRuns builds the program as the fix leaves it, runs it, and
// sees the parent exit 0 and the child alive after it, in a session of its
// own.
func TestDaemonizeRuns(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the program is for linux")
	}
	golden, err := os.ReadFile(filepath.Join(testdata(t), "src", "daemonize", "simple", "main.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), golden, 0o666); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "daemon")
	build := exec.Command("go", "build", "-o", bin, "main.go")
	build.Dir = dir
	build.Env = append(os.Environ(), "GO111MODULE=off", "GOFLAGS=", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the fixed program does not build: %v\n%s", err, out)
	}

	// The child inherits the parent's standard output: a file, not a pipe
	// that would stay open while the child lives.
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	pidFile := filepath.Join(dir, "child.pid")
	parent := exec.Command(bin, pidFile)
	parent.Stdout, parent.Stderr = out, out
	if err := parent.Run(); err != nil {
		t.Fatalf("the parent failed: %v", err)
	}
	pid := waitForPid(t, pidFile)
	t.Cleanup(func() { syscall.Kill(pid, syscall.SIGKILL) })
	if err := syscall.Kill(pid, 0); err != nil {
		t.Fatalf("the child %d is not alive after the parent exited: %v", pid, err)
	}
	if pgid, err := syscall.Getpgid(pid); err != nil || pgid != pid {
		t.Errorf("the child %d leads process group %d (%v), want its own: Setsid was not kept", pid, pgid, err)
	}
}

// waitForPid waits, a bounded time, for the child to write its process id.
func waitForPid(t *testing.T, file string) int {
	t.Helper()
	for range 200 {
		if data, err := os.ReadFile(file); err == nil && len(data) > 0 {
			pid, err := strconv.Atoi(string(data))
			if err != nil {
				t.Fatal(err)
			}
			return pid
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the child never wrote its process id")
	return 0
}

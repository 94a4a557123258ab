package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPlatformModels runs the standalone driver on the module in
// testdata/platforms for one platform of each process model, or, with
// FORKCHECK_PLATFORMS=all (corpus/platforms.sh), for every platform of go
// tool dist list, and checks that it finds what the platform's process
// model says: everything where a process is started by fork and exec
// (unix), nothing where starting a process takes no ForkLock and passes
// only the handles it lists (windows), or has no close-on-exec to forget
// (plan9), nothing where no process can start (js, wasip1).
func TestPlatformModels(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	platforms := []string{"linux/amd64", "windows/amd64", "plan9/amd64", "js/wasm", "wasip1/wasm"}
	if os.Getenv("FORKCHECK_PLATFORMS") == "all" {
		out, err := exec.Command("go", "tool", "dist", "list").Output()
		if err != nil {
			t.Fatalf("go tool dist list: %v", err)
		}
		platforms = strings.Fields(string(out))
	}
	src, err := filepath.Abs(filepath.Join("testdata", "platforms"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range platforms {
		t.Run(strings.ReplaceAll(p, "/", "_"), func(t *testing.T) {
			t.Parallel()
			goos, goarch, _ := strings.Cut(p, "/")
			env := append(goEnv(""), "GOOS="+goos, "GOARCH="+goarch) // the last of a name wins
			r := run(t, env, src, tl.bin, "./...")
			got := categoryCounts(t, src, r)
			want := modelCounts(goos)
			if !maps.Equal(got, want) || r.code != map[bool]int{true: 3, false: 0}[len(want) > 0] {
				t.Errorf("%s: findings by category %v, want %v:\n%v", p, got, want, r)
				return
			}
			t.Logf("%s: %s: %v, exit code %d, as expected", p, model(goos), got, r.code)
		})
	}
}

// unixes are the GOOS values with the unix build constraint.
var unixes = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd", "openbsd", "solaris"}

// model names the process model of goos.
func model(goos string) string {
	switch {
	case slices.Contains(unixes, goos):
		return "unix: fork and exec under ForkLock"
	case goos == "windows":
		return "windows: CreateProcess with a handle list, no ForkLock"
	case goos == "plan9":
		return "plan9: rfork and exec, no ForkLock"
	}
	return "no process can start"
}

// modelCounts returns the findings by category that the module in
// testdata/platforms has on goos.
func modelCounts(goos string) map[string]int {
	want := make(map[string]int)
	if !slices.Contains(unixes, goos) {
		return want
	}
	want["forklock"], want["cloexec"] = 1, 1
	switch goos {
	case "android", "linux", "darwin", "ios", "dragonfly", "freebsd", "netbsd", "openbsd":
		want["rawfork"] = 1 // rawfork_linux.go, rawfork_bsd.go
	}
	return want
}

// categoryCounts returns the findings of r by category, and fails on any
// line of output that is not a finding or its related information.
func categoryCounts(t *testing.T, dir string, r result) map[string]int {
	t.Helper()
	findings, other := parseText(dir, r.stderr)
	if len(other) > 0 || r.stdout != "" {
		t.Errorf("output that is not findings: %q\n%v", other, r)
	}
	counts := make(map[string]int)
	for _, f := range findings {
		i := strings.LastIndex(f.message, " (")
		if i < 0 || !strings.HasSuffix(f.message, ")") {
			t.Errorf("finding without its category: %s", f)
			continue
		}
		counts[f.message[i+2:len(f.message)-1]]++
	}
	return counts
}

package analyzer_test

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestRelated checks the related information, which analysistest does
// not: each witness and the primitive behind a call into another package.
func TestRelated(t *testing.T) {
	t.Setenv("GOOS", "linux")
	t.Setenv("GOARCH", "amd64")
	t.Setenv("CGO_ENABLED", "0")
	want := map[string][]string{
		"a.go:16:2": {
			"c.go:8:15: syscall.RawSyscall(SYS_FORK) forks here, through c.Fork",
			"a.go:14:2: mu locked here",
		},
		"witness.go:169:2": {
			"witness.go:166:2: goroutine started here",
			"witness.go:167:2: mu locked here",
			"witness.go:168:2: rw locked here",
		},
		"witness.go:53:2":  {"witness.go:48:2: goroutine started here"}, // in the callee that ran first
		"witness.go:57:2":  {"witness.go:61:2: goroutine started here"}, // in the caller
		"witness.go:156:2": {"witness.go:160:2: mu locked here"},        // in the caller
		"user.go:14:2":     {"starter.go:8:2: goroutine started here while rawfork/initgo/starter initializes"},
		"varinit.go:20:2":  {"varinit.go:13:2: goroutine started here while the package initializes"},
	}
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer,
		"rawfork/chain/a", "rawfork/witness", "rawfork/initgo/user", "rawfork/varinit", "forklock/user")
	got := make(map[string][]string)
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			key := shortPos(fset.Position(d.Pos))
			if _, ok := want[key]; !ok {
				continue
			}
			for _, rel := range d.Related {
				got[key] = append(got[key], shortPos(fset.Position(rel.Pos))+": "+rel.Message)
			}
		}
	}
	for key, rel := range want {
		if !slices.Equal(got[key], rel) {
			t.Errorf("related of %s:\n got %q\nwant %q", key, got[key], rel)
		}
	}
}

// shortPos formats p with the file's base name.
func shortPos(p token.Position) string {
	return fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column)
}

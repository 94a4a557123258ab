package analyzer_test

import (
	"slices"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestLockRelated checks the related information of findings whose mutex
// a called function locks or unlocks, in the package and in another: the
// acquisition, where the caller made the call, and nothing for a mutex
// the callee released.
func TestLockRelated(t *testing.T) {
	target(t, "linux", "amd64")
	want := map[string][]string{
		"forklock/holduser/holduser.go:15:9": {"forklock/holduser/holduser.go:14:2: syscall.ForkLock locked here"},
		"forklock/holduser/holduser.go:20:9": {"forklock/holduser/holduser.go:19:2: syscall.ForkLock locked here"},
	}
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "forklock/holduser")
	got := make(map[string][]string)
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			key := shortPos(fset.Position(d.Pos))
			got[key] = []string{}
			for _, rel := range d.Related {
				got[key] = append(got[key], shortPos(fset.Position(rel.Pos))+": "+rel.Message)
			}
		}
	}
	for key, rel := range got {
		if want, ok := want[key]; !ok || !slices.Equal(rel, want) {
			t.Errorf("related of %s:\n got %q\nwant %q", key, rel, want)
		}
	}
	for key := range want {
		if _, ok := got[key]; !ok {
			t.Errorf("no finding at %s", key)
		}
	}
}

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
		// Every other fork of rawfork/released has no witness: the mutex
		// was released.
		"rawfork/released/released.go:57:2":  {"rawfork/released/released.go:54:2: s.mu locked here"},
		"rawfork/released/released.go:64:2":  {"rawfork/released/released.go:61:2: s.mu locked here"},
		"rawfork/released/released.go:82:2":  {"rawfork/released/released.go:87:2: s.mu locked here"},  // in the caller
		"rawfork/released/released.go:117:2": {"rawfork/released/released.go:131:2: s.mu locked here"}, // not 126, released on the way
		"rawfork/released/released.go:158:2": {"rawfork/released/released.go:163:2: p.b locked here"},  // not p.a
		"rawfork/released/released.go:180:2": {"rawfork/released/released.go:178:2: s.mu locked here"},
		"forklock/thaw/thaw.go:24:9":         {"forklock/thaw/thaw.go:30:2: syscall.ForkLock locked here"}, // in the caller; the other callers' are released first
		// The primitive in another package, then the witnesses left.
		"forklock/thawuser/thawuser.go:21:2": {"forklock/thawuser/thawuser.go:19:2: syscall.ForkLock locked here"},
		"forklock/thawuser/thawuser.go:42:2": {"forklock/thawlib/thawlib.go:59:2: syscall.RawSyscall(SYS_FORK) forks here"},
		"forklock/thawuser/thawuser.go:48:2": {"forklock/thawlib/thawlib.go:64:2: syscall.RawSyscall(SYS_FORK) forks here", "forklock/thawuser/thawuser.go:46:2: s.mu locked here"},
		"forklock/thawuser/thawuser.go:55:2": {"forklock/thawlib/thawlib.go:59:2: syscall.RawSyscall(SYS_FORK) forks here", "forklock/thawuser/thawuser.go:53:2: t.mu locked here"},
		"forklock/thawuser/thawuser.go:66:2": {"forklock/thawuser/thawuser.go:64:2: syscall.ForkLock locked here"},
		"forklock/thawuser/thawuser.go:76:2": {"forklock/thawuser/thawuser.go:74:2: s.mu locked here"}, // the method value's call
		"forklock/thawuser/thawuser.go:83:2": {"forklock/thawlib/thawlib.go:59:2: syscall.RawSyscall(SYS_FORK) forks here"},
	}
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "forklock/holduser", "forklock/thaw", "forklock/thawuser", "rawfork/released")
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
		if !slices.Equal(rel, want[key]) {
			t.Errorf("related of %s:\n got %q\nwant %q", key, rel, want[key])
		}
	}
	for key := range want {
		if _, ok := got[key]; !ok {
			t.Errorf("no finding at %s", key)
		}
	}
}

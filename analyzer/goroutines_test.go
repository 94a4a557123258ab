package analyzer_test

import (
	"testing"
)

// TestRelatedStarters checks the related information of goroutines
// started other than by a go statement (issue 12, item 3): the call that
// starts one, named; the start alone, without the caller's mutexes, for a
// fork in the function a starter runs; the go statement that once.Do runs;
// and a library's starter called from init.
func TestRelatedStarters(t *testing.T) {
	target(t, "linux", "amd64")
	want := map[string][]string{
		"rawfork/starters/std/std.go:29:2":           {"rawfork/starters/std/std.go:28:2: goroutine started here by (*sync.WaitGroup).Go"},
		"rawfork/starters/std/std.go:81:2":           {"rawfork/starters/std/std.go:79:7: goroutine started here by time.AfterFunc"},
		"rawfork/starters/std/std.go:144:3":          {"rawfork/starters/std/std.go:143:2: goroutine started here by (*sync.WaitGroup).Go"}, // s.mu is the caller's
		"rawfork/starters/std/std.go:152:3":          {"rawfork/starters/std/std.go:151:2: goroutine started here by time.AfterFunc"},
		"rawfork/starters/std/std.go:162:18":         {"rawfork/starters/std/std.go:161:2: goroutine started here by (*errgroup.Group).Go"},
		"rawfork/starters/std/std.go:188:2":          {"rawfork/starters/std/std.go:186:3: goroutine started here"},
		"rawfork/starters/std/std.go:200:2":          {"rawfork/starters/std/std.go:196:22: goroutine started here"},
		"rawfork/starters/user/user.go:14:2":         {"rawfork/starters/user/user.go:13:2: goroutine started here by lib.StartWorkers"},
		"rawfork/starters/initonce/initonce.go:21:2": {"rawfork/starters/initonce/initonce.go:17:19: goroutine started here while the package initializes"},
		"rawfork/starters/initlib/initlib.go:19:2":   {"rawfork/starters/initlib/initlib.go:15:9: goroutine started here by lib.StartWorkers while the package initializes"},
	}
	checkRelated(t, want,
		"rawfork/starters/std", "rawfork/starters/user", "rawfork/starters/initonce", "rawfork/starters/initlib")
}

package analyzer_test

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestRelated checks the related information, which analysistest does
// not: each witness and the primitive behind a call into another package.
func TestRelated(t *testing.T) {
	target(t, "linux", "amd64")
	want := map[string][]string{
		"rawfork/chain/a/a.go:16:2": {
			"rawfork/chain/c/c.go:8:15: syscall.RawSyscall(SYS_FORK) forks here, through c.Fork",
			"rawfork/chain/a/a.go:14:2: mu locked here",
		},
		"rawfork/witness/witness.go:169:2": {
			"rawfork/witness/witness.go:166:2: goroutine started here",
			"rawfork/witness/witness.go:167:2: mu locked here",
			"rawfork/witness/witness.go:168:2: rw locked here",
		},
		"rawfork/witness/witness.go:53:2":    {"rawfork/witness/witness.go:48:2: goroutine started here"}, // in the callee that ran first
		"rawfork/witness/witness.go:57:2":    {"rawfork/witness/witness.go:61:2: goroutine started here"}, // in the caller
		"rawfork/witness/witness.go:156:2":   {"rawfork/witness/witness.go:160:2: mu locked here"},        // in the caller
		"rawfork/initgo/user/user.go:14:2":   {"rawfork/initgo/starter/starter.go:8:2: goroutine started here while rawfork/initgo/starter initializes"},
		"rawfork/varinit/varinit.go:20:2":    {"rawfork/varinit/varinit.go:13:2: goroutine started here while the package initializes"},
		"forklock/user/user.go:17:9":         {"forklock/user/user.go:15:2: syscall.ForkLock locked here"},
		"forklock/user/user.go:40:9":         {"forklock/user/user.go:44:2: syscall.ForkLock locked here"}, // in the caller
		"threadattr/user/user.go:20:9":       {"threadattr/user/user.go:19:41: Pdeathsig set here"},
		"threadattr/user/user.go:35:9":       {"threadattr/user/user.go:34:41: Pdeathsig set here"},
		"threadattr/user/user.go:69:9":       {"threadattr/user/user.go:68:9: Pdeathsig set by reexec.Command here"},
		"threadattr/aliases/aliases.go:30:9": {"threadattr/aliases/aliases.go:29:38: Pdeathsig set here"},
		"threadattr/values/values.go:22:9":   {"threadattr/values/values.go:21:18: Pdeathsig set here"},
		"threadattr/values/values.go:97:9":   {"threadattr/values/values.go:96:41: Pdeathsig set here"},
		"threadattr/exits/exits.go:98:9":     {"threadattr/exits/exits.go:97:2: Pdeathsig set by setDeathsig here"},
		"threadattr/exitchain/a/a.go:13:9":   {"threadattr/exitchain/a/a.go:12:2: Pdeathsig set by b.Prepare here"},
		"threadattr/exitchain/a/a.go:25:9":   {"threadattr/exitchain/a/a.go:25:9: Pdeathsig set by b.Child here"},
		// What makes a finding worth reporting: the process that inherits a
		// descriptor, the goroutine that may end a locked thread.
		"cloexec/spawnmain/main.go:13:2":      {"cloexec/spawnmain/main.go:14:2: a process that may inherit them starts here ((*exec.Cmd).Run)"},
		"cloexec/wrappers/wrappers.go:36:9":   {"cloexec/wrappers/wrappers.go:15:9: unix.Openat creates it here, with the flags given", "cloexec/wrappers/wrappers.go:65:9: a process that may inherit it starts here ((*exec.Cmd).Run)"},
		"cloexec/wrappers/wrappers.go:79:9":   {"cloexec/wrappers/wrappers.go:65:9: a process that may inherit it starts here ((*exec.Cmd).Run)", "cloexec/wrappers/wrappers.go:72:10: unix.Openat creates it here, with the flags given"}, // two creators in the wrapper: one finding, the first creator
		"cloexec/values/values.go:64:9":       {"cloexec/values/values.go:57:67: unix.Openat creates it here, with the flags given", "cloexec/values/values.go:107:9: a process that may inherit it starts here ((*exec.Cmd).Run)"},        // up a chain of wrappers
		"cloexec/sysdep/user/user.go:14:9":    {"cloexec/sysdep/linux/linux.go:26:10: unix.Open creates it here, with the flags given", "cloexec/sysdep/user/user.go:63:9: a process that may inherit it starts here ((*exec.Cmd).Run)"},   // in the wrapper's package
		"threadattr/lockmain/main.go:18:2":    {"threadattr/lockmain/main.go:14:3: a goroutine that may end its locked thread runs runtime.LockOSThread here", "threadattr/lockmain/main.go:17:41: Pdeathsig set here"},
		"threadattr/lockstarter/main.go:28:2": {"threadattr/lockstarter/main.go:19:2: a goroutine that may end its locked thread runs runtime.LockOSThread here", "threadattr/lockstarter/main.go:27:41: Pdeathsig set here"}, // started by wg.Go
		// A goroutine started while the thread is switched: the switch.
		"threadstate/starters/std/std.go:32:2":   {"threadstate/starters/std/std.go:28:12: network namespace switched here"},
		"threadstate/starters/std/std.go:83:9":   {"threadstate/starters/std/std.go:80:12: network namespace switched here"},
		"threadstate/starters/user/user.go:21:2": {"threadstate/starters/user/user.go:18:12: network namespace switched here"},
		"threadattr/fields/fields.go:22:9":       {"threadattr/fields/fields.go:17:41: Pdeathsig set here"},                   // in the constructor
		"threadattr/fields/fields.go:57:9":       {"threadattr/fields/fields.go:52:9: Pdeathsig set by commandTemplate here"}, // in the caller of the constructor
		"threadattr/fields/fields.go:93:9":       {"threadattr/fields/fields.go:92:43: Pdeathsig set here"},                   // set again: its own, not the constructor's
		// Attributes held in a package-level variable: where they were set, and where the function takes them.
		"threadattr/vars/vars.go:35:9": {"threadattr/vars/vars.go:16:2: Pdeathsig set here", "threadattr/vars/vars.go:34:20: attributes taken from a package-level variable here"},
		"threadattr/vars/vars.go:47:9": {"threadattr/vars/vars.go:28:46: Pdeathsig set here", "threadattr/vars/vars.go:47:9: attributes taken from a package-level variable here"},
		// Attributes handed to a helper that starts the process, in the package or in another: where they were set.
		"threadattr/handed/handed.go:94:9":         {"threadattr/handed/handed.go:94:45: Pdeathsig set here"},
		"threadattr/handeduser/handeduser.go:23:9": {"threadattr/handeduser/handeduser.go:22:41: Pdeathsig set here"},
		"threadattr/options/options.go:40:14":      {"threadattr/options/options.go:38:3: Pdeathsig set by the function literal in WithPdeathsig here"},
		"threadattr/vars/vars.go:126:9":            {"threadattr/vars/vars.go:16:2: Pdeathsig set here", "threadattr/vars/vars.go:122:8: attributes taken from a package-level variable here"},
		// Left locked by a callee: the call, named as the caller names the mutex.
		"rawfork/summary/summary.go:23:2":        {"rawfork/summary/summary.go:22:2: s.mu locked here"},
		"rawfork/summary/summary.go:41:2":        {"rawfork/summary/summary.go:40:2: x.mu locked here"},
		"forklock/freeze/freeze.go:21:9":         {"forklock/freeze/freeze.go:20:2: syscall.ForkLock locked here"},
		"forklock/freeze/freeze.go:64:9":         {"forklock/freeze/freeze.go:63:2: syscall.ForkLock locked here"},
		"forklock/freeze/freeze.go:116:8":        {"forklock/freeze/freeze.go:114:2: syscall.ForkLock locked here"},
		"forklock/freezeuser/freezeuser.go:14:9": {"forklock/freezeuser/freezeuser.go:13:2: syscall.ForkLock locked here"},
		// A deferred fork: what runs before the return.
		"rawfork/literals/literals.go:61:3": {"rawfork/literals/literals.go:63:2: goroutine started here"},
		"rawfork/literals/literals.go:75:3": {"rawfork/literals/literals.go:77:2: mu locked here"},
		"rawfork/literals/literals.go:89:8": {"rawfork/literals/literals.go:87:2: mu locked here"},
		// A go:linkname alias of an entry point: the directive.
		"rawfork/linkalias/linkalias.go:29:2": {"rawfork/linkalias/linkalias.go:13:1: rawSyscall is syscall.RawSyscall by go:linkname"},
		// A wrapper that passes its parameter as the number: where it makes the system call.
		"rawfork/wrapper/wrapper.go:21:16":    {"rawfork/wrapper/wrapper.go:16:13: syscall.RawSyscall makes the system call here"},
		"rawfork/wrapper/wrapper.go:50:2":     {"rawfork/wrapper/wrapper.go:43:13: unix.Syscall6 makes the system call here"}, // through another wrapper
		"rawfork/wrapchain/user/user.go:12:2": {"rawfork/wrapchain/lib/lib.go:17:9: unix.RawSyscall makes the system call here"},
		// A primitive past a //line that names no column: its line, column unknown (0).
		"rawfork/lineduser/lineduser.go:9:2": {"rawfork/linedlib/gen.y:101:0: syscall.RawSyscall(SYS_FORK) forks here"},
	}
	checkRelated(t, want,
		"rawfork/chain/a", "rawfork/witness", "rawfork/initgo/user", "rawfork/varinit", "forklock/user", "threadattr/user",
		"threadattr/aliases", "threadattr/values", "threadattr/exits", "threadattr/exitchain/a", "threadattr/fields",
		"rawfork/summary", "rawfork/literals", "forklock/freeze", "forklock/freezeuser",
		"cloexec/spawnmain", "threadattr/lockmain", "rawfork/linkalias", "rawfork/lineduser",
		"threadattr/lockstarter", "threadstate/starters/std", "threadstate/starters/user", "threadattr/vars", "cloexec/wrappers",
		"rawfork/wrapper", "rawfork/wrapchain/user",
		"threadattr/handed", "threadattr/handeduser", "threadattr/options",
		"cloexec/values", "cloexec/sysdep/user")
}

// shortPos formats p with the file's name below testdata/src.
func shortPos(p token.Position) string {
	_, name, _ := strings.Cut(filepath.ToSlash(p.Filename), "/testdata/src/")
	return fmt.Sprintf("%s:%d:%d", name, p.Line, p.Column)
}

// checkRelated runs the analyzer on pkgs (patterns below testdata/src) and
// checks the related information of the findings want names, by their
// position ("rawfork/witness/witness.go:169:2"), against want's lines
// ("POS: MESSAGE", in order); findings want does not name are not checked.
func checkRelated(t *testing.T, want map[string][]string, pkgs ...string) {
	t.Helper()
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, pkgs...)
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

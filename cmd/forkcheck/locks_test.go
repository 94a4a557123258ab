package main

import (
	"strings"
	"testing"
)

// TestLockFactOfDependency checks that both drivers see what a dependency
// leaves locked when the dependency imports only sync (nothing else gives
// it a fact: the standalone driver must still load it from source), for
// the forklock deadlock and for a rawfork witness, and whether a
// dependency releases ForkLock before or after it starts a process; only
// the package that uses them is named on the command line.
func TestLockFactOfDependency(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"hold/hold.go": `package hold

import "sync"

func Hold(l *sync.RWMutex) { l.Lock() }

type Server struct{ mu sync.Mutex }

func (s *Server) Lock() { s.mu.Lock() }
`,
		"thaw/thaw.go": `package thaw

import (
	"os/exec"
	"syscall"
)

func ThawAndRun() error {
	syscall.ForkLock.Unlock()
	return exec.Command("true").Run()
}

func RunAndThaw() error {
	err := exec.Command("true").Run()
	syscall.ForkLock.Unlock()
	return err
}
`,
		"holduse/holduse.go": `package holduse

import (
	"os/exec"
	"syscall"

	"example.com/e2e/hold"
	"example.com/e2e/thaw"
)

func Run() error {
	hold.Hold(&syscall.ForkLock)
	return exec.Command("true").Run()
}

func Fork(s *hold.Server) {
	s.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
}

func Thawed() {
	syscall.ForkLock.Lock()
	thaw.ThawAndRun()
}

func Late() {
	syscall.ForkLock.Lock()
	thaw.RunAndThaw()
}
`,
	}
	want := []string{
		"holduse/holduse.go:13:9: (*exec.Cmd).Run starts a process while syscall.ForkLock is held: it deadlocks, as starting a process locks ForkLock for writing (forklock)" +
			"\n\tholduse/holduse.go:12:2: syscall.ForkLock locked here",
		"holduse/holduse.go:18:2: syscall.RawSyscall(SYS_FORK) forks without exec while s.mu is locked: " + deadlock + " (rawfork)" +
			"\n\tholduse/holduse.go:17:2: s.mu locked here",
		"holduse/holduse.go:28:2: call of thaw.RunAndThaw starts a process while syscall.ForkLock is held: it deadlocks, as starting a process locks ForkLock for writing (forklock)" +
			"\n\tholduse/holduse.go:27:2: syscall.ForkLock locked here",
	}
	checkDrivers(t, files, "./holduse", want, func(t *testing.T, r result) {
		if strings.Contains(r.stderr, "hold/hold.go") || strings.Contains(r.stderr, "thaw/thaw.go:") {
			t.Errorf("a finding in the dependency, which was not asked for:\n%v", r)
		}
	})
}

package main

import (
	"strings"
	"testing"
)

// TestGoroutineStarters checks, in both drivers, that goroutines started
// other than by a go statement reach a fork's message through the facts of
// packages that are dependencies, not roots (issue 12, item 3): wg.Go in a
// library whose function a second library calls (a chain of three
// packages, as go vet passes facts only to direct importers), and
// time.AfterFunc in a library's init.
func TestGoroutineStarters(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	files := map[string]string{
		"starters/lib/lib.go": `package lib

import "sync"

var wg sync.WaitGroup

func reap() {}

func Start() {
	wg.Go(reap)
}
`,
		"starters/mid/mid.go": `package mid

import "example.com/e2e/starters/lib"

func Run() {
	lib.Start()
}
`,
		"starters/app/main.go": `package main

import (
	"syscall"

	"example.com/e2e/starters/mid"
)

func main() {
	mid.Run()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
}
`,
		"starters/initlib/initlib.go": `package initlib

import "time"

func flush() {}

func init() {
	time.AfterFunc(time.Hour, flush)
}
`,
		"starters/app2/main.go": `package main

import (
	"syscall"

	_ "example.com/e2e/starters/initlib"
)

func main() {
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
}
`,
	}
	want := []string{
		"starters/app/main.go:11:2: syscall.RawSyscall(SYS_FORK) forks without exec after a goroutine is started: " + deadlock,
		"starters/app/main.go:10:2: \tgoroutine started here by mid.Run",
		"starters/app2/main.go:10:2: syscall.RawSyscall(SYS_FORK) forks without exec after a goroutine is started: " + deadlock,
		"starters/initlib/initlib.go:8:2: \tgoroutine started here while example.com/e2e/starters/initlib initializes",
	}
	for _, c := range textDrivers {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, files)
			r := c.run(t, tl, dir, "./starters/app", "./starters/app2")
			if r.code != c.code {
				t.Errorf("exit code %d, want %d:\n%v", r.code, c.code, r)
			}
			for _, w := range want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("output lacks %q:\n%v", w, r)
				}
			}
		})
	}
}

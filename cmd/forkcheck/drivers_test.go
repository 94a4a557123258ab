package main

import (
	"strings"
	"testing"
)

// The tests of this file check that the two drivers agree where they once
// did not (issue 12, sections 7 and 8).

// positionFiles holds a fork in one package, at line 6 column 15, and a
// call of it in another; a declaration after the fork makes go vet's
// importer give lib.go lines up to 10, one byte each. huge.go's fork is
// placed by a //line directive at a line that no file has.
var positionFiles = map[string]string{
	"lib/lib.go": `package lib

import "syscall"

func Fork() int {
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	return int(pid)
}

func Later() {}
`,
	"huge/huge.go": `package huge

import "syscall"

func Fork() int {
//line huge.go:300000000
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	return int(pid)
}

func ForkAt() int {
//line huge.go:300000100:7
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	return int(pid)
}
`,
	"user/user.go": `package user

import (
	"example.com/e2e/huge"
	"example.com/e2e/lib"
)

func Detach() int { return lib.Fork() }

func Huge() int { return huge.Fork() + huge.ForkAt() }
`,
}

// TestRelatedPositions checks that both drivers print a related position
// in another package with its column, and one that a //line directive
// moved far beyond any file's end as the directive says.
func TestRelatedPositions(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	want := []string{ // related information: a position, a tab, the message
		"lib/lib.go:6:15: \tsyscall.RawSyscall(SYS_FORK) forks here\n",
		"huge/huge.go:300000000: \tsyscall.RawSyscall(SYS_FORK) forks here\n",
		"huge/huge.go:300000100:21: \tsyscall.RawSyscall(SYS_FORK) forks here\n",
	}
	for _, c := range textDrivers {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, positionFiles)
			r := c.run(t, tl, dir, "./user")
			stderr := strings.ReplaceAll(r.stderr, dir+"/", "")
			for _, w := range want {
				if !strings.Contains(stderr, w) {
					t.Errorf("want %q:\n%v", w, r)
				}
			}
			if r.code != c.code {
				t.Errorf("exit code %d, want %d:\n%v", r.code, c.code, r)
			}
		})
	}
}

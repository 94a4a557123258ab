package main

import (
	"path/filepath"
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

// TestCgoOnlyRoot checks that a package matched by a pattern whose files
// all need cgo, with cgo off, is an error in both drivers: nothing of it
// can be analyzed.
func TestCgoOnlyRoot(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	files := map[string]string{"cgoonly/c.go": "package cgoonly\n\n// #include <unistd.h>\nimport \"C\"\n\nfunc Fork() { C.fork() }\n"}
	const want = "build constraints exclude all Go files in "
	for _, c := range textDrivers {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := c.run(t, tl, module(t, files), "./cgoonly") // goEnv: CGO_ENABLED=0
			if r.code != 1 || !strings.Contains(r.stderr, want) {
				t.Errorf("want exit code 1 and %q:\n%v", want, r)
			}
		})
	}
}

// taggedFiles holds a package whose fork and descriptor leak are in a
// file that only the build tag special selects.
var taggedFiles = map[string]string{
	"tagged/tagged.go": "package tagged\n\nfunc Name() string { return \"tagged\" }\n",
	"tagged/special.go": `//go:build special

package tagged

import "syscall"

func Fork() uintptr {
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	return pid
}

func Open(path string) (int, error) {
	return syscall.Open(path, syscall.O_RDONLY, 0)
}
`,
}

// TestTags checks that -tags selects files in both drivers (go vet takes
// it itself), for findings and for fixes, and that without it the
// file is left out.
func TestTags(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	const (
		fork = "tagged/special.go:8:15: syscall.RawSyscall(SYS_FORK) forks without exec"
		plus = "+\treturn syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)\n"
	)
	for _, c := range textDrivers {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, taggedFiles)
			if r := c.run(t, tl, dir, "./tagged"); r.code != 0 || r.stderr != "" {
				t.Errorf("without -tags: want exit code 0 and no output:\n%v", r)
			}
			for _, args := range [][]string{{"-tags=special", "./tagged"}, {"-tags", "other,special", "./tagged"}} {
				r := c.run(t, tl, dir, args...)
				if r.code != c.code || !strings.Contains(filepath.ToSlash(r.stderr), fork) {
					t.Errorf("%v: want exit code %d and %q:\n%v", args, c.code, fork, r)
				}
			}
			r := c.run(t, tl, dir, "-tags=special", "-fix", "-diff", "./tagged")
			if !strings.Contains(r.stdout, plus) {
				t.Errorf("-tags=special -fix -diff: want the fix in the tagged file:\n%v", r)
			}
		})
	}
}

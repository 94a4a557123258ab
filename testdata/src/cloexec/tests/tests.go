package tests // want package:"starts processes"

// Test code runs alone in its process (go test runs one test at a time):
// only the processes it starts itself inherit what it creates. Dup has no
// fix, so no golden file is needed.

import (
	"os/exec"
	"syscall"
	"testing"
)

// Helper is a test helper of a helper package: it starts nothing.
func Helper(t *testing.T) {
	fd, _ := syscall.Dup(0) // ok: test code that starts no process after it
	syscall.Close(fd)
}

// T is testing.T under another name.
type T = testing.T

// AliasHelper is a test helper that takes *testing.T under an alias.
func AliasHelper(t *T) {
	fd, _ := syscall.Dup(0) // ok: test code that starts no process after it
	syscall.Close(fd)
}

// HelperStarts starts a process while the descriptor is open.
func HelperStarts(tb testing.TB) { // want HelperStarts:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	defer syscall.Close(fd)
	exec.Command("true").Run()
}

// Library code is reported whatever its importers do.
func Library() {
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	syscall.Close(fd)
}

// HandOver keeps the descriptor for the program it executes, as socket
// activation does.
func HandOver() {
	syscall.Dup(0) // ok: meant to be inherited by the new program
	syscall.Exec("/proc/self/exe", []string{"phase2"}, nil)
}

// StartThenExec starts a process before the exec: that one inherits it.
func StartThenExec() { // want StartThenExec:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	defer syscall.Close(fd)
	exec.Command("true").Run()
	syscall.Exec("/proc/self/exe", nil, nil)
}

func run() { exec.Command("true").Run() } // want run:`starts a process: \(\*exec.Cmd\).Run`

// All is a table of tests that other packages run, as go-fuse's posixtest
// is.
var All = map[string]func(*testing.T){"Table": TableTest}

func TableTest(t *testing.T) {
	fd, _ := syscall.Dup(0) // ok: a test that starts nothing while it is open
	syscall.Close(fd)
}

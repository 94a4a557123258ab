package tests

import (
	"os/exec"
	"syscall"
	"testing"
)

func TestNoStart(t *testing.T) {
	fd, _ := syscall.Dup(0) // ok: the test starts no process
	syscall.Close(fd)
}

func TestStartBefore(t *testing.T) { // want TestStartBefore:`starts a process: \(\*exec.Cmd\).Run`
	exec.Command("true").Run()
	fd, _ := syscall.Dup(0) // ok: the child was started before
	syscall.Close(fd)
}

func TestStartAfter(t *testing.T) { // want TestStartAfter:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	exec.Command("true").Run()
	syscall.Close(fd)
}

func TestGoroutine(t *testing.T) { // want TestGoroutine:`starts a process: \(\*exec.Cmd\).Start`
	go func() {
		fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
		defer syscall.Close(fd)
	}()
	exec.Command("true").Start()
}

func TestThroughHelper(t *testing.T) { // want TestThroughHelper:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	defer syscall.Close(fd)
	run()
}

func TestProbe(t *testing.T) { // want TestProbe:`starts a process: \(\*exec.Cmd\).Run`
	if _, err := syscall.Open("/nonexistent", syscall.O_RDONLY, 0); err == nil { // ok: a probe expected to fail
		t.Error("opened")
	}
	exec.Command("true").Run()
}

// A literal that closes what it opens before it returns: the test's later
// process starts do not inherit it.
func TestClosingLiteral(t *testing.T) { // want TestClosingLiteral:`starts a process: \(\*exec.Cmd\).Run`
	openAndClose := func() {
		fd, _ := syscall.Dup(0) // ok: closed before the literal returns
		defer syscall.Close(fd)
	}
	openAndClose()
	exec.Command("true").Run()
}

// A helper whose descriptor outlives it: the caller starts a process while
// it is open.
func TestReturned(t *testing.T) { // want TestReturned:`starts a process: \(\*exec.Cmd\).Run`
	fd := dupHelper()
	exec.Command("true").Run()
	syscall.Close(fd)
}

func dupHelper() int {
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	return fd
}

// A helper run in a goroutine while the test starts a process.
func TestConcurrentHelper(t *testing.T) { // want TestConcurrentHelper:`starts a process: \(\*exec.Cmd\).Run`
	go pollHelper()
	exec.Command("true").Run()
}

func pollHelper() {
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	defer syscall.Close(fd)
}

// A helper that a test calls when it has started its processes.
func TestAfterStarts(t *testing.T) { // want TestAfterStarts:`starts a process: \(\*exec.Cmd\).Run`
	exec.Command("true").Run()
	closingHelper()
}

func closingHelper() {
	fd, _ := syscall.Dup(0) // ok: every caller has started its processes
	syscall.Close(fd)
}

// A literal passed to a function may run at any time from then on.
func TestPassedLiteral(t *testing.T) { // want TestPassedLiteral:`starts a process: \(\*exec.Cmd\).Run`
	runLater(func() {
		fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
		syscall.Close(fd)
	})
	exec.Command("true").Run()
}

func runLater(f func()) { go f() }

// A helper that closes what it opens, run in a goroutine while the test
// starts a process, as go-fuse's waitProcMountsChange is.
func TestGoroutineCallsHelper(t *testing.T) { // want TestGoroutineCallsHelper:`starts a process: \(\*exec.Cmd\).Run`
	go func() {
		waitHelper()
	}()
	exec.Command("true").Run()
}

func waitHelper() {
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	defer syscall.Close(fd)
}

// A literal kept in a table that goroutines run while the test starts a
// process.
func TestTableOfLiterals(t *testing.T) { // want TestTableOfLiterals:`starts a process: \(\*exec.Cmd\).Run`
	ops := map[string]func() error{
		"dup": func() error {
			fd, err := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
			syscall.Close(fd)
			return err
		},
	}
	for _, op := range ops {
		go op()
	}
	exec.Command("true").Run()
}

// Subtests that each start a process and then open a descriptor that
// their cleanup closes.
func TestLoopOfSubtests(t *testing.T) { // want TestLoopOfSubtests:`starts a process: \(\*exec.Cmd\).Run`
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) { startThenOpen(t) })
	}
}

func startThenOpen(t *testing.T) { // want startThenOpen:`starts a process: \(\*exec.Cmd\).Run`
	exec.Command("true").Run()
	fd, _ := syscall.Dup(0) // ok: closed when the subtest ends, before the next starts
	t.Cleanup(func() { syscall.Close(fd) })
}

// A descriptor closed before the process starts.
func TestCloseThenStart(t *testing.T) { // want TestCloseThenStart:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // ok: closed before the start
	syscall.Close(fd)
	exec.Command("true").Run()
}

// A helper's descriptor that the caller closes before it starts a process,
// as go-fuse's reconnect test does.
func TestReturnedThenClosed(t *testing.T) { // want TestReturnedThenClosed:`starts a process: \(\*exec.Cmd\).Run`
	fd := closedByCaller()
	syscall.Close(fd)
	exec.Command("true").Run()
}

func closedByCaller() int {
	fd, _ := syscall.Dup(0) // ok: the caller closes it before it starts a process
	return fd
}

package paralleltests

// Tests that call t.Parallel run at the same time: any of them may start a
// process while another's descriptor is open.

import (
	"os/exec"
	"syscall"
	"testing"
)

func TestA(t *testing.T) {
	t.Parallel()
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	syscall.Close(fd)
}

func TestB(t *testing.T) { // want TestB:`starts a process: \(\*exec.Cmd\).Run`
	t.Parallel()
	exec.Command("true").Run()
}

// A helper that a serial test calls runs while no other test does.
func TestSerial(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		serialHelper()
	})
}

func serialHelper() {
	fd, _ := syscall.Dup(0) // ok: only a serial test calls it
	syscall.Close(fd)
}

// A helper that a parallel test calls runs alongside the other parallel
// tests.
func TestParallelHelper(t *testing.T) {
	t.Parallel()
	parallelHelper()
}

func parallelHelper() {
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	syscall.Close(fd)
}

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

package libtests

import (
	"os/exec"
	"syscall"
	"testing"
)

// The test binary is a whole program: no goroutine in it returns locked.
func TestChild(t *testing.T) { // want TestChild:`starts a process: \(\*exec.Cmd\).Run`
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // ok
}

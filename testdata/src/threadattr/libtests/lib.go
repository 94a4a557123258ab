package libtests // want package:"starts processes"

import (
	"os/exec"
	"syscall"
)

// Start is a library's: its importers may end threads.
func Start() error { // want Start:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

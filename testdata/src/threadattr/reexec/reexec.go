package reexec // want package:"starts processes; sets thread attributes"

// A helper that returns a command with Pdeathsig set, as moby's
// reexec.Command does: its callers start it.

import (
	"os/exec"
	"syscall"
)

func Command(args ...string) *exec.Cmd { // want Command:`returns attributes with Pdeathsig set`
	cmd := exec.Command("/proc/self/exe", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return cmd
}

func Plain(args ...string) *exec.Cmd {
	cmd := exec.Command("/proc/self/exe", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // ok: not thread-bound
	return cmd
}

func Run() error { // want Run:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command("true").Run()
}

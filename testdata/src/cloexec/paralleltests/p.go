package paralleltests // want package:"starts processes"

import "os/exec"

func Run() error { // want Run:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command("true").Run()
}

package runner // want package:"starts processes"

import "os/exec"

type Runner struct{ name string }

func (r *Runner) Run() error { // want Run:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command(r.name).Run()
}

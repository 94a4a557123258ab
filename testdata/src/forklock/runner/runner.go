package runner // want package:"starts processes"

import "os/exec"

type Runner struct{ name string }

func (r *Runner) Run() error { // want Run:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command(r.name).Run()
}

// RunAll and runRest call each other; the process starts in runRest.
func RunAll(rs []*Runner) error { // want RunAll:`starts a process: \(\*exec.Cmd\).Run`
	if len(rs) == 0 {
		return nil
	}
	return runRest(rs)
}

func runRest(rs []*Runner) error { // want runRest:`starts a process: \(\*exec.Cmd\).Run`
	if err := rs[0].Run(); err != nil {
		return err
	}
	return RunAll(rs[1:])
}

// Idle refers to functions of the package that start nothing.
func Idle() int { return idle() }

func idle() int { return 0 }

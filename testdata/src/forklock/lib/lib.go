package lib // want package:"starts processes"

// A library that starts processes the safe way: its functions carry a
// spawnFact, through in-package calls too.

import "os/exec"

func Run(name string) error { // want Run:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command(name).Run()
}

func runTwice(name string) error { // want runTwice:`starts a process: \(\*exec.Cmd\).Run`
	if err := Run(name); err != nil {
		return err
	}
	return Run(name)
}

func Pure() int { return 1 }

package indirect // want package:"starts processes"

// A method of a package that this one does not import: its fact still
// counts.

import (
	"syscall"

	"forklock/mid"
)

func Run() error { // want Run:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	return mid.New().Run() // want `call of \(\*runner.Runner\).Run starts a process while syscall.ForkLock is held`
}

package held // want package:"starts processes"

// held starts a process under syscall.ForkLock: a deadlock on unix only. On
// windows and plan9 starting a process does not take ForkLock, and js/wasm
// starts none.

import (
	"os/exec"
	"syscall"
)

func start() error { // want start:`starts a process: \(\*exec\.Cmd\)\.Run`
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	return exec.Command("true").Run() // ok: no fork, no ForkLock in the start
}

package handedmid // want package:"starts processes; leaves thread state"

// A package in the middle: its Run hands its caller's command on to the
// library's, so it starts a process with its caller's attributes too.

import (
	"os/exec"

	"threadattr/handedlib"
)

func Run(cmd *exec.Cmd) error { // want Run:`starts a process with the attributes of cmd` Run:`starts a process: \(\*exec\.Cmd\)\.Run`
	return handedlib.Run(cmd) // ok: the attributes are the caller's
}

package aliasuser // want package:"starts processes"

// The helpers of another package that return attributes under an alias,
// or by value, carry their facts here.

import (
	"os"
	"syscall"

	"threadattr/aliases"
)

func start() error { // want start:`starts a process: \(\*exec.Cmd\).Start`
	return aliases.NewCmd().Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func startValue() { // want startValue:`starts a process: os.StartProcess`
	a := aliases.ValueAttrs()
	os.StartProcess("/bin/true", nil, &os.ProcAttr{Sys: (*syscall.SysProcAttr)(&a)}) // want `os.StartProcess starts a process with Pdeathsig`
}

package attrs // want package:`\) sets thread attributes\}`

// A package that only builds attributes: no process start, but a fact for
// the function that returns them set.

import "syscall"

func Attrs() *syscall.SysProcAttr { // want Attrs:`returns attributes with Pdeathsig set`
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

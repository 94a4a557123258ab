package nothing // want package:"starts processes"

// On windows there are no fork numbers: nothing to find, nothing may break.

import (
	"os/exec"
	"syscall"
)

func Spawn() error { // want Spawn:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command("cmd", "/c", "echo").Run() // ok
}

func Raw(proc uintptr) {
	syscall.SyscallN(proc, 57) // ok: a procedure address, not a system call number
}

func Pid() int { return syscall.Getpid() } // ok

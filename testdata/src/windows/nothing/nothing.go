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

// A child inherits only the handles that its start lists
// (PROC_THREAD_ATTRIBUTE_HANDLE_LIST): nothing leaks.
func Handles(p []syscall.Handle) {
	syscall.Open("x", syscall.O_RDONLY, 0)                  // ok
	syscall.Pipe(p)                                         // ok
	syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0) // ok
}

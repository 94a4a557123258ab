package c // want package:"forks"

// The bottom of a chain of three packages: the primitive.

import "syscall"

func Fork() int { // want Fork:`^forks: syscall.RawSyscall\(SYS_FORK\)$`
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	return int(pid)
}

type Daemon struct{}

func (*Daemon) Start() { // want Start:`^forks: syscall.RawSyscall\(SYS_FORK\)$`
	Fork()
}

func ForkAll[T any](items []T) { // want ForkAll:`^forks: syscall.RawSyscall\(SYS_FORK\)$`
	for range items {
		Fork()
	}
}

func Pid() int { return syscall.Getpid() } // ok: no fork

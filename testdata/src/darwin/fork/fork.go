package fork // want package:"forks"

// darwin's numbers: fork is 2, vfork 66.

import "syscall"

func Fork() { // want Fork:`forks: syscall.RawSyscall\(SYS_FORK\)`
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec`
}

func Literal() { // want Literal:`forks: syscall.Syscall\(SYS_VFORK\)`
	syscall.Syscall(66, 0, 0, 0) // want `^syscall.Syscall\(SYS_VFORK\) forks without exec`
}

func Getpid() {
	syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0) // ok: no fork
}

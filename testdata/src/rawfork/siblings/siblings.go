package siblings

// The only fork of the package, followed in the same expression by a
// system call that is no fork: the syntax filter must not forget it.

import "syscall"

var pids = [2]uintptr{
	first(syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)), // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	first(syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0)),
}

func first(r1, r2 uintptr, err syscall.Errno) uintptr { return r1 }

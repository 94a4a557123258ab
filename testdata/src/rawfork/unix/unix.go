package unix // want package:"forks"

// The spellings of a raw fork through golang.org/x/sys/unix.

import "golang.org/x/sys/unix"

func viaSyscall() { // want viaSyscall:`forks: unix.Syscall\(SYS_FORK\)`
	unix.Syscall(unix.SYS_FORK, 0, 0, 0) // want `^unix.Syscall\(SYS_FORK\) forks without exec: the child`
}

func viaRawSyscall6() { // want viaRawSyscall6:`forks: unix.RawSyscall6\(SYS_CLONE\)`
	unix.RawSyscall6(unix.SYS_CLONE, unix.SIGCHLD, 0, 0, 0, 0, 0) // want `unix.RawSyscall6\(SYS_CLONE\) forks without exec`
}

func viaNoError() { // want viaNoError:`forks: unix.SyscallNoError\(SYS_VFORK\)`
	unix.SyscallNoError(unix.SYS_VFORK, 0, 0, 0) // want `unix.SyscallNoError\(SYS_VFORK\) forks without exec`
}

func viaRawNoError(args uintptr) { // want viaRawNoError:`forks: unix.RawSyscallNoError\(SYS_CLONE3\)`
	unix.RawSyscallNoError(unix.SYS_CLONE3, args, 88, 0) // want `unix.RawSyscallNoError\(SYS_CLONE3\) forks without exec`
}

func viaSyscall6() { // want viaSyscall6:`forks: unix.Syscall6\(SYS_FORK\)`
	n := 57
	unix.Syscall6(uintptr(n), 0, 0, 0, 0, 0, 0) // want `unix.Syscall6\(SYS_FORK\) forks without exec`
}

func thread() {
	unix.RawSyscall(unix.SYS_CLONE, unix.CLONE_VM|unix.CLONE_THREAD|unix.CLONE_FS|unix.CLONE_FILES, 0, 0) // ok: a thread
}

func getpid() {
	unix.RawSyscallNoError(unix.SYS_GETPID, 0, 0, 0) // ok: creates no process
	unix.Getpid()                                    // ok: not a raw system call
}

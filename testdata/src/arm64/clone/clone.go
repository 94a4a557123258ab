package clone // want package:"forks"

// On linux/arm64 there is no fork system call: clone with SIGCHLD is the
// fork, and the numbers are arm64's.

import "syscall"

func Fork() { // want Fork:`forks: syscall.RawSyscall\(SYS_CLONE\)`
	syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // want `^syscall.RawSyscall\(SYS_CLONE\) forks without exec`
}

func Literal() { // want Literal:`forks: syscall.Syscall\(SYS_CLONE\)`
	syscall.Syscall(220, uintptr(syscall.SIGCHLD), 0, 0) // want `^syscall.Syscall\(SYS_CLONE\) forks without exec`
}

func Close(fd uintptr) {
	syscall.Syscall(57, fd, 0, 0) // ok: 57 is fork on amd64, close on arm64
}

func Thread() {
	syscall.RawSyscall(syscall.SYS_CLONE, syscall.CLONE_VM|syscall.CLONE_THREAD, 0, 0) // ok: a thread
}

func Clone3(args uintptr, size uintptr) { // want Clone3:`forks: syscall.RawSyscall\(SYS_CLONE3\)`
	syscall.RawSyscall(435, args, size, 0) // want `^syscall.RawSyscall\(SYS_CLONE3\) forks without exec`
}

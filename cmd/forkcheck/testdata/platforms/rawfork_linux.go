package platforms

import "syscall"

// Clone forks with clone(SIGCHLD), the fork of every linux platform
// (arm64, loong64 and riscv64 have no fork system call). android is linux.
func Clone() uintptr {
	pid, _, _ := syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0)
	return pid
}

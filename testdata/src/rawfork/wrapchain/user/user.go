package user // want package:"forks"

import (
	"syscall"

	"rawfork/wrapchain/mid"
)

const sysClone = 56 // linux/amd64's clone, as a local constant

func clone() { // want clone:`forks: mid.Sys\(SYS_CLONE\)`
	mid.Sys(sysClone, uintptr(syscall.SIGCHLD)) // want `mid.Sys\(SYS_CLONE\) forks without exec`
}

func thread() {
	mid.Sys(sysClone, syscall.CLONE_VM|syscall.CLONE_THREAD) // ok: the flags make a thread
}

func vfork() { // want vfork:`forks: mid.Sys\(SYS_VFORK\)`
	mid.Sys(58, 0) // want `mid.Sys\(SYS_VFORK\) forks without exec`
}

func detach() { // want detach:`forks: mid.Fork -> lib.RawSyscall\(SYS_FORK\)`
	mid.Fork() // want `call of mid.Fork forks without exec`
}

func getpid() uintptr {
	return mid.Sys(syscall.SYS_GETPID, 0) // ok: creates no process
}

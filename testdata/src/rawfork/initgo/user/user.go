package user // want package:"forks; init of rawfork/initgo/starter starts a goroutine"

// Every fork here runs after an imported package's initialization started a
// goroutine, even one reached only from an init function.

import (
	"syscall"

	"rawfork/initgo/relay"
)

func Fork() { // want Fork:"forks"
	relay.Nothing()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child`
}

func init() {
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started`
}

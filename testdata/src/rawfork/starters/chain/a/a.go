package a // want package:"forks; starts goroutines"

import (
	"syscall"

	"rawfork/starters/chain/b"
)

func Daemonize() { // want Daemonize:"forks" Daemonize:"starts a goroutine: b.Run"
	b.Run()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

package initlib // want package:"forks; init of rawfork/starters/initlib starts a goroutine"

// init calls a library's starter: the library's fact makes it a goroutine
// start of this package's initialization, and of its importers'.

import (
	"syscall"

	"rawfork/starters/lib"
)

var pool *lib.Pool

func init() {
	pool = lib.StartWorkers(2)
}

func Fork() { // want Fork:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

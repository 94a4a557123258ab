package initquiet // want package:"forks"

// init calls functions that start nothing, and makes a timer: no witness.

import (
	"sync"
	"syscall"
	"time"

	"rawfork/starters/lib"
)

var (
	once  sync.Once
	n     int
	timer = time.NewTimer(time.Hour)
)

func init() {
	n = lib.Compute()
	once.Do(func() { n++ })
}

func Fork() { // want Fork:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

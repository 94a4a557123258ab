package initonce // want package:"forks; init of rawfork/starters/initonce starts a goroutine"

// The package's own init starts a goroutine through sync.Once.Do, as
// lazily started flushers do: every fork that may run after
// initialization runs after it.

import (
	"sync"
	"syscall"
)

var once sync.Once

func flush() {}

func init() {
	once.Do(func() { go flush() })
}

func Fork() { // want Fork:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

package a // want package:"forks"

// The top of the chain: it sees c's primitive through b's fact.

import (
	"sync"

	"rawfork/chain/b"
)

var mu sync.Mutex

func Run() { // want Run:`^forks: b.Wrap -> c.Fork -> syscall.RawSyscall\(SYS_FORK\)$`
	mu.Lock()
	defer mu.Unlock()
	b.Wrap() // want `^call of b.Wrap forks without exec while mu is locked: the child`
}

func Clean() int {
	return b.Quiet() // ok
}

// Describe uses a method of the universe, which has no package.
func Describe(err error) string {
	return err.Error() // ok
}

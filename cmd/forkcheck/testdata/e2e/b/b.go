// Package b forks through package c: forkcheck reports the calls of c.Fork
// with the goroutine or the lock that makes them worse.
package b

import (
	"sync"

	"example.com/e2e/c"
)

var mu sync.Mutex

// Detach forks through c.Fork after starting a goroutine.
func Detach() uintptr {
	go func() {}()
	return c.Fork() // reported: after a goroutine is started
}

// DetachLocked forks through c.Fork while holding mu.
func DetachLocked() uintptr {
	mu.Lock()
	defer mu.Unlock()
	return c.Fork() // reported: while mu is locked
}

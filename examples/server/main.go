//go:build linux

// Command server calls a library that forks, while it holds a lock.
package main

import (
	"log"
	"sync"

	"example.com/forkcheck-examples/detach"
)

type registry struct {
	mu    sync.Mutex
	names []string
}

func (r *registry) detachLocked() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	child, err := detach.Detach()
	if err != nil {
		log.Fatal(err)
	}
	return child
}

func main() {
	var r registry
	r.detachLocked()
}

package gatelib // want package:"leaves mutexes locked or unlocked"

// syscall.ForkLock reached through a field that holds its address, and
// locked by a method, for reading: the facts name ForkLock itself, so an
// importer that never names it still sees it held (refs.forkLockFact).

import (
	"sync"
	"syscall"
)

type gate struct{ mu *sync.RWMutex }

var g = gate{mu: &syscall.ForkLock}

// Close locks ForkLock through g.mu.
func Close() { g.mu.Lock() } // want Close:"locks syscall.ForkLock"

// A Door locks ForkLock for reading through its field.
type Door struct{ g *gate }

// Shut locks ForkLock for reading.
func (d *Door) Shut() { d.g.mu.RLock() } // want Shut:"locks syscall.ForkLock for reading"

// NewDoor returns a Door on ForkLock.
func NewDoor() *Door { return &Door{g: &g} }

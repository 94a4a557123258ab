package prunefield // want package:"leaves mutexes locked or unlocked"

// A field that holds the address of a package-level mutex is named as that
// mutex when every store of the package puts the same one there: the SSA
// phase needs every body that stores into it, even one that locks nothing
// (reset), so lockBodies builds every body of a package that stores a
// variable's address into a field.

import (
	"sync"

	"forklock/freezelib"
)

var (
	global sync.Mutex
	other  sync.Mutex
)

type holder struct{ mu *sync.Mutex }

func newHolder() *holder { // want newHolder:"locks syscall.ForkLock"
	freezelib.Freeze()
	return &holder{mu: &global}
}

// reset locks nothing, but after it h.mu may be another mutex.
func (h *holder) reset() { h.mu = &other }

func (h *holder) lock() { h.mu.Lock() } // want lock:"locks h.mu"

// single is set to one mutex only, by a function that locks nothing: the
// field is that mutex.
type single struct{ mu *sync.Mutex }

func newSingle() *single { return &single{mu: (*sync.Mutex)(&other)} }

func (s *single) lock() { s.mu.Lock() } // want lock:"locks other"

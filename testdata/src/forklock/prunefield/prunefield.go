package prunefield

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

// The address can reach the store through a variable, through a pointer
// to the field, or through &*: each of these bodies locks nothing.
type viaVar struct{ mu *sync.Mutex }

func setViaVar(h *viaVar) {
	p := &global
	h.mu = p
}

func (h *viaVar) lock() { h.mu.Lock() } // want lock:"locks global"

type viaPointer struct{ mu *sync.Mutex }

func setViaPointer(h *viaPointer) {
	pp := &h.mu
	*pp = &global
}

func (h *viaPointer) lock() { h.mu.Lock() } // want lock:"locks global"

type viaDeref struct{ mu *sync.Mutex }

func setViaDeref(h *viaDeref) { h.mu = &*&global }

func (h *viaDeref) lock() { h.mu.Lock() } // want lock:"locks global"

// The other way round: the body that locks stores the address, and one
// that locks nothing stores another mutex.
type reset struct{ mu *sync.Mutex }

func (h *reset) lock() { // want lock:"locks h.mu"
	p := &global
	h.mu = p
	h.mu.Lock()
}

func (h *reset) set(m *sync.Mutex) { h.mu = m }

package prunedefined

// A variable of a type defined as sync.Mutex, converted back: the store
// that names the field is in a body that locks nothing, so lockBodies
// builds every body (see prunefield).

import "sync"

type myMu sync.Mutex

var defined myMu

type holder struct{ mu *sync.Mutex }

func newHolder() *holder { return &holder{mu: (*sync.Mutex)(&defined)} }

func (h *holder) lock() { h.mu.Lock() } // want lock:"locks defined"

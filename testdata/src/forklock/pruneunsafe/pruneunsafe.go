package pruneunsafe

// Raw memory converted to a mutex: the store that names the field is in a
// body that locks nothing, so lockBodies builds every body (see
// prunefield).

import (
	"sync"
	"unsafe"
)

var raw [8]uint64

type holder struct{ mu *sync.Mutex }

func newHolder() *holder { return &holder{mu: (*sync.Mutex)(unsafe.Pointer(&raw))} }

func (h *holder) lock() { h.mu.Lock() } // want lock:"locks raw"

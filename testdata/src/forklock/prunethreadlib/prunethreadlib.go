package prunethreadlib // want package:"leaves mutexes locked or unlocked; leaves thread state"

// Unpin returns the unlock of the caller's thread, for it to defer. Hold
// makes the package build SSA, for the lock analysis.

import (
	"runtime"
	"sync"
)

var mu sync.Mutex

func Hold() { mu.Lock() } // want Hold:"locks mu"

func Unpin() func() { return runtime.UnlockOSThread } // want Unpin:"returns the unlock"

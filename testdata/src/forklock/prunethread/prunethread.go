package prunethread // want package:"leaves mutexes locked or unlocked; leaves thread state"

// A package that leaves a mutex locked and unlocks the thread: threadattr's
// exit summaries see what Release and Unpinned leave, so the SSA phase
// builds every body, not only those the lock analysis needs.

import (
	"runtime"
	"sync"

	"forklock/prunethreadlib"
)

var mu sync.Mutex

func Hold() { mu.Lock() } // want Hold:"locks mu"

func Release() { runtime.UnlockOSThread() } // want Release:"may leave the thread unlocked"

func Unpinned() { defer prunethreadlib.Unpin()() } // want Unpinned:"may leave the thread unlocked"

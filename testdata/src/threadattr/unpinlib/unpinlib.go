package unpinlib // want package:"leaves thread state"

// A library whose only thread call is the unlock: what Unpin and Unpinner
// leave their callers is a fact all the same.

import "runtime"

func Unpin() { runtime.UnlockOSThread() } // want Unpin:"may leave the thread unlocked"

func Unpinner() func() { return runtime.UnlockOSThread } // want Unpinner:"returns the unlock"

// UnpinByValue unlocks through a function value: the same unlock.
func UnpinByValue() { // want UnpinByValue:"may leave the thread unlocked"
	unlock := runtime.UnlockOSThread
	unlock()
}

package holdpass // want package:"leaves mutexes locked or unlocked"

// holdpass locks and unlocks through holdlib's functions, whose lockFacts
// say what each call does to the mutex its argument names: a function that
// pairs them leaves nothing, one that does not leaves what they say.

import (
	"sync"

	"forklock/holdlib"
)

// Pair locks and unlocks l: it leaves nothing.
func Pair(l *sync.RWMutex) {
	holdlib.Hold(l)
	defer holdlib.Release(l)
}

// Wrap locks l and leaves it locked.
func Wrap(l *sync.RWMutex) { // want Wrap:"locks l"
	holdlib.Hold(l)
}

type S struct{ mu sync.RWMutex }

// Both locks and unlocks s.mu, named with & at each call.
func (s *S) Both() {
	holdlib.Hold(&s.mu)
	holdlib.Release(&s.mu)
}

// Mixed locks through holdlib and unlocks through sync.
func (s *S) Mixed() {
	holdlib.Hold(&s.mu)
	s.mu.Unlock()
}

// Cycle freezes and thaws f.L through methods whose facts name the
// receiver's field.
func Cycle(f *holdlib.Freezer) {
	f.Freeze()
	f.Thaw()
}

// Other locks one mutex and unlocks another.
func Other(a, b *sync.RWMutex) { // want Other:"unlocks b; locks a"
	holdlib.Hold(a)
	holdlib.Release(b)
}

package deferlib // want package:"leaves mutexes locked or unlocked; starts goroutines"

// deferlib unlocks in function literals: one deferred, one called
// on the spot, both part of the function that writes them and naming the
// mutex it locked, which leaves nothing locked; and one started as a
// goroutine, which leaves the mutex locked for the caller until the
// goroutine runs.

import "sync"

type Store struct{ mu sync.RWMutex }

// Collect locks s.mu and unlocks it in a deferred literal: balanced.
func (s *Store) Collect() (n int) {
	s.mu.Lock()
	defer func() {
		n++
		s.mu.Unlock()
	}()
	return 0
}

// Peek unlocks in a literal called on the spot: balanced.
func (s *Store) Peek() {
	s.mu.RLock()
	func() {
		s.mu.RUnlock()
	}()
}

// Handoff unlocks in a goroutine: the caller returns with s.mu locked.
func (s *Store) Handoff() { // want Handoff:"locks s.mu" Handoff:"starts a goroutine: go statement"
	s.mu.Lock()
	go func() {
		s.mu.Unlock()
	}()
}

// Swap locks a and unlocks b, in a literal whose parameter is named a: the
// names as written match, the mutexes do not.
func Swap(a, b *sync.RWMutex) { // want Swap:"unlocks b; locks a"
	a.Lock()
	func(a *sync.RWMutex) {
		a.Unlock()
	}(b)
}

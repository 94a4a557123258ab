package prunepaired // want package:"leaves mutexes locked or unlocked"

// A package whose only reason to build SSA is the lock analysis (Hold
// leaves s.mu locked), where most functions lock a mutex and defer its
// unlock at once: those pairs leave nothing, and do not make lockBodies
// build a body (pairedLockCalls). TestPartialSSA checks that the facts are
// those of every body built; the others here are not pairs.

import "sync"

type S struct {
	mu    sync.RWMutex
	inner struct{ mu sync.Mutex }
	n     int
}

// Hold leaves s.mu locked.
func (s *S) Hold() { s.mu.Lock() } // want Hold:"locks s.mu"

// Get, GetEarly, Read and Inner lock and defer the unlock at once.
func (s *S) Get() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func (s *S) GetEarly(skip bool) int {
	if skip {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n > 0 {
		return s.n
	}
	return -1
}

func (s *S) Read() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.n
}

func (s *S) Inner() int {
	(s.inner.mu.Lock)()
	defer s.inner.mu.Unlock()
	return s.n
}

// HoldAfter pairs, then calls Hold: it leaves s.mu locked for good, a
// caller of a body that is needed.
func (s *S) HoldAfter() { // want HoldAfter:"locks s.mu"
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.Hold()
}

// Swap locks one mutex and defers the unlock of another: not a pair.
func Swap(a, b *S) { // want Swap:`unlocks b.mu; locks a.mu`
	a.mu.Lock()
	defer b.mu.Unlock()
}

// Mixed locks for writing and defers the unlock for reading: not a pair.
func (s *S) Mixed() { // want Mixed:`unlocks s.mu for reading; locks s.mu`
	s.mu.Lock()
	defer s.mu.RUnlock()
}

// Relock unlocks in between and locks again: the pair leaves s.mu held,
// then unlocked by the deferred call, and the explicit calls are not a
// pair.
func (s *S) Relock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mu.Unlock()
	s.n++
	s.mu.Lock()
}

// Released unlocks after the pair's deferred unlock is set up: not a pair
// for the second unlock.
func (s *S) Released() { // want Released:"unlocks s.mu"
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mu.Unlock()
}

// Loop locks in a loop and defers in it: a loop's body runs again, so it
// is not taken for a pair.
func Loop(list []*S) {
	for _, s := range list {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
}

// Elsewhere locks one element and defers the unlock of the element that
// an index names: an index is not a variable that stays the same.
func Elsewhere(list []*S, i int) {
	list[i].mu.Lock()
	defer list[i].mu.Unlock()
}

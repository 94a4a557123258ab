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

// Straight, InCase and InnerBreak lock and unlock later in the same list,
// with nothing between that leaves it: pairs too.
func (s *S) Straight() int {
	s.mu.RLock()
	n := s.n
	s.mu.RUnlock()
	return n
}

func (s *S) InCase(k int) {
	switch k {
	case 1:
		s.inner.mu.Lock()
		s.n++
		s.inner.mu.Unlock()
	}
}

func (s *S) InnerBreak() {
	s.mu.Lock()
	for i := 0; ; i++ {
		if i > s.n {
			break // the inner loop's
		}
	}
	s.mu.Unlock()
}

var global sync.Mutex

func Global() {
	global.Lock()
	global.Unlock()
}

// ReturnBetween returns between the lock and the unlock: not a pair.
func (s *S) ReturnBetween() { // want ReturnBetween:`locks s.mu`
	s.mu.Lock()
	if s.n > 0 {
		return
	}
	s.mu.Unlock()
}

// BreakBetween breaks out of the loop whose body has both: not a pair.
func (s *S) BreakBetween() { // want BreakBetween:`locks s.mu`
	for {
		s.mu.Lock()
		if s.n > 0 {
			break
		}
		s.mu.Unlock()
	}
}

// Reassigned names another mutex the second time: not a pair.
func Reassigned(s, t *S) { // want Reassigned:`unlocks t.mu; locks s.mu`
	s.mu.Lock()
	s = t
	s.mu.Unlock()
}

// GotoBetween jumps over the unlock: not a pair.
func (s *S) GotoBetween() { // want GotoBetween:`may lock s.mu`
	s.mu.Lock()
	if s.n > 0 {
		goto out
	}
	s.mu.Unlock()
out:
}

// A Striped locks one of its mutexes, chosen by an index or a key: the
// lock summary cannot name such a mutex for a caller, so LockStripe and
// LockName have no fact, and their calls do not make lockBodies build a
// body (inertLockCalls).
type Striped struct {
	locks  [4]sync.Mutex
	byName map[string]*sync.Mutex
}

func (s *Striped) LockStripe(i int) { s.locks[i].Lock() }

func (s *Striped) LockName(k string) { s.byName[k].Lock() }

func (s *Striped) Pick(i int) *sync.Mutex { return &s.locks[i] }

func (s *Striped) LockPicked(i int) { s.Pick(i).Lock() }

// LockDeref names its mutex through a pointer: it has a fact.
func LockDeref(p **S) { (*p).mu.Lock() } // want LockDeref:`locks p.mu`

// A Series embeds its mutex.
type Series struct {
	sync.Mutex
	n  int
	wg sync.WaitGroup
}

// Touch locks the embedded mutex, uses fields of the same variable, and
// unlocks: a pair.
func (s *Series) Touch() {
	s.Lock()
	if s.n > 0 {
		s.n++
	}
	s.Unlock()
}

// Wait waits on a WaitGroup: nothing the lock analysis sees.
func (s *Series) Wait() { s.wg.Wait() }

// Twice unlocks and locks again between: not a pair, nor are the inner
// two (the lock is the last of its list).
func (s *Series) Twice() {
	s.Lock()
	if s.n > 0 {
		s.Unlock()
		s.Lock()
	}
	s.Unlock()
}

// Unpaired unlocks between and returns: it leaves s unlocked on one path.
func (s *Series) Unpaired() { // want Unpaired:`unlocks s.Mutex`
	s.Lock()
	if s.n > 0 {
		s.Unlock()
		s.Unlock()
		return
	}
	s.Unlock()
}

// Gauge makes literals that lock and defer the unlock at once, or lock
// and unlock: pairs in a function of their own. The last one returns
// holding s.mu: not a pair.
func (s *S) Gauge() []func() int {
	return []func() int{
		func() int {
			s.mu.RLock()
			defer s.mu.RUnlock()
			return s.n
		},
		func() int {
			s.mu.RLock()
			n := s.n
			s.mu.RUnlock()
			return n
		},
		func() int {
			s.mu.RLock()
			return s.n
		},
	}
}

// Compact locks and defers a literal whose first statement unlocks: a
// pair.
func (s *S) Compact() (err error) {
	s.mu.Lock()
	defer func() {
		s.mu.Unlock()
		if err != nil {
			s.n = 0
		}
	}()
	return nil
}

// CompactLate defers a literal that may return before it unlocks: not a
// pair.
func (s *S) CompactLate() (err error) {
	s.mu.Lock()
	defer func() {
		if err != nil {
			return
		}
		s.mu.Unlock()
	}()
	return nil
}

// A Flock is a file lock: its Lock and Unlock are no mutex's, and their
// calls do not make lockBodies build a body.
type Flock struct{ fd int }

func (f *Flock) Lock() error   { return nil }
func (f *Flock) Unlock() error { return nil }

func (f *Flock) Held() error { return f.Lock() }

// Locked locks a sync.Locker, which may be a mutex.
func Locked(l sync.Locker) { l.Lock() }

package holdlib // want package:"leaves mutexes locked or unlocked"

// A library that imports only sync: what its functions leave locked is
// all that gives it facts, so that the standalone driver must load it from
// source (analyzer.DependencyMatters) for its importers to see them.

import "sync"

// Hold locks the RWMutex it is given for writing and returns.
func Hold(l *sync.RWMutex) { l.Lock() } // want Hold:"locks l"

// Release unlocks it.
func Release(l *sync.RWMutex) { l.Unlock() } // want Release:"unlocks l"

// HoldRead locks it for reading.
func HoldRead(l *sync.RWMutex) { l.RLock() } // want HoldRead:"locks l for reading"

// Balanced locks and unlocks: it leaves nothing.
func Balanced(l *sync.RWMutex) {
	l.Lock()
	defer l.Unlock()
}

// A Freezer holds a pointer to the RWMutex it freezes.
type Freezer struct{ L *sync.RWMutex }

// Freeze locks f.L.
func (f *Freezer) Freeze() { f.L.Lock() } // want Freeze:"locks f.L"

// Thaw unlocks f.L.
func (f *Freezer) Thaw() { f.L.Unlock() } // want Thaw:"unlocks f.L"

// HoldFunc is a function held in a variable: importers call it through a
// load of the variable, which they may have changed, so no fact follows it.
var HoldFunc = func(l *sync.RWMutex) { l.Lock() }

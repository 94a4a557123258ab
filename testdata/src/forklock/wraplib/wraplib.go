package wraplib // want package:"leaves mutexes locked or unlocked"

// A mutex wrapper that a flag disables (logrus's MutexWrap): its Lock
// holds the mutex on some paths only, so that it may lock (never a
// witness), and its Unlock unlocks on some path. A caller that pairs them
// leaves nothing.

import "sync"

type MutexWrap struct {
	lock     sync.Mutex
	disabled bool
}

func (mw *MutexWrap) Lock() { // want Lock:"may lock mw.lock"
	if !mw.disabled {
		mw.lock.Lock()
	}
}

func (mw *MutexWrap) Unlock() { // want Unlock:"unlocks mw.lock"
	if !mw.disabled {
		mw.lock.Unlock()
	}
}

type Logger struct {
	mu  MutexWrap
	out string
}

// SetOutput pairs them: it leaves nothing.
func (l *Logger) SetOutput(out string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.out = out
}

// Hold may leave l.mu.lock locked.
func (l *Logger) Hold() { // want Hold:"may lock l.mu.lock"
	l.mu.Lock()
}

// Release unlocks it.
func (l *Logger) Release() { // want Release:"unlocks l.mu.lock"
	l.mu.Unlock()
}

var std = &Logger{}

// SetOutput sets the output of the package's logger: it leaves nothing.
func SetOutput(out string) {
	std.SetOutput(out)
}

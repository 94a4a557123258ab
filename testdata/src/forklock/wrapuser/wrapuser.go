package wrapuser // want package:"forks"

// wraplib's MutexWrap through its facts: a Maybe acquisition cancels the
// release that follows it and never names a mutex held at a fork.

import (
	"syscall"

	"forklock/wraplib"
)

// setOutput and setLogger leave nothing: no release climbs to them.
func setOutput() {
	wraplib.SetOutput("x")
}

func setLogger(l *wraplib.Logger) {
	l.SetOutput("x")
}

// pair locks and unlocks through MutexWrap: it leaves nothing.
func pair(mw *wraplib.MutexWrap) {
	mw.Lock()
	defer mw.Unlock()
}

// release only unlocks: it still does.
func release(l *wraplib.Logger) { // want release:"unlocks l.mu.lock"
	l.Release()
}

func forkAfterSetOutput(l *wraplib.Logger) { // want forkAfterSetOutput:"forks"
	l.SetOutput("x")
	setOutput()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

// forkAfterLock forks where mw.lock may be held: maybe, not must, so no
// witness.
func forkAfterLock(mw *wraplib.MutexWrap) { // want forkAfterLock:"forks" forkAfterLock:"may lock mw.lock"
	mw.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

// forkAfterHold may lock l.mu.lock and releases it: it leaves nothing.
func forkAfterHold(l *wraplib.Logger) { // want forkAfterHold:"forks"
	l.Hold()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	l.Release()
}

package lockedrunner // want package:"ends threads; switches threads; starts goroutines"

// Functions handed to a helper of the package that calls them on a locked
// thread: gVisor's ptrace platform has newSubprocess(createStub) call
// create in the goroutine it locks, and lookupOrCreate(tid, s.newThread)
// call newThread from locked callers; container tools write
// runOnLockedThread(f).

import (
	"runtime"

	"golang.org/x/sys/unix"
)

type thread struct{ tid int }

// onLockedThread calls f in a goroutine that locks its thread for good.
func onLockedThread(f func() error) error { // want onLockedThread:`may end a locked thread`
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		errc <- f()
	}()
	return <-errc
}

// sometimesLocked calls f locked, then unlocked.
func sometimesLocked(f func() error) error {
	runtime.LockOSThread()
	err := f()
	runtime.UnlockOSThread()
	if err != nil {
		return err
	}
	return f()
}

// passesOn hands f to a goroutine that does not lock.
func passesOn(f func() error) { // want passesOn:`may end a locked thread`
	go onLockedThread(f)
	go f()
}

func createStub() error {
	return unix.PtraceSyscall(1, 0) // ok: only onLockedThread calls it, locked
}

func private() error { // want private:`switches the thread's mount namespace`
	return unix.Unshare(unix.CLONE_NEWNS) // ok: on a thread locked for good
}

func attachSometimes() error {
	return unix.PtraceAttach(2) // want `^unix.PtraceAttach makes a ptrace request from a goroutine not locked to its thread`
}

func attachAnywhere() error {
	return unix.PtraceDetach(3) // want `^unix.PtraceDetach makes a ptrace request from a goroutine not locked to its thread`
}

func (t *thread) attach() error {
	return unix.PtraceAttach(t.tid) // ok: only onLockedThread runs the method value
}

// Start runs each on its own terms.
func Start(t *thread) error { // want Start:`starts a goroutine: go statement` Start:`may end a locked thread`
	if err := onLockedThread(createStub); err != nil {
		return err
	}
	if err := onLockedThread(private); err != nil {
		return err
	}
	if err := onLockedThread(t.attach); err != nil {
		return err
	}
	if err := onLockedThread(func() error {
		return unix.PtraceCont(4, 0) // ok: run by onLockedThread
	}); err != nil {
		return err
	}
	passesOn(attachAnywhere)
	return sometimesLocked(attachSometimes)
}

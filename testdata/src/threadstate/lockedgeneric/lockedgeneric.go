package lockedgeneric

// Functions handed to a generic helper of the package that runs them on a
// locked thread and returns their result: runOnLocked[T any](f func() (T,
// error)), the generic form of lockedrunner's onLockedThread.

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// onLocked runs f with the goroutine locked to its thread.
func onLocked[T any](f func() (T, error)) (T, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return f()
}

// onLockedPlain is its non-generic form.
func onLockedPlain(f func() (int, error)) (int, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return f()
}

// withRetry runs f without locking: a generic helper that only retries.
func withRetry[T any](f func() (T, error)) (T, error) {
	v, err := f()
	if err != nil {
		return f()
	}
	return v, nil
}

// lockedAfter calls f before it locks.
func lockedAfter[T any](f func() (T, error)) (T, error) {
	v, err := f()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return v, err
}

// Pair is a generic helper of two type parameters.
func onLocked2[K comparable, V any](k K, f func(K) (V, error)) (V, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return f(k)
}

func attachTID(tid int) (int, error) {
	return tid, unix.PtraceAttach(tid) // ok: only onLocked2 runs it, locked
}

// Attach attaches to tid from a locked thread, every way.
func Attach(tid int) error {
	if _, err := onLocked(func() (int, error) {
		return 0, unix.PtraceAttach(tid) // ok: run by onLocked, locked
	}); err != nil {
		return err
	}
	if _, err := onLocked(func() (struct{}, error) {
		return struct{}{}, unix.PtraceDetach(tid) // ok: run by onLocked, locked
	}); err != nil {
		return err
	}
	if _, err := onLockedPlain(func() (int, error) {
		return 0, unix.PtraceCont(tid, 0) // ok: run by onLockedPlain, locked
	}); err != nil {
		return err
	}
	if _, err := onLocked2(tid, attachTID); err != nil {
		return err
	}
	if _, err := withRetry(func() (int, error) {
		return 0, unix.PtraceAttach(tid) // want `^unix.PtraceAttach makes a ptrace request from a goroutine not locked to its thread`
	}); err != nil {
		return err
	}
	_, err := lockedAfter(func() (bool, error) {
		return true, unix.PtraceAttach(tid) // want `^unix.PtraceAttach makes a ptrace request from a goroutine not locked to its thread`
	})
	return err
}

package lockhelpers // want package:"ends threads; switches threads; leaves thread state"

// Helpers that lock the thread for their callers, in the shapes of the
// netns test helpers of cilium/ebpf (internal/testutils) and moby
// (internal/testutil/netnsutils): a lock that holds only if the helper
// succeeds, a restore returned as a function value, a test helper that
// unlocks and then calls t.Fatal.

import (
	"log"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// lockThread locks the thread and returns the restore; if it cannot open
// the thread's namespace, it unlocks and returns the error.
func lockThread() (func() error, error) { // want lockThread:"leaves the thread locked if it succeeds"
	runtime.LockOSThread()
	orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return nil, err
	}
	return func() error {
		defer unix.Close(orig)
		if err := unix.Setns(orig, unix.CLONE_NEWNET); err != nil { // ok: runs where do calls it, locked
			return err // the thread stays locked and ends with its goroutine
		}
		runtime.UnlockOSThread()
		return nil
	}, nil
}

// do is cilium's NetNS.Do: the switch is made only once lockThread
// succeeded, and the restore unlocks only if it restored.
func do(fd int, f func() error) error { // want do:`runs f with the thread switched to another network namespace`
	errc := make(chan error, 1)
	go func() {
		restore, err := lockThread()
		if err != nil {
			errc <- err
			return
		}
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil { // ok: locked, lockThread succeeded
			errc <- err
			return
		}
		ferr := f()
		if err := restore(); err != nil {
			errc <- err
			return
		}
		errc <- ferr
	}()
	return <-errc
}

// create is cilium's newNetNS, with err == nil tested the other way round.
func create(f func()) { // want create:`runs f with the thread switched to another network namespace`
	go func() {
		restore, err := lockThread()
		if err == nil {
			if err := unix.Unshare(unix.CLONE_NEWNET); err == nil { // ok: locked
				f()
			}
			restore()
		}
	}()
}

// logged only logs lockThread's error: on that path the thread is not
// locked.
func logged(fd int) {
	go func() {
		_, err := lockThread()
		if err != nil {
			log.Print(err)
		}
		unix.Setns(fd, unix.CLONE_NEWNET) // want `unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
		work()
	}()
}

func work() {}

// enter locks the thread and switches it; the restore it returns is
// called by a caller that unlocked the thread first.
func enter(fd int) (func(), error) { // want enter:"leaves the thread locked if it succeeds"
	runtime.LockOSThread()
	orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return nil, err
	}
	return func() {
		unix.Setns(orig, unix.CLONE_NEWNET) // want `unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
		work()
	}, nil
}

func restoreUnlocked(fd int) { // want restoreUnlocked:"may leave the thread unlocked"
	restore, err := enter(fd)
	if err != nil {
		return
	}
	runtime.UnlockOSThread()
	restore()
}

// stored keeps the restore where anything may call it.
var stored func()

func keep() func() {
	return func() {
		unix.Setns(3, unix.CLONE_NEWNET) // want `unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
		work()
	}
}

func storeRestore() { // want storeRestore:"leaves the thread locked" storeRestore:"may end a locked thread"
	runtime.LockOSThread()
	stored = keep()
}

// context is moby's SetupTestOSContextEx: on failure it unlocks and calls
// t.Fatalf, which ends the test's goroutine (runtime.Goexit).
type context struct{ orig int }

func setup(t *testing.T) *context { // want setup:"leaves the thread locked"
	runtime.LockOSThread()
	orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		t.Fatalf("open the thread's namespace: %v", err)
	}
	c := &context{orig: orig}
	if err := unix.Unshare(unix.CLONE_NEWNET); err != nil { // ok: t.Fatalf does not return
		c.restore(t)
		t.Fatalf("unshare: %v", err)
	}
	if err := up(); err != nil {
		c.restore(t)
		t.Fatalf("up: %v", err)
	}
	return c
}

func up() error { return nil }

func (c *context) restore(t *testing.T) { // want restore:"may leave the thread unlocked"
	if err := unix.Setns(c.orig, unix.CLONE_NEWNET); err != nil { // ok: every caller is locked, t.Fatalf returns nowhere
		t.Logf("restore: %v", err)
	} else {
		runtime.UnlockOSThread()
	}
}

// setupTB reaches Fatal through testing.TB.
func setupTB(tb testing.TB) { // want setupTB:"leaves the thread locked"
	runtime.LockOSThread()
	if _, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0); err != nil {
		runtime.UnlockOSThread()
		tb.Fatal(err)
	}
	unix.Unshare(unix.CLONE_NEWNET) // ok: tb.Fatal does not return
}

// setupLogged only logs: the unshare may run unlocked.
func setupLogged(t *testing.T) {
	runtime.LockOSThread()
	if _, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0); err != nil {
		runtime.UnlockOSThread()
		t.Logf("open: %v", err)
	}
	unix.Unshare(unix.CLONE_NEWNET) // want `unix.Unshare switches the network namespace of one thread from a goroutine not locked to it`
}

// setns joins the namespace of fd, whatever its type: a switch of a kind
// the analysis does not know, as cilium's testutils set.
func setns(fd int) error { return unix.Setns(fd, 0) } // want setns:"switches the thread.s namespace"

// lockAny is lockThread with a restore of any kind.
func lockAny() (func() error, error) { // want lockAny:"leaves the thread locked if it succeeds"
	runtime.LockOSThread()
	orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return nil, err
	}
	return func() error {
		if err := setns(orig); err != nil {
			return err
		}
		runtime.UnlockOSThread() // ok: the restore of any kind restored what was switched, and switched nothing else
		return nil
	}, nil
}

func doAny(fd int, f func() error) error { // want doAny:`runs f with the thread switched to another namespace`
	errc := make(chan error, 1)
	go func() {
		restore, err := lockAny()
		if err != nil {
			errc <- err
			return
		}
		if err := setns(fd); err != nil {
			errc <- err
			return
		}
		ferr := f()
		if err := restore(); err != nil {
			errc <- err
			return
		}
		errc <- ferr
	}()
	return <-errc
}

// Setup is moby's SetupTestOSContext: it locks and switches the thread and
// returns the teardown, for the test in another package to defer.
func Setup(t *testing.T) func() { // want Setup:"leaves the thread locked"
	runtime.LockOSThread()
	orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		t.Fatal(err)
	}
	if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
		t.Fatal(err)
	}
	return func() { teardown(orig) }
}

func teardown(orig int) { // want teardown:"may leave the thread unlocked"
	if err := unix.Setns(orig, unix.CLONE_NEWNET); err != nil { // ok: runs where Setup's callers defer the teardown, locked by Setup
		return
	}
	runtime.UnlockOSThread() // ok: restored
}

package lib // want package:"starts goroutines"

// A netlink wrapper whose exported functions hand work to goroutines, as
// moby's nlwrap.NewHandleAt does: a dedicated goroutine locks its own
// thread, switches it, works, restores it and sends its result to the
// caller, who waits. Its goroutineFact says whether every goroutine a
// function starts locks its thread.

import (
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

type Handle struct{ fd int }

type result struct {
	h   Handle
	err error
}

// NewHandleAt opens a handle in the namespace ns from a goroutine locked
// to its thread; if the restore fails, the goroutine returns locked and
// its thread ends with it.
func NewHandleAt(ns int) (Handle, error) { // want NewHandleAt:"starts a goroutine that locks its thread: go statement"
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			runtime.UnlockOSThread()
			ch <- result{err: err}
			return
		}
		defer unix.Close(orig)
		if err := unix.Setns(ns, unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			ch <- result{err: err}
			return
		}
		fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		if err := unix.Setns(orig, unix.CLONE_NEWNET); err != nil {
			ch <- result{h: Handle{fd}} // stays locked: the thread ends
			return
		}
		runtime.UnlockOSThread()
		ch <- result{h: Handle{fd}, err: err}
	}()
	r := <-ch
	return r.h, r.err
}

// worker locks its thread before it switches it, and unlocks it only
// once it is restored.
func (h Handle) worker(ns, self int, done chan<- error) {
	runtime.LockOSThread()
	if err := unix.Setns(ns, unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		done <- err
		return
	}
	if err := unix.Setns(self, unix.CLONE_NEWNET); err != nil {
		done <- err // stays locked: the thread ends
		return
	}
	runtime.UnlockOSThread()
	done <- nil
}

func (h Handle) start(ns, self int, done chan<- error) {
	go h.worker(ns, self, done)
}

// Enter starts, through a function of the package, a method that locks
// its thread.
func (h Handle) Enter(ns, self int) error { // want Enter:"starts a goroutine that locks its thread: go statement"
	done := make(chan error, 1)
	h.start(ns, self, done)
	return <-done
}

// Fan runs its literal with a sync.WaitGroup's Go; the literal locks.
func Fan(ns, self int) { // want Fan:`starts a goroutine that locks its thread: \(\*sync.WaitGroup\).Go`
	var wg sync.WaitGroup
	wg.Go(func() {
		runtime.LockOSThread()
		if err := unix.Setns(ns, unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			return
		}
		if unix.Setns(self, unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread()
		}
	})
	wg.Wait()
}

// Subscribe receives link updates on a goroutine that does not lock: it
// runs wherever the scheduler puts it.
func (h Handle) Subscribe(ch chan<- []byte) { // want Subscribe:"starts a goroutine: go statement"
	go func() {
		for {
			ch <- make([]byte, h.fd)
		}
	}()
}

// Refresh starts a locked goroutine, then one that is not: not every
// goroutine it starts locks its thread.
func (h Handle) Refresh(ns int, ch chan<- []byte) error { // want Refresh:"starts a goroutine: go statement"
	err := h.Enter(ns, ns)
	h.Subscribe(ch)
	return err
}

// Run starts f, a function value, which may lock or not.
func Run(f func()) { // want Run:"starts a goroutine: go statement"
	go f()
}

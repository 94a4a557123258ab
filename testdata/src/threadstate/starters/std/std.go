package std // want package:"ends threads; leaves thread state"

// Goroutines started by the standard library's starters while the thread
// may be switched to another namespace: as for a go statement, the new
// goroutine runs on another thread, in the original namespace. The shapes
// are those of CNI plugins and container runtimes that set up a network
// namespace from a locked thread, then fan work out.

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sys/unix"
)

func work() {}

// waitGroupWhileSwitched starts its workers in the switched thread's
// stead: they run in the host's namespace.
func waitGroupWhileSwitched(target int) { // want waitGroupWhileSwitched:`may end a locked thread` waitGroupWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	var wg sync.WaitGroup
	wg.Go(work) // want `^goroutine started by \(\*sync.WaitGroup\).Go while the thread may be switched to another network namespace: it runs on another thread, in the original one$`
	wg.Wait()
}

// waitGroupAfterRestore starts them once the thread is back.
func waitGroupAfterRestore(target, self int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	unix.Setns(target, unix.CLONE_NEWNET)
	work()
	if err := unix.Setns(self, unix.CLONE_NEWNET); err != nil {
		panic(err)
	}
	var wg sync.WaitGroup
	wg.Go(work) // ok: the thread is restored
	wg.Wait()
}

// waitGroupBeforeSwitch starts them before the switch.
func waitGroupBeforeSwitch(target int) { // want waitGroupBeforeSwitch:`may end a locked thread` waitGroupBeforeSwitch:`leaves the thread locked`
	runtime.LockOSThread()
	var wg sync.WaitGroup
	wg.Go(work) // ok: before the switch
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	wg.Wait()
}

// literalWhileSwitched passes a function literal: the literal runs in a
// new goroutine, which is not in the switched thread.
func literalWhileSwitched(target int) { // want literalWhileSwitched:`may end a locked thread` literalWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Unshare(unix.CLONE_NEWNS); err != nil {
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { // want `^goroutine started by \(\*sync.WaitGroup\).Go while the thread may be switched to another mount namespace`
		os.ReadFile("/proc/self/ns/mnt") // ok: a new goroutine, on a thread as it was
		go work()                        // ok: reported at wg.Go
	})
	wg.Wait()
}

// timerWhileSwitched arms a timer: its function runs on a goroutine of
// its own when it fires.
func timerWhileSwitched(target int) *time.Timer { // want timerWhileSwitched:`may end a locked thread` timerWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil
	}
	return time.AfterFunc(time.Second, work) // want `^goroutine started by time.AfterFunc while the thread may be switched to another network namespace: it runs on another thread, in the original one$`
}

// contextWhileSwitched registers a cleanup that runs on a goroutine of its
// own once ctx is done.
func contextWhileSwitched(ctx context.Context, target int) func() bool { // want contextWhileSwitched:`may end a locked thread` contextWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil
	}
	return context.AfterFunc(ctx, work) // want `^goroutine started by context.AfterFunc while the thread may be switched`
}

// errgroupWhileSwitched fans out with an errgroup.
func errgroupWhileSwitched(target int) error { // want errgroupWhileSwitched:`may end a locked thread` errgroupWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return err
	}
	var g errgroup.Group
	g.Go(func() error { return nil }) // want `^goroutine started by \(\*errgroup.Group\).Go while the thread may be switched to another network namespace`
	return g.Wait()
}

// signalsWhileSwitched asks for signals: os/signal's loop runs no code of
// the program, only delivers them.
func signalsWhileSwitched(target int) chan os.Signal { // want signalsWhileSwitched:`may end a locked thread` signalsWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM) // ok: runs nothing of the program
	return ch
}

// onceWhileSwitched runs its function on the spot, in this goroutine.
func onceWhileSwitched(target int, once *sync.Once) { // want onceWhileSwitched:`may end a locked thread` onceWhileSwitched:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	once.Do(work) // ok: runs here, in the switched thread
}

// lockedWorker starts a goroutine that locks its own thread and switches
// it, as ns.Do does: it puts itself where it wants.
func lockedWorker(target, other int) { // want lockedWorker:`may end a locked thread` lockedWorker:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { // ok: the goroutine manages its own thread
		runtime.LockOSThread()
		unix.Setns(other, unix.CLONE_NEWNET)
	})
	wg.Wait()
}

// lockedGoroutine is the same with a go statement.
func lockedGoroutine(target, other int) { // want lockedGoroutine:`may end a locked thread` lockedGoroutine:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	go func() { // ok: the goroutine manages its own thread
		runtime.LockOSThread()
		unix.Setns(other, unix.CLONE_NEWNET)
	}()
}

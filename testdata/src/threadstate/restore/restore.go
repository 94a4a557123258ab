package restore // want package:"ends threads"

import (
	"log"
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// withMountNS: a failed restore is only logged, then the deferred unlock
// gives the thread back to the scheduler.
func withMountNS(target, self int, f func()) { // want withMountNS:`runs f with the thread switched to another mount namespace`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread() // want `runtime.UnlockOSThread may give the thread back to the scheduler still switched to another mount namespace: other goroutines then run there; restore it, and unlock only if that succeeded`
	unix.Setns(target, unix.CLONE_NEWNS)
	f()
	if err := unix.Setns(self, unix.CLONE_NEWNS); err != nil {
		log.Print(err)
	}
}

// neverRestored unlocks a thread it switched.
func neverRestored(target int, f func()) error { // want neverRestored:`runs f with the thread switched to another network namespace`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread() // ok: the switch failed, the thread is as it was
		return err
	}
	f()
	runtime.UnlockOSThread() // want `runtime.UnlockOSThread may give the thread back to the scheduler still switched to another network namespace`
	return nil
}

// restoreThenUnlock unlocks only when the restore succeeded.
func restoreThenUnlock(target, self int, f func()) error { // want restoreThenUnlock:`runs f with the thread switched to another network namespace`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread() // ok: not switched
		return err
	}
	f()
	if err := unix.Setns(self, unix.CLONE_NEWNET); err != nil {
		return err // ok: the thread stays locked and ends with its goroutine
	}
	runtime.UnlockOSThread() // ok: restored
	return nil
}

// uncheckedSwitch restores whatever the switch did.
func uncheckedSwitch(target, self int, f func()) { // want uncheckedSwitch:`runs f with the thread switched to another network namespace`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread() // ok: the restore must succeed or panic
	unix.Setns(target, unix.CLONE_NEWNET)
	f()
	if err := unix.Setns(self, unix.CLONE_NEWNET); err != nil {
		panic(err)
	}
}

// do is the shape of the CNI plugins' ns.Do: a dedicated goroutine, and a
// deferred restore that unlocks only on success.
func do(target, self int, toRun func() error) error { // want do:`may end a locked thread` do:`runs toRun with the thread switched to another network namespace`
	contained := func() error {
		if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
			return err
		}
		defer func() {
			if err := unix.Setns(self, unix.CLONE_NEWNET); err == nil {
				runtime.UnlockOSThread() // ok: restored
			}
		}()
		return toRun()
	}
	var wg sync.WaitGroup
	wg.Add(1)
	var err error
	go func() {
		defer wg.Done()
		runtime.LockOSThread()
		err = contained()
	}()
	wg.Wait()
	return err
}

// goWhileSwitched starts a goroutine that runs elsewhere.
func goWhileSwitched(target int, work func()) { // want goWhileSwitched:`may end a locked thread` goWhileSwitched:`leaves the thread locked` goWhileSwitched:`runs work with the thread switched to another network namespace`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	go work() // want `goroutine started while the thread may be switched to another network namespace: it runs on another thread, in the original one`
	work()
}

// goBeforeSwitch starts its goroutine before the switch.
func goBeforeSwitch(target int, work func()) { // want goBeforeSwitch:`may end a locked thread` goBeforeSwitch:`leaves the thread locked` goBeforeSwitch:`runs work with the thread switched to another network namespace`
	runtime.LockOSThread()
	go work() // ok: before the switch
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	work()
}

var _ = os.Getpid

// twoKinds switches the mount namespace after the network one: no restore.
func twoKinds(netfd, mntfd int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread() // want `runtime.UnlockOSThread may give the thread back to the scheduler still switched to another network namespace`
	if err := unix.Setns(netfd, unix.CLONE_NEWNET); err != nil {
		return
	}
	unix.Setns(mntfd, unix.CLONE_NEWNS)
}

// flagged records in a flag whether the restore succeeded, and unlocks only
// then, as moby's unshare.Go does: the flag is not followed, and the
// unlock it guards is not judged.
func flagged(self int, flags int, fn func()) { // want flagged:`may end a locked thread` flagged:`runs fn with the thread switched to another namespace`
	go func() {
		runtime.LockOSThread()
		reversible := true
		defer func() {
			if reversible {
				runtime.UnlockOSThread() // ok: guarded by what the restore recorded
			}
		}()
		defer func() {
			if err := unix.Setns(self, 0); err != nil {
				reversible = false
			}
		}()
		if err := unix.Unshare(flags); err != nil {
			return
		}
		fn()
	}()
}

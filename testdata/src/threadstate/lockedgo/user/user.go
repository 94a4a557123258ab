package user // want package:"forks"

// Calls, while the thread is switched, of a library's functions that
// start goroutines: one that locks its own thread puts it where it wants
// (moby's osl tests call nlwrap.NewHandleAt so); one that does not runs in
// the original namespace.

import (
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"

	"threadstate/lockedgo/lib"
)

// handleInNamespace opens a handle while switched: the library's
// goroutine locks its thread and switches it itself.
func handleInNamespace(target, self, other int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return err
	}
	h, err := lib.NewHandleAt(other) // ok: its goroutine locks its thread
	if err == nil {
		err = h.Enter(other, self) // ok: through a function of the library
	}
	lib.Fan(other, self) // ok: the literal wg.Go runs locks its thread
	if err := unix.Setns(self, unix.CLONE_NEWNET); err != nil {
		panic(err)
	}
	return err
}

// subscribeInNamespace means to watch the switched namespace's links, but
// the library's goroutine runs in the original one.
func subscribeInNamespace(h lib.Handle, target, self int, ch chan<- []byte) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	h.Subscribe(ch)       // want `^goroutine started by lib.Handle.Subscribe while the thread may be switched to another network namespace: it runs on another thread, in the original one$`
	h.Refresh(target, ch) // want `^goroutine started by lib.Handle.Refresh while the thread may be switched`
	lib.Run(func() {})    // want `^goroutine started by lib.Run while the thread may be switched`
	if err := unix.Setns(self, unix.CLONE_NEWNET); err != nil {
		panic(err)
	}
}

// forkAfterHandle forks after the library's locked goroutine is started:
// rawfork still counts it, as a goroutine may be running at the fork.
func forkAfterHandle(ns int) { // want forkAfterHandle:`forks: syscall.RawSyscall\(SYS_FORK\)`
	lib.NewHandleAt(ns)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

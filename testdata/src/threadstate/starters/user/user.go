package user // want package:"ends threads; leaves thread state"

// Calls of a library's functions that start goroutines (goroutineFacts)
// while the thread may be switched.

import (
	"runtime"

	"golang.org/x/sys/unix"

	"threadstate/starters/lib"
)

// serveInNamespace means to serve in the container's namespace, but the
// server's goroutine runs on another thread, in the host's.
func serveInNamespace(s *lib.Server, target int) { // want serveInNamespace:`may end a locked thread` serveInNamespace:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	s.Start() // want `^goroutine started by \(\*lib.Server\).Start while the thread may be switched to another network namespace: it runs on another thread, in the original one$`
}

// serveBeforeSwitch starts the server first.
func serveBeforeSwitch(s *lib.Server, target int) { // want serveBeforeSwitch:`may end a locked thread` serveBeforeSwitch:`leaves the thread locked`
	runtime.LockOSThread()
	s.Start() // ok: before the switch
	unix.Setns(target, unix.CLONE_NEWNET)
}

// watchInNamespace asks for signals while switched.
func watchInNamespace(target int) { // want watchInNamespace:`may end a locked thread` watchInNamespace:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	lib.Watch() // ok: the library's goroutine is os/signal's loop
}

// doInNamespace hands work to a function whose goroutine locks its own
// thread.
func doInNamespace(target int) { // want doInNamespace:`may end a locked thread` doInNamespace:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return
	}
	lib.Do(func() {}) // ok: the library's goroutine manages its thread
}

package ptrace // want package:"ends threads"

import (
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// trace makes ptrace requests from a goroutine that may move.
func trace(pid int) error {
	if err := syscall.PtraceAttach(pid); err != nil { // want `syscall.PtraceAttach makes a ptrace request from a goroutine not locked to its thread: only the thread that attached may trace, and the request fails with ESRCH on another`
		return err
	}
	return unix.PtraceCont(pid, 0) // want `unix.PtraceCont makes a ptrace request`
}

// tracer keeps one thread for every request.
func tracer(pid int, done chan error) { // want tracer:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := syscall.PtraceAttach(pid); err != nil { // ok: locked for good
			done <- err
			return
		}
		done <- syscall.PtraceCont(pid, 0) // ok: the same thread
	}()
}

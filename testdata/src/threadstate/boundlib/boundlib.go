package boundlib // want package:"ends threads; changes per-thread state; starts goroutines"

// A library whose exported functions change state of the calling thread
// only, and leave locking to their callers: github.com/moby/sys/capability's
// Apply calls capset, runc's system.SetKeepCaps calls prctl.

import (
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

type Caps struct{ pid int }

// Apply sets the capabilities of the calling thread.
func (c *Caps) Apply() error { // want Apply:`changes per-thread state`
	_, _, errno := syscall.RawSyscall(unix.SYS_CAPSET, 0, 0, 0) // ok: its callers decide
	if errno != 0 {
		return errno
	}
	return nil
}

// SetKeepCaps keeps the capabilities across a change of user ID.
func SetKeepCaps() error { // want SetKeepCaps:`changes per-thread state`
	return unix.Prctl(unix.PR_SET_KEEPCAPS, 1, 0, 0, 0) // ok: its callers decide
}

// Lower calls SetKeepCaps: a wrapper of a wrapper.
func Lower() error { // want Lower:`changes per-thread state`
	return SetKeepCaps()
}

// Confined locks a goroutine of its own.
func Confined(run func()) { // want Confined:`may end a locked thread` Confined:`starts a goroutine that locks its thread: go statement`
	go func() {
		runtime.LockOSThread()
		unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) // ok: locked for good
		run()
	}()
}

// Probe asks whether seccomp filters are supported: a filter of nil fails
// with EFAULT where they are, and changes nothing.
func Probe() bool {
	return unix.Prctl(unix.PR_SET_SECCOMP, unix.SECCOMP_MODE_FILTER, 0, 0, 0) != unix.EINVAL // ok: a probe
}

// dropAll is called by DropAll only, whose callers decide.
func dropAll() {
	unix.Prctl(unix.PR_CAPBSET_DROP, 0, 0, 0, 0) // ok: its callers decide
}

// DropAll calls it.
func DropAll() { dropAll() } // want DropAll:`changes per-thread state`

// Reset calls it where it may be unlocked, in a goroutine of its own:
// reported here.
func Reset() { // want Reset:`starts a goroutine: go statement`
	go func() {
		unix.Prctl(unix.PR_SET_KEEPCAPS, 0, 0, 0, 0) // want `^unix.Prctl\(PR_SET_KEEPCAPS\) changes the keep-capabilities flag of the calling thread only`
	}()
}

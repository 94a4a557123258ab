// Command prctlmain changes per-thread attributes through wrappers that
// take the prctl option or the system call number as a parameter.
package main

import (
	"runtime"
	"syscall"

	"threadstate/prctlwrap"
)

const (
	prCapAmbient      = 47
	prCapAmbientIsSet = 1
	prCapAmbientRaise = 2
	prSetNoNewPrivs   = 38
)

func prctl(option int, arg2 uintptr) error {
	_, _, e := syscall.RawSyscall6(syscall.SYS_PRCTL, uintptr(option), arg2, 0, 0, 0, 0) // ok: its callers give the option
	if e != 0 {
		return e
	}
	return nil
}

// rawSyscall takes the number too.
func rawSyscall(trap, a1, a2, a3 uintptr) error {
	_, _, e := syscall.RawSyscall(trap, a1, a2, a3) // ok: its callers give the number
	if e != 0 {
		return e
	}
	return nil
}

// noNewPrivs sets the flag on the calling thread, a prctl by a raw number
// with no wrapper.
func noNewPrivs() {
	syscall.RawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0) // want `syscall.RawSyscall\(SYS_PRCTL, PR_SET_NO_NEW_PRIVS\) changes the no_new_privs flag of the calling thread only`
}

func main() { // want main:`may end a locked thread`
	prctl(prCapAmbient, prCapAmbientRaise)               // want `^call of main.prctl\(PR_CAP_AMBIENT\) changes the ambient capabilities of the calling thread only, from a goroutine not locked to it`
	prctl(prCapAmbient, prCapAmbientIsSet)               // ok: a query
	prctl(syscall.PR_SET_NAME, 0)                        // ok: not a judged option
	rawSyscall(syscall.SYS_SETRESUID, 0, 0, 0)           // want `^call of main.rawSyscall\(SYS_SETRESUID\) changes the credentials of the calling thread only`
	rawSyscall(syscall.SYS_GETPID, 0, 0, 0)              // ok: changes nothing
	rawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0) // want `^call of main.rawSyscall\(SYS_PRCTL, PR_SET_NO_NEW_PRIVS\) changes the no_new_privs flag`
	noNewPrivs()
	prctlwrap.Raise(1)     // want `^call of prctlwrap.Raise changes the ambient capabilities of the calling thread only`
	prctlwrap.IsAmbient(1) // ok: a query
	go func() {
		runtime.LockOSThread()                 // never unlocked
		prctl(prCapAmbient, prCapAmbientRaise) // ok: locked for good
	}()
}

package attrs // want package:"ends threads"

// Attributes that linux keeps per thread, set from a goroutine that may
// move: a CLI that renices or pins itself (setpriority(2) with
// PRIO_PROCESS names one thread on linux), a sandbox that sets
// no_new_privs and a seccomp filter with prctl, capability tools (capset).

import (
	"os"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

func lowPriority() {
	unix.Setpriority(unix.PRIO_PROCESS, 0, 19)           // want `^unix.Setpriority changes the scheduling priority of the calling thread only, from a goroutine not locked to it: the goroutine can go on in another thread without it, and others can run in this one with it$`
	unix.Setpriority(unix.PRIO_PROCESS, os.Getpid(), 19) // want `^unix.Setpriority changes the scheduling priority of the calling thread only`
	unix.Setpriority(unix.PRIO_PGRP, 0, 19)              // ok: the process group, every thread
	syscall.Setpriority(syscall.PRIO_PROCESS, 0, 10)     // want `^syscall.Setpriority changes the scheduling priority`
}

func other(pid int) {
	unix.Setpriority(unix.PRIO_PROCESS, pid, 19) // ok: another process, as far as is known
	var set unix.CPUSet
	unix.SchedSetaffinity(pid, &set) // ok: likewise
}

func pin() {
	var set unix.CPUSet
	unix.SchedSetaffinity(0, &set)                                                       // want `^unix.SchedSetaffinity changes the CPU affinity of the calling thread only`
	unix.RawSyscall(unix.SYS_SCHED_SETAFFINITY, 0, 128, 0)                               // want `^unix.RawSyscall\(SYS_SCHED_SETAFFINITY\) changes the CPU affinity`
	syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, uintptr(syscall.Gettid()), 128, 0) // want `^syscall.RawSyscall\(SYS_SCHED_SETAFFINITY\) changes the CPU affinity`
}

func confine() error {
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil { // want `^unix.Prctl\(PR_SET_NO_NEW_PRIVS\) changes the no_new_privs flag of the calling thread only`
		return err
	}
	unix.Prctl(unix.PR_SET_NAME, 0, 0, 0, 0)                                          // ok: the name of a thread is no attribute that matters
	unix.RawSyscall(unix.SYS_PRCTL, unix.PR_SET_SECCOMP, unix.SECCOMP_MODE_STRICT, 0) // want `^unix.RawSyscall\(SYS_PRCTL, PR_SET_SECCOMP\) changes the seccomp filter`
	unix.RawSyscall(unix.SYS_LANDLOCK_RESTRICT_SELF, 3, 0, 0)                         // want `^unix.RawSyscall\(SYS_LANDLOCK_RESTRICT_SELF\) changes the Landlock ruleset`
	return nil
}

func dropCaps() {
	unix.Prctl(unix.PR_CAPBSET_DROP, 21, 0, 0, 0) // want `^unix.Prctl\(PR_CAPBSET_DROP\) changes the capability bounding set`
	hdr := unix.CapUserHeader{Version: 0x20080522}
	var data unix.CapUserData
	unix.Capset(&hdr, &data)                     // want `^unix.Capset changes the capabilities of the calling thread only`
	syscall.RawSyscall(unix.SYS_CAPSET, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_CAPSET\) changes the capabilities of the calling thread only`
}

// confined locks a goroutine of its own to apply them, and never unlocks.
func confined(run func()) { // want confined:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) // ok: locked for good
		unix.Setpriority(unix.PRIO_PROCESS, 0, 19)       // ok
		run()
	}()
}

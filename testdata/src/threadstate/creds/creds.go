package creds // want package:"ends threads"

import (
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// dropRaw changes the credentials of one thread.
func dropRaw(uid int) {
	syscall.RawSyscall(syscall.SYS_SETUID, uintptr(uid), 0, 0) // want `syscall.RawSyscall\(SYS_SETUID\) changes the credentials of the calling thread only: other threads keep the old ones; use the syscall package's function, which changes every thread`
	unix.Syscall(unix.SYS_SETGROUPS, 0, 0, 0)                  // want `unix.Syscall\(SYS_SETGROUPS\) changes the credentials`
}

// drop changes every thread.
func drop(uid int) error {
	return syscall.Setuid(uid) // ok: all threads since Go 1.16
}

// perThread changes one locked thread on purpose.
func perThread(uid int, f func()) { // want perThread:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		syscall.RawSyscall(syscall.SYS_SETFSUID, uintptr(uid), 0, 0) // ok: a locked thread, ended with its goroutine
		f()
	}()
}

// other system calls are no credentials.
func other() {
	syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0) // ok: not per-thread state
}

// asUser checks a path as another user, as u-root's fusermount does with
// unix.SetfsuidRetUid: the filesystem IDs are the calling thread's, and
// no function changes every thread's.
func asUser(uid, gid int) error {
	if err := syscall.Setfsgid(gid); err != nil { // want `syscall.Setfsgid changes the filesystem credentials of the calling thread only, from a goroutine not locked to it`
		return err
	}
	old, err := unix.SetfsuidRetUid(uid) // want `unix.SetfsuidRetUid changes the filesystem credentials of the calling thread only`
	if err != nil {
		return err
	}
	defer unix.Setfsuid(old)                    // want `unix.Setfsuid changes the filesystem credentials`
	unix.RawSyscall(unix.SYS_SETFSGID, 0, 0, 0) // want `unix.RawSyscall\(SYS_SETFSGID\) changes the filesystem credentials of the calling thread only`
	return nil
}

// asUserLocked does it in a goroutine that keeps its thread.
func asUserLocked(uid int, done chan error) { // want asUserLocked:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		done <- syscall.Setfsuid(uid) // ok: a locked thread, ended with its goroutine
	}()
}

// groups drops the supplementary groups with golang.org/x/sys/unix, whose
// Setgroups is a raw setgroups(2): the calling thread's only.
func groups() error {
	if err := unix.Setgroups(nil); err != nil { // want `^unix.Setgroups changes the credentials of the calling thread only: other threads keep the old ones; use the syscall package's function, which changes every thread$`
		return err
	}
	if err := syscall.Setgroups(nil); err != nil { // ok: every thread
		return err
	}
	return unix.Setresuid(1000, 1000, 1000) // ok: through syscall.Setresuid in this x/sys
}

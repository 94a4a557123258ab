package netns // want package:"switches threads; leaves thread state"

// netns switches the network namespace of the calling thread, as
// github.com/vishvananda/netns does: its callers must lock their goroutine
// to its thread.

import (
	"fmt"
	"runtime"

	"golang.org/x/sys/unix"
)

// NsHandle is a descriptor of a network namespace.
type NsHandle int

// Set switches the calling thread into ns.
func Set(ns NsHandle) error { // want Set:"switches the thread's network namespace"
	return unix.Setns(int(ns), unix.CLONE_NEWNET) // ok: a wrapper, judged at its calls
}

// Set switches the calling thread into ns.
func (ns NsHandle) Set() error { // want Set:"switches the thread's network namespace"
	if err := unix.Setns(int(ns), unix.CLONE_NEWNET); err != nil { // ok: a wrapper
		return fmt.Errorf("setns: %w", err)
	}
	return nil
}

// Enter switches through Set: a wrapper of a wrapper.
func Enter(ns NsHandle) error { // want Enter:"switches the thread's network namespace"
	return Set(ns)
}

// New unshares the calling thread into a new namespace and returns a
// handle to it: API whose callers must lock their thread, as
// github.com/vishvananda/netns's New.
func New() (NsHandle, error) { // want New:"switches the thread's network namespace"
	if err := unix.Unshare(unix.CLONE_NEWNET); err != nil { // ok: judged at the calls
		return -1, err
	}
	return get()
}

func get() (NsHandle, error) { return 3, nil }

// Locked locks the thread, then switches: its calls need no lock.
func Locked(ns NsHandle) error { // want Locked:"leaves the thread locked" Locked:`may end a locked thread`
	runtime.LockOSThread()
	return unix.Setns(int(ns), unix.CLONE_NEWNET) // ok: locked first
}

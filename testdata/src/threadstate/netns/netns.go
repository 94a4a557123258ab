package netns // want package:"switches threads"

// netns switches the network namespace of the calling thread, as
// github.com/vishvananda/netns does: its callers must lock their goroutine
// to its thread.

import (
	"fmt"

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

package user // want package:"starts processes; ends threads"

import (
	"os/exec"
	"runtime"

	"threadstate/netns"
)

// inNetns runs a command in a namespace from a goroutine not locked to its
// thread.
func inNetns(ns netns.NsHandle) error { // want inNetns:`starts a process: \(\*exec\.Cmd\)\.Run` inNetns:`switches the thread's network namespace`
	if err := netns.Set(ns); err != nil { // want `call of netns.Set switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// methodValue switches through the method of another package.
func methodValue(ns netns.NsHandle) error { // want methodValue:`starts a process: \(\*exec\.Cmd\)\.Run` methodValue:`switches the thread's network namespace`
	if err := ns.Set(); err != nil { // want `call of netns.NsHandle.Set switches the network namespace`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// locked switches in a dedicated goroutine that never unlocks.
func locked(ns netns.NsHandle, f func() error) error { // want locked:`may end a locked thread` locked:`runs f with the thread switched to another network namespace`
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := netns.Enter(ns); err != nil { // ok: locked, and the goroutine ends with its thread
			errc <- err
			return
		}
		errc <- f()
	}()
	return <-errc
}

// fresh creates a namespace from a goroutine that may move.
func fresh() error { // want fresh:`switches the thread's network namespace` fresh:`starts a process: \(\*exec\.Cmd\)\.Run`
	if _, err := netns.New(); err != nil { // want `call of netns.New switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// lockedByCallee calls a function that locks its thread before it switches.
func lockedByCallee(ns netns.NsHandle) error { // want lockedByCallee:`may end a locked thread` lockedByCallee:`leaves the thread locked`
	return netns.Locked(ns) // ok: the callee locks first
}

package cninsuser // want package:"starts processes; ends threads; switches threads"

import (
	"os/exec"
	"runtime"

	"threadstate/cnins"
)

// enter switches through the interface from a goroutine that may move.
func enter(path string) error { // want enter:`starts a process: \(\*exec.Cmd\).Run` enter:`switches the thread's network namespace`
	target, err := cnins.GetNS(path)
	if err != nil {
		return err
	}
	defer target.Close()
	if err := target.Set(); err != nil { // want `call of cnins.NetNS.Set switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// enterLocked does it in a dedicated goroutine that keeps its thread.
func enterLocked(path string, errc chan error) { // want enterLocked:`starts a process: \(\*exec.Cmd\).Run` enterLocked:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		target, err := cnins.GetNS(path)
		if err != nil {
			errc <- err
			return
		}
		if err := target.Set(); err != nil { // ok: locked, never unlocked
			errc <- err
			return
		}
		errc <- exec.Command("ip", "link").Run()
	}()
}

// closeIt closes through an interface whose method no fact marks.
func closeIt(c cnins.Closer) error { return c.Close() }

// NS is another name of cnins.NetNS, and Handle embeds it: the same method.
type NS = cnins.NetNS

type Handle interface {
	cnins.NetNS
	Name() string
}

func enterAlias(ns NS) error { // want enterAlias:`starts a process: \(\*exec.Cmd\).Run` enterAlias:`switches the thread's network namespace`
	if err := ns.Set(); err != nil { // want `call of cnins.NetNS.Set switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

func enterEmbedded(h Handle) error { // want enterEmbedded:`starts a process: \(\*exec.Cmd\).Run` enterEmbedded:`switches the thread's network namespace`
	if err := h.Set(); err != nil { // want `call of cnins.NetNS.Set switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

package holduser // want package:"starts processes"

// syscall.ForkLock left held by a function of a package that imports only
// sync: both drivers must see holdlib's lockFacts.

import (
	"os/exec"
	"syscall"

	"forklock/holdlib"
)

func held() error { // want held:`starts a process: \(\*exec.Cmd\).Run` held:"locks syscall.ForkLock"
	holdlib.Hold(&syscall.ForkLock)
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

func heldForReading() error { // want heldForReading:`starts a process: \(\*exec.Cmd\).Run` heldForReading:"locks syscall.ForkLock for reading"
	holdlib.HoldRead(&syscall.ForkLock)
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func released() error { // want released:`starts a process: \(\*exec.Cmd\).Run`
	holdlib.Hold(&syscall.ForkLock)
	holdlib.Release(&syscall.ForkLock)
	return exec.Command("true").Run() // ok: released
}

func balanced() error { // want balanced:`starts a process: \(\*exec.Cmd\).Run`
	holdlib.Balanced(&syscall.ForkLock)
	return exec.Command("true").Run() // ok: Balanced leaves nothing held
}

func freezer() error { // want freezer:`starts a process: \(\*exec.Cmd\).Run`
	f := &holdlib.Freezer{L: &syscall.ForkLock}
	f.Freeze()
	return exec.Command("true").Run() // ok: which mutex f.L holds is not followed across packages
}

func methodValue(f *holdlib.Freezer) error { // want methodValue:`starts a process: \(\*exec.Cmd\).Run` methodValue:"locks f.L"
	freeze := f.Freeze
	freeze()
	return exec.Command("true").Run() // ok: f.L is some RWMutex, not known to be ForkLock
}

func throughVariable() error { // want throughVariable:`starts a process: \(\*exec.Cmd\).Run`
	holdlib.HoldFunc(&syscall.ForkLock)
	return exec.Command("true").Run() // ok: a function in a variable of another package is not followed (see the limits)
}

package freezeuser // want package:"starts processes"

// syscall.ForkLock left held by a function two packages away: the fact
// travels through freezemid, which imports freezelib.

import (
	"os/exec"

	"forklock/freezemid"
)

func held() error { // want held:`starts a process: \(\*exec.Cmd\).Run` held:"locks syscall.ForkLock"
	freezemid.Hold()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func released() error { // want released:`starts a process: \(\*exec.Cmd\).Run`
	freezemid.Hold()
	freezemid.Release()
	return exec.Command("true").Run() // ok: released
}

func balanced() error { // want balanced:`starts a process: \(\*exec.Cmd\).Run`
	freezemid.Balanced()
	return exec.Command("true").Run() // ok: Balanced leaves nothing held
}

// inLiteral holds it inside a function literal, called on the spot.
func inLiteral() error { // want inLiteral:`starts a process: \(\*exec.Cmd\).Run` inLiteral:"locks syscall.ForkLock"
	return func() error {
		freezemid.Hold()
		return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
	}()
}

package thaw // want package:"starts processes"

// syscall.ForkLock released by a called function before it starts a
// process: no deadlock; started before the release: a deadlock.

import (
	"os/exec"
	"sync"
	"syscall"
)

func thawAndRun() error { // want thawAndRun:`starts a process: \(\*exec.Cmd\).Run` thawAndRun:"unlocks syscall.ForkLock"
	syscall.ForkLock.Unlock()
	return exec.Command("true").Run() // ok: the caller's ForkLock is released above
}

func frozenThenThawAndRun() { // want frozenThenThawAndRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	thawAndRun()
}

func runAndThaw() error { // want runAndThaw:`starts a process: \(\*exec.Cmd\).Run` runAndThaw:"unlocks syscall.ForkLock"
	// The caller's ForkLock is still held.
	err := exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
	syscall.ForkLock.Unlock()
	return err
}

func frozenThenRunAndThaw() { // want frozenThenRunAndThaw:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	runAndThaw()
}

func releaseAndRun(l *sync.RWMutex) error { // want releaseAndRun:`starts a process: \(\*exec.Cmd\).Run` releaseAndRun:"unlocks l for reading"
	l.RUnlock()
	return exec.Command("true").Run() // ok: the caller's l is ForkLock, released above
}

func readFrozenThenReleaseAndRun() { // want readFrozenThenReleaseAndRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.RLock()
	releaseAndRun(&syscall.ForkLock)
}

type spawner struct {
	fork *sync.RWMutex // always &syscall.ForkLock
}

func (s *spawner) startUnlocked(cmd *exec.Cmd) error { // want startUnlocked:`starts a process: \(\*exec.Cmd\).Start` startUnlocked:"unlocks syscall.ForkLock for reading" startUnlocked:"starts a process with the attributes of cmd"
	func() { s.fork.RUnlock() }()
	return cmd.Start() // ok: released by the literal
}

func (s *spawner) heldThenStartUnlocked() { // want heldThenStartUnlocked:`starts a process: \(\*exec.Cmd\).Start`
	s.fork = &syscall.ForkLock
	s.fork.RLock()
	s.startUnlocked(exec.Command("true"))
}

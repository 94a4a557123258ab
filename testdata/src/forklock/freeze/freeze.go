package freeze // want package:"starts processes"

// syscall.ForkLock left held by a called function: the start that follows
// deadlocks, whether the function locks it directly, on an error path,
// through a pointer parameter or through a struct field that holds
// &syscall.ForkLock.

import (
	"errors"
	"os/exec"
	"sync"
	"syscall"
)

func freeze() { syscall.ForkLock.Lock() } // want freeze:"locks syscall.ForkLock"

func thaw() { syscall.ForkLock.Unlock() } // want thaw:"unlocks syscall.ForkLock"

func frozen() error { // want frozen:`starts a process: \(\*exec.Cmd\).Run` frozen:"locks syscall.ForkLock"
	freeze()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

func thawed() error { // want thawed:`starts a process: \(\*exec.Cmd\).Run`
	freeze()
	thaw()
	return exec.Command("true").Run() // ok: released by thaw
}

var errBusy = errors.New("busy")

func freezeOrFail(busy bool) error { // want freezeOrFail:"locks syscall.ForkLock when result 0 is not zero"
	syscall.ForkLock.Lock()
	if busy {
		return errBusy // ForkLock still held
	}
	syscall.ForkLock.Unlock()
	return nil
}

func ignoresError() error { // want ignoresError:`starts a process: \(\*exec.Cmd\).Run` ignoresError:"locks syscall.ForkLock"
	freezeOrFail(true)
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func logsError() error { // want logsError:`starts a process: \(\*exec.Cmd\).Run` logsError:"may lock syscall.ForkLock"
	if err := freezeOrFail(true); err != nil {
		println(err.Error())
	}
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func returnsOnError() error { // want returnsOnError:`starts a process: \(\*exec.Cmd\).Run` returnsOnError:"locks syscall.ForkLock when result 0 is not zero"
	if err := freezeOrFail(true); err != nil {
		return err
	}
	return exec.Command("true").Run() // ok: held only on the error path, which returns
}

func lockPtr(l *sync.RWMutex) { l.Lock() } // want lockPtr:"locks l"

func throughPointer() error { // want throughPointer:`starts a process: \(\*exec.Cmd\).Run` throughPointer:"locks syscall.ForkLock"
	lockPtr(&syscall.ForkLock)
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func otherPointer() error { // want otherPointer:`starts a process: \(\*exec.Cmd\).Run`
	var mine sync.RWMutex
	lockPtr(&mine)
	return exec.Command("true").Run() // ok: another mutex
}

type spawner struct {
	fork *sync.RWMutex // always &syscall.ForkLock
	mu   sync.Mutex
}

func newSpawner() *spawner { return &spawner{fork: &syscall.ForkLock} }

func (s *spawner) hold() { s.fork.RLock() } // want hold:"locks syscall.ForkLock for reading"

func (s *spawner) fieldLocked() error { // want fieldLocked:`starts a process: \(\*exec.Cmd\).Run`
	s.fork.RLock()
	defer s.fork.RUnlock()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func (s *spawner) heldByMethod() error { // want heldByMethod:`starts a process: \(\*exec.Cmd\).Run` heldByMethod:"locks syscall.ForkLock for reading"
	s.hold()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func (s *spawner) ownMutex() error { // want ownMutex:`starts a process: \(\*exec.Cmd\).Run`
	s.mu.Lock()
	defer s.mu.Unlock()
	return exec.Command("true").Run() // ok: not ForkLock
}

func inGoroutine() { // want inGoroutine:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Lock()
	go exec.Command("true").Run() // ok: runs in another goroutine, which waits for the unlock
	syscall.ForkLock.Unlock()
}

func deferredAfterUnlock() { // want deferredAfterUnlock:`starts a process: \(\*exec.Cmd\).Run`
	cmd := exec.Command("true")
	syscall.ForkLock.Lock()
	defer cmd.Run() // ok: runs after the unlock deferred below
	defer syscall.ForkLock.Unlock()
}

func deferredBeforeUnlock() { // want deferredBeforeUnlock:`starts a process: \(\*exec.Cmd\).Run`
	cmd := exec.Command("true")
	syscall.ForkLock.Lock()
	defer syscall.ForkLock.Unlock()
	defer cmd.Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

func tryFreeze() error { // want tryFreeze:`starts a process: \(\*exec.Cmd\).Run`
	if syscall.ForkLock.TryLock() {
		defer syscall.ForkLock.Unlock()
		return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
	}
	return exec.Command("true").Run() // ok: TryLock failed
}

func rlocker() error { // want rlocker:`starts a process: \(\*exec.Cmd\).Run`
	l := syscall.ForkLock.RLocker()
	l.Lock()
	defer l.Unlock()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held`
}

package user // want package:"starts processes"

// Starting a process while syscall.ForkLock is held deadlocks: the start
// takes ForkLock for writing.

import (
	"os"
	"os/exec"
	"syscall"

	"forklock/lib"
)

func underReadLock() error { // want underReadLock:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks, as starting a process locks ForkLock for writing$`
}

func underWriteLock() { // want underWriteLock:`starts a process: os.StartProcess`
	syscall.ForkLock.Lock()
	os.StartProcess("/bin/true", nil, &os.ProcAttr{}) // want `^os.StartProcess starts a process while syscall.ForkLock is held`
	syscall.ForkLock.Unlock()
}

func forkExecUnderLock() { // want forkExecUnderLock:`starts a process: syscall.ForkExec`
	syscall.ForkLock.RLock()
	syscall.ForkExec("/bin/true", nil, nil) // want `^syscall.ForkExec starts a process while syscall.ForkLock is held`
	syscall.ForkLock.RUnlock()
}

func libraryUnderLock() { // want libraryUnderLock:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	lib.Run("true") // want `^call of lib.Run starts a process while syscall.ForkLock is held`
	lib.Pure()      // ok: starts nothing
}

func start(cmd *exec.Cmd) error { // want start:`starts a process: \(\*exec.Cmd\).Start` start:"starts a process with the attributes of cmd"
	return cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process while syscall.ForkLock is held`
}

func callerHoldsLock() { // want callerHoldsLock:`starts a process: \(\*exec.Cmd\).Start`
	syscall.ForkLock.RLock()
	start(exec.Command("true"))
	syscall.ForkLock.RUnlock()
}

// documentedIdiom creates a descriptor under the read lock, marks it
// close-on-exec, and starts the process after the unlock.
func documentedIdiom() error { // want documentedIdiom:`starts a process: \(\*exec.Cmd\).Run`
	var p [2]int
	syscall.ForkLock.RLock()
	if err := syscall.Pipe(p[:]); err != nil {
		syscall.ForkLock.RUnlock()
		return err
	}
	syscall.CloseOnExec(p[0])
	syscall.CloseOnExec(p[1])
	syscall.ForkLock.RUnlock()
	return exec.Command("true").Run() // ok: the lock is released
}

func otherLock() error { // want otherLock:`starts a process: \(\*exec.Cmd\).Output`
	syscall.ForkLock.RLock()
	syscall.ForkLock.RUnlock()
	_, err := exec.Command("true").Output() // ok: released before
	return err
}

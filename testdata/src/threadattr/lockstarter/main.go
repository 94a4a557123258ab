package main

// A function of the program that returns locked to its thread, run by a
// starter of the standard library rather than a go statement: it ends its
// thread all the same, and a child started from that thread gets its
// death signal.

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

type agent struct{ wg sync.WaitGroup }

// attach locks its goroutine's thread for good, as a tracer does.
func (a *agent) attach() { // want attach:`may end a locked thread` attach:`leaves the thread locked`
	runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
}

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run` main:`may end a locked thread`
	a := &agent{}
	a.wg.Go(a.attach)
	a.wg.Wait()
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

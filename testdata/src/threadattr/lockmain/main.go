package main

// A goroutine that returns locked to its thread ends that thread: if it
// started the child, the child gets its death signal.

import (
	"os/exec"
	"runtime"
	"syscall"
)

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run` main:`may end a locked thread`
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
	}()
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

package main

// A program in which no goroutine returns locked to its thread: no thread
// ever exits, so the death signal comes only when the program does.

import (
	"os/exec"
	"runtime"
	"syscall"
)

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	work()
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	go cmd.Run() // ok: no thread of this program exits
}

func work() {}

package main

// A program that imports a package whose goroutines return locked.

import (
	"os/exec"
	"syscall"

	"threadattr/endslib"
)

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run` main:`may end a locked thread`
	endslib.InNamespace(func() {})
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

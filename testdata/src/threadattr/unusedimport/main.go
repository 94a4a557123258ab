package main

// A program that imports a package whose goroutines return locked, but
// whose main never runs them: no thread of it exits.

import (
	"os/exec"
	"syscall"

	"threadattr/endslib"
)

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run`
	cmd := exec.Command("runc", "run")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // ok: nothing that main or init runs ends a thread
}

func unused() { // want unused:`may end a locked thread`
	endslib.InNamespace(func() {})
}

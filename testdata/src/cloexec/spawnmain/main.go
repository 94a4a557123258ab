package main

// A program that starts a process: a descriptor without close-on-exec
// leaks into it.

import (
	"os/exec"
	"syscall"
)

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run`
	var p [2]int
	syscall.Pipe(p[:]) // want `syscall.Pipe creates descriptors without close-on-exec`
	exec.Command("true").Run()
}

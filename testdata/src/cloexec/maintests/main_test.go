package main

import (
	"os/exec"
	"syscall"
	"testing"
)

func TestMain(t *testing.T) { // want TestMain:`starts a process: \(\*exec.Cmd\).Run`
	exec.Command("true").Run()
	fd, _ := syscall.Dup(0) // ok: started before
	syscall.Close(fd)
}

func TestLeak(t *testing.T) { // want TestLeak:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	defer syscall.Close(fd)
	exec.Command("true").Run()
}

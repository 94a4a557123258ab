package tests

import (
	"os/exec"
	"syscall"
	"testing"
)

func TestNoStart(t *testing.T) {
	fd, _ := syscall.Dup(0) // ok: the test starts no process
	syscall.Close(fd)
}

func TestStartBefore(t *testing.T) { // want TestStartBefore:`starts a process: \(\*exec.Cmd\).Run`
	exec.Command("true").Run()
	fd, _ := syscall.Dup(0) // ok: the child was started before
	syscall.Close(fd)
}

func TestStartAfter(t *testing.T) { // want TestStartAfter:`starts a process: \(\*exec.Cmd\).Run`
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	exec.Command("true").Run()
	syscall.Close(fd)
}

func TestGoroutine(t *testing.T) { // want TestGoroutine:`starts a process: \(\*exec.Cmd\).Start`
	go func() {
		syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	}()
	exec.Command("true").Start()
}

func TestThroughHelper(t *testing.T) { // want TestThroughHelper:`starts a process: \(\*exec.Cmd\).Run`
	syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	run()
}

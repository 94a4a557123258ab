package user_test // want package:"starts processes"

import (
	"os/exec"
	"testing"

	"cloexec/sysdep/linux"
	"golang.org/x/sys/unix"
)

func TestOpenClosed(t *testing.T) { // want TestOpenClosed:`starts a process: \(\*exec\.Cmd\)\.Run`
	fd, err := linux.Open("/", unix.O_RDONLY, 0) // ok: closed before the process starts
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(fd)
	if err := exec.Command("true").Run(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenLeaked(t *testing.T) { // want TestOpenLeaked:`starts a process: \(\*exec\.Cmd\)\.Run`
	fd, err := linux.Open("/", unix.O_RDONLY, 0) // want `^call of linux.Open creates a descriptor without O_CLOEXEC`
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("true").Run(); err != nil {
		t.Fatal(err)
	}
	unix.Close(fd)
}

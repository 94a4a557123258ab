package ownsetns // want package:"starts processes; switches threads"

// The system call number defined by the package itself, as old
// libcontainer (pkg/system/setns_linux.go) and netns code did before the
// syscall package or golang.org/x/sys/unix named it: the number of
// linux/amd64, passed to syscall.RawSyscall in a package that imports no
// golang.org/x/sys/unix.

import (
	"os/exec"
	"syscall"
)

const SYS_SETNS = 308 // linux/amd64

func setns(fd uintptr, flags uintptr) error { // want setns:`switches the thread's namespace`
	if _, _, err := syscall.RawSyscall(SYS_SETNS, fd, flags, 0); err != 0 {
		return err
	}
	return nil
}

// enter runs a command after the switch, from a goroutine that may move.
func enter(fd uintptr) error { // want enter:`starts a process: \(\*exec\.Cmd\)\.Run` enter:`switches the thread's namespace`
	if err := setns(fd, syscall.CLONE_NEWNET); err != nil { // want `^call of ownsetns.setns switches the namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

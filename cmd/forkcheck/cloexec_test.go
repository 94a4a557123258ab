package main

import "testing"

// descriptorFiles holds a library with the descriptor creators of issue 12
// that the syscall package can spell (the e2e module has no
// golang.org/x/sys): a system call by number, a ForkLock mark after the
// unlock, a descriptor handed to a child by number, and the shapes that stay
// silent (an exported function's Dup2 target, a probe in init).
var descriptorFiles = map[string]string{"fds/fds.go": `package fds

import (
	"os/exec"
	"strconv"
	"syscall"
)

func init() {
	if fd, err := syscall.Socket(syscall.AF_INET6, syscall.SOCK_DGRAM, 0); err == nil {
		syscall.Close(fd)
	}
}

func Eventfd() uintptr {
	r, _, _ := syscall.Syscall(syscall.SYS_EVENTFD2, 0, 0, 0)
	return r
}

func MarkedLate(fd int) int {
	syscall.ForkLock.RLock()
	nfd, _ := syscall.Dup(fd)
	syscall.ForkLock.RUnlock()
	syscall.CloseOnExec(nfd)
	return nfd
}

func Helper(path string) error {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	return exec.Command(path, strconv.Itoa(fds[1])).Start()
}

func Redirect(fd, target int) error {
	return syscall.Dup2(fd, target)
}
`}

// wantDescriptorFindings are the findings in descriptorFiles, the same in
// both drivers.
var wantDescriptorFindings = []string{
	"fds/fds.go:16:13: syscall.Syscall of SYS_EVENTFD2 creates a descriptor without close-on-exec: a process started meanwhile inherits it (cloexec)" +
		"\n\tfds/fds.go:33:9: a process that may inherit it starts here ((*exec.Cmd).Start)",
	"fds/fds.go:22:12: syscall.Dup creates a descriptor without close-on-exec: a process started meanwhile inherits it (cloexec)" +
		"\n\tfds/fds.go:33:9: a process that may inherit it starts here ((*exec.Cmd).Start)",
	"fds/fds.go:29:14: syscall.Socketpair creates descriptors without SOCK_CLOEXEC: a process started meanwhile inherits them (cloexec)" +
		"\n\tfds/fds.go:33:9: a process that may inherit them starts here ((*exec.Cmd).Start)",
}

// TestDescriptorCreators runs both drivers on descriptorFiles: the same
// cloexec findings in each.
func TestDescriptorCreators(t *testing.T) {
	t.Parallel()
	checkDrivers(t, descriptorFiles, "./fds", wantDescriptorFindings, nil)
}

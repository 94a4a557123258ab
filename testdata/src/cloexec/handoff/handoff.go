package handoff // want package:"starts processes"

// Descriptors handed to a child by number: still reported (another child
// started meanwhile inherits them too), but with no fix, as close-on-exec
// would close them in the child meant to have them. The guide says what
// to write instead. A descriptor passed through ExtraFiles or a ProcAttr's
// Files keeps its fix: the start dups it onto the child's number, which is
// not close-on-exec.

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// byArgument tells the helper the number of its end of the pair.
func byArgument(helper string) (*exec.Cmd, int, error) { // want byArgument:`starts a process: \(\*exec.Cmd\).Start`
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0) // want `^syscall.Socketpair creates descriptors without SOCK_CLOEXEC`
	if err != nil {
		return nil, -1, err
	}
	cmd := exec.Command(helper, "--sock", strconv.Itoa(fds[1]))
	return cmd, fds[0], cmd.Start()
}

// byEnvironment tells it through the environment.
func byEnvironment(helper string) (*exec.Cmd, error) { // want byEnvironment:`starts a process: \(\*exec.Cmd\).Start`
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil { // want `^syscall.Pipe creates descriptors without close-on-exec`
		return nil, err
	}
	cmd := exec.Command(helper)
	cmd.Env = append(os.Environ(), fmt.Sprintf("SYNC_FD=%d", p[0]))
	return cmd, cmd.Start()
}

// byExtraFiles wraps its end for ExtraFiles, which the child gets as 3:
// the fix applies.
func byExtraFiles(helper string) (*exec.Cmd, error) { // want byExtraFiles:`starts a process: \(\*exec.Cmd\).Start`
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0) // want `^unix.Socketpair creates descriptors without SOCK_CLOEXEC`
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(helper)
	cmd.ExtraFiles = []*os.File{os.NewFile(uintptr(fds[1]), "child")}
	return cmd, cmd.Start()
}

// byProcAttr lists it in the Files of a raw start, which dups it onto 3:
// the fix applies.
func byProcAttr(helper string) (int, error) { // want byProcAttr:`starts a process: syscall.ForkExec`
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0) // want `^syscall.Socket creates a descriptor without SOCK_CLOEXEC`
	if err != nil {
		return -1, err
	}
	return syscall.ForkExec(helper, nil, &syscall.ProcAttr{Files: []uintptr{0, 1, 2, uintptr(fd)}})
}

// ontoNumber moves it onto the number that the child is told.
func ontoNumber(fd int) error {
	return syscall.Dup2(fd, 3) // want `^syscall.Dup2 creates a descriptor without close-on-exec`
}

// wrapped keeps both ends in this process: the fix applies.
func wrapped() (*os.File, *os.File, error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_NONBLOCK); err != nil { // want `^syscall.Pipe2 creates descriptors without O_CLOEXEC`
		return nil, nil, err
	}
	return os.NewFile(uintptr(p[0]), "r"), os.NewFile(uintptr(p[1]), "w"), nil
}

// inMessage names the descriptor in an error: not a hand-over.
func inMessage(path string) (int, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY, 0) // want `^syscall.Open creates a descriptor without O_CLOEXEC`
	if err != nil {
		return -1, err
	}
	if err := syscall.SetNonblock(fd, true); err != nil {
		return -1, fmt.Errorf("fd %d: %w", fd, err)
	}
	return fd, nil
}

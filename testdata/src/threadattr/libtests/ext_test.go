package libtests_test // want package:"starts processes; ends threads"

// go test runs one test at a time, and the parallel ones together after
// the others: a test's child dies early only if a thread may end while it
// runs.

import (
	"os/exec"
	"syscall"
	"testing"

	"threadattr/endslib"
)

func start() error { // want start:`starts a process: \(\*exec.Cmd\).Run`
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Run() // ok: only serial tests call it
}

func TestSerial(t *testing.T) { // want TestSerial:`starts a process: \(\*exec.Cmd\).Run`
	start()
}

func TestEndsThread(t *testing.T) { // want TestEndsThread:`may end a locked thread`
	endslib.InNamespace(func() {})
}

func TestParallelStart(t *testing.T) { // want TestParallelStart:`starts a process: \(\*exec.Cmd\).Run`
	t.Parallel()
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

func TestParallelEnds(t *testing.T) { // want TestParallelEnds:`may end a locked thread`
	t.Parallel()
	endslib.InNamespace(func() {})
}

func TestOwnEnd(t *testing.T) { // want TestOwnEnd:`starts a process: \(\*exec.Cmd\).Run` TestOwnEnd:`may end a locked thread`
	endslib.InNamespace(func() {})
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

package executor

import (
	"os/exec"
	"runtime"
	"syscall"
)

// A function that calls the function it is given in a goroutine that
// locks its thread for good (gVisor's newSubprocess).

func onLockedThread(f func() error) error { // want onLockedThread:`may end a locked thread`
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		errc <- f()
	}()
	return <-errc
}

func runTraced(path string) error { // want runTraced:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true, Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Ptrace from a goroutine not locked to its thread`
}

// Run runs the start on a locked thread.
func Run(path string) error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Run` Run:`may end a locked thread` Run:`starts a goroutine that locks its thread: go statement`
	if err := onLockedThread(func() error {
		cmd := exec.Command(path)
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		return cmd.Run() // ok: on onLockedThread's locked thread
	}); err != nil {
		return err
	}
	return onLockedThread(func() error { return runTraced(path) })
}

// RunAnywhere calls runTraced itself too, from any goroutine.
func RunAnywhere(path string) error { // want RunAnywhere:`starts a process: \(\*exec\.Cmd\)\.Start`
	return runTraced(path)
}

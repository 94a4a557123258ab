package executor

// The locked executor with its channel in a package-level variable, as
// small tracers start it from init (var ptraceChan = make(chan func());
// func init() { go ptraceLoop() }).

import (
	"os/exec"
	"runtime"
	"syscall"
)

var (
	requests = make(chan func() error)
	results  = make(chan error)
)

func init() { go ptraceLoop() }

func ptraceLoop() { // want ptraceLoop:`may end a locked thread` ptraceLoop:`leaves the thread locked`
	runtime.LockOSThread() // never unlocked: the thread ends with the tracer
	for f := range requests {
		results <- f()
	}
}

func onTracerThread(f func() error) error {
	requests <- f
	return <-results
}

// StartTraced starts the tracee on the tracer's thread.
func StartTraced(path string) (*exec.Cmd, error) { // want StartTraced:`starts a process: \(\*exec\.Cmd\)\.Start` StartTraced:`returns attributes with Ptrace set`
	cmd := exec.Command(path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	err := onTracerThread(func() error {
		return cmd.Start() // ok: on the executor's locked thread
	})
	return cmd, err
}

// StartAnywhere starts one from its caller's goroutine.
func StartAnywhere(path string) (*exec.Cmd, error) { // want StartAnywhere:`starts a process: \(\*exec\.Cmd\)\.Start` StartAnywhere:`returns attributes with Ptrace set`
	cmd := exec.Command(path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	return cmd, cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Ptrace from a goroutine not locked to its thread`
}

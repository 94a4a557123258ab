package values // want package:"starts processes"

// Thread-bound attributes set from values that are not constants: a
// library's configurable signal is set on some path unless it is zero
// there. go-runc shipped the bug and fixed it by locking the thread when
// the signal is not zero.

import (
	"os/exec"
	"runtime"
	"syscall"
)

type Runner struct {
	PdeathSignal syscall.Signal
	Trace        bool
}

func (r *Runner) Start(cmd *exec.Cmd) error { // want Start:`starts a process: \(\*exec.Cmd\).Start` Start:`sets Pdeathsig through cmd`
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.SysProcAttr.Pdeathsig = r.PdeathSignal
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func startIfPositive(cmd *exec.Cmd, sig syscall.Signal) error { // want startIfPositive:`starts a process: \(\*exec.Cmd\).Start` startIfPositive:`sets Pdeathsig through cmd`
	attr := &syscall.SysProcAttr{}
	if sig > 0 {
		attr.Pdeathsig = sig
	}
	cmd.SysProcAttr = attr
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

func (r *Runner) traced(cmd *exec.Cmd) error { // want traced:`starts a process: \(\*exec.Cmd\).Start` traced:`sets Ptrace through cmd`
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: r.Trace}
	err := cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Ptrace`
	syscall.PtraceCont(cmd.Process.Pid, 0) // ok: a method that nothing calls runs where its caller is (threadattr reports the start)
	return err
}

// StartLocked is go-runc's fix: the thread is locked whenever the signal
// is set.
func (r *Runner) StartLocked(cmd *exec.Cmd) error { // want StartLocked:`starts a process: \(\*exec.Cmd\).Start` StartLocked:`sets Pdeathsig through cmd`
	if r.PdeathSignal != 0 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: r.PdeathSignal}
	return cmd.Start() // ok: locked whenever the signal is not zero
}

func startLockedIf(cmd *exec.Cmd, sig syscall.Signal) error { // want startLockedIf:`starts a process: \(\*exec.Cmd\).Start` startLockedIf:`sets Pdeathsig through cmd`
	if sig != 0 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	if sig > 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: sig}
	}
	return cmd.Start() // ok: locked whenever the signal is set
}

func startLockedZeroTest(cmd *exec.Cmd, sig syscall.Signal) error { // want startLockedZeroTest:`starts a process: \(\*exec.Cmd\).Start` startLockedZeroTest:`sets Pdeathsig through cmd`
	if sig == 0 {
		return cmd.Start() // ok: no attributes on this path
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: sig}
	return cmd.Start() // ok: locked
}

func startZeroBranch(cmd *exec.Cmd, sig syscall.Signal) error { // want startZeroBranch:`starts a process: \(\*exec.Cmd\).Start` startZeroBranch:`sets Pdeathsig through cmd`
	if sig == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: sig}
	}
	return cmd.Start() // ok: the signal is zero where it is set
}

// startLockedWrongly locks the thread for one signal only.
func startLockedWrongly(cmd *exec.Cmd, sig syscall.Signal) error { // want startLockedWrongly:`starts a process: \(\*exec.Cmd\).Start` startLockedWrongly:`sets Pdeathsig through cmd`
	if sig == syscall.SIGKILL {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: sig}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// startLockedOther locks the thread on another condition.
func (r *Runner) startLockedOther(cmd *exec.Cmd, other syscall.Signal) error { // want startLockedOther:`starts a process: \(\*exec.Cmd\).Start` startLockedOther:`sets Pdeathsig through cmd`
	if other != 0 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: r.PdeathSignal}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

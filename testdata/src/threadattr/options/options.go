package options // want package:"starts processes; sets thread attributes"

// Functional options that configure the command a runner starts: a
// closure that sets Pdeathsig through its parameter, applied in a loop
// before the start (chromedp's runner kept such options, ForceKill among
// them, and applied them to the browser's command).

import (
	"os/exec"
	"runtime"
	"syscall"
)

type Option func(*exec.Cmd)

func WithPdeathsig(s syscall.Signal) Option {
	return func(c *exec.Cmd) {
		if c.SysProcAttr == nil {
			c.SysProcAttr = &syscall.SysProcAttr{}
		}
		c.SysProcAttr.Pdeathsig = s
	}
}

func WithSetpgid() Option {
	return func(c *exec.Cmd) {
		if c.SysProcAttr == nil {
			c.SysProcAttr = &syscall.SysProcAttr{}
		}
		c.SysProcAttr.Setpgid = true
	}
}

// Start applies the options and starts the command where it is called.
func Start(path string, opts ...Option) (*exec.Cmd, error) { // want Start:`returns attributes with Pdeathsig set` Start:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(path)
	for _, o := range opts {
		o(cmd)
	}
	return cmd, cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked to its thread`
}

// StartLocked applies them on a thread it keeps locked until the child is
// waited for.
func StartLocked(path string, opts ...Option) error { // want StartLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command(path)
	for _, o := range opts {
		o(cmd)
	}
	if err := cmd.Start(); err != nil { // ok: locked
		return err
	}
	return cmd.Wait()
}

// A CmdOpt configures the command and may fail.
type CmdOpt func(*exec.Cmd) error

// ForceKill kills the browser with its parent's thread.
func ForceKill() CmdOpt {
	return func(c *exec.Cmd) error {
		if c.SysProcAttr == nil {
			c.SysProcAttr = new(syscall.SysProcAttr)
		}
		c.SysProcAttr.Pdeathsig = syscall.SIGKILL
		return nil
	}
}

// Runner keeps the options by name until it starts the browser.
type Runner struct {
	opts map[string]CmdOpt
}

func (r *Runner) Run(path string) error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command(path)
	for _, o := range r.opts {
		if err := o(cmd); err != nil {
			return err
		}
	}
	return cmd.Run() // want `^\(\*exec.Cmd\).Run starts a process with Pdeathsig`
}

// A Hook sees the command after it started.
type Hook func(*exec.Cmd, int) error

func RunHooked(path string, hooks ...Hook) error { // want RunHooked:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command(path)
	for _, h := range hooks {
		if err := h(cmd, 0); err != nil {
			return err
		}
	}
	return cmd.Run() // ok: no function of that signature sets Pdeathsig
}

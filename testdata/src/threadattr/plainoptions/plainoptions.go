package plainoptions // want package:"starts processes"

// Functional options none of which sets a thread-bound attribute.

import (
	"os/exec"
	"syscall"
)

type Option func(*exec.Cmd)

func WithSetpgid() Option {
	return func(c *exec.Cmd) {
		c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: 0}
	}
}

func WithDir(dir string) Option {
	return func(c *exec.Cmd) { c.Dir = dir }
}

func Start(path string, opts ...Option) error { // want Start:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(path)
	for _, o := range opts {
		o(cmd)
	}
	return cmd.Start() // ok: no option sets Pdeathsig
}

package fields // want package:"starts processes; sets thread attributes"

// A command kept in a struct field and started by another method, as
// runc's libcontainer builds its init process with Pdeathsig set and
// starts it in the process type's start method.

import (
	"os/exec"
	"runtime"
	"syscall"
)

type process struct{ cmd *exec.Cmd }

func newProcess() *process {
	cmd := exec.Command("runc", "init")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return &process{cmd: cmd}
}

func (p *process) start() error { // want start:`starts a process: \(\*exec\.Cmd\)\.Start`
	return p.cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func (p *process) startLocked() error { // want startLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return p.cmd.Start() // ok: locked
}

// runc's shape: a template sets the signal from the configuration, a
// constructor stores the command it is given.
type config struct{ ParentDeathSignal int }

type initProcess struct {
	cmd  *exec.Cmd
	name string
}

func commandTemplate(c *config) *exec.Cmd { // want commandTemplate:`returns attributes with Pdeathsig set`
	cmd := exec.Command("/proc/self/exe", "init")
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	cmd.SysProcAttr.Pdeathsig = syscall.Signal(c.ParentDeathSignal)
	return cmd
}

func newInitProcess(cmd *exec.Cmd) *initProcess {
	return &initProcess{cmd: cmd, name: "init"}
}

func newParentProcess(c *config) *initProcess {
	cmd := commandTemplate(c)
	return newInitProcess(cmd)
}

func (p *initProcess) start() error { // want start:`starts a process: \(\*exec\.Cmd\)\.Start`
	err := p.cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
	return err
}

// configured through the field by one method, run by another.
type later struct{ cmd *exec.Cmd }

func (l *later) configure() {
	l.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}

func (l *later) run() error { // want run:`starts a process: \(\*exec\.Cmd\)\.Run`
	return l.cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig`
}

// plain holds a command without thread-bound attributes.
type plain struct{ cmd *exec.Cmd }

func newPlain() *plain {
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	return &plain{cmd: cmd}
}

func newPlainFrom(cmd *exec.Cmd) *plain {
	return &plain{cmd: cmd}
}

func (p *plain) start() error { // want start:`starts a process: \(\*exec\.Cmd\)\.Start`
	return p.cmd.Start() // ok: nothing thread-bound in the field
}

// restart sets the attribute on the held command again: the finding names
// where restart sets it, not where the constructor did.
func (p *process) restart() error { // want restart:`starts a process: \(\*exec\.Cmd\)\.Start`
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return p.cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

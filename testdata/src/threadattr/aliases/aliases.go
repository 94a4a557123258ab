package aliases // want package:"starts processes; sets thread attributes"

// The same attributes under every spelling of their type: x/sys/unix's
// alias, a user's alias, a generic alias, a type defined from
// syscall.SysProcAttr, an embedded alias, new(T), and values whose address
// is taken later.

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

type (
	Attr           = syscall.SysProcAttr
	attrs          syscall.SysProcAttr
	Generic[T any] = unix.SysProcAttr
	Cmd            = exec.Cmd
	embeds         struct {
		Attr
		name string
	}
)

func viaUnix() error { // want viaUnix:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &unix.SysProcAttr{Pdeathsig: unix.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func viaUserAlias() error { // want viaUserAlias:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &Attr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

func viaGenericAlias() error { // want viaGenericAlias:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &Generic[int]{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

func viaDefinedType() error { // want viaDefinedType:`starts a process: \(\*exec.Cmd\).Start`
	a := &attrs{Pdeathsig: syscall.SIGKILL}
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = (*syscall.SysProcAttr)(a)
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

func viaEmbedded() error { // want viaEmbedded:`starts a process: \(\*exec.Cmd\).Start`
	var e embeds
	e.Pdeathsig = unix.SIGKILL
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &e.Attr
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

func viaNew() error { // want viaNew:`starts a process: \(\*exec.Cmd\).Start`
	a := new(unix.SysProcAttr)
	a.Pdeathsig = unix.SIGKILL
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = a
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

func viaValue() error { // want viaValue:`starts a process: \(\*exec.Cmd\).Start`
	var a unix.SysProcAttr
	a.Pdeathsig = unix.SIGKILL
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &a
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// ValueAttrs returns the attributes, not a pointer to them.
func ValueAttrs() unix.SysProcAttr { // want ValueAttrs:`returns attributes with Pdeathsig set`
	return unix.SysProcAttr{Pdeathsig: unix.SIGKILL}
}

func viaValueHelper() error { // want viaValueHelper:`starts a process: \(\*exec.Cmd\).Start`
	a := ValueAttrs()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &a
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// NewCmd returns the command under the user's alias.
func NewCmd() *Cmd { // want NewCmd:`returns attributes with Pdeathsig set`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &Attr{Pdeathsig: syscall.SIGTERM}
	return cmd
}

func viaProcAttr() { // want viaProcAttr:`starts a process: os.StartProcess`
	p, _ := os.StartProcess("/bin/true", nil, &os.ProcAttr{Sys: &unix.SysProcAttr{Ptrace: true}}) // want `os.StartProcess starts a process with Ptrace`
	unix.PtraceCont(p.Pid, 0) // want `^unix\.PtraceCont makes a ptrace request from a goroutine not locked to its thread`
}

func quiet() error { // want quiet:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &unix.SysProcAttr{Setsid: true, Pdeathsig: 0}
	return cmd.Start() // ok: nothing thread-bound
}

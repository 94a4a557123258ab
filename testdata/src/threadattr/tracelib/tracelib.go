package tracelib // want package:"starts processes; leaves thread state"

// A library that starts traced children and hands them to its callers,
// who make the ptrace requests: no request here does not make Ptrace safe.

import (
	"os"
	"os/exec"
	"syscall"
)

func StartTraced(path string) (int, error) { // want StartTraced:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	if err := cmd.Start(); err != nil { // want `\(\*exec.Cmd\).Start starts a process with Ptrace from a goroutine not locked`
		return 0, err
	}
	return cmd.Process.Pid, nil
}

func Launch(path string) (*os.Process, error) { // want Launch:`starts a process: os\.StartProcess`
	return os.StartProcess(path, nil, &os.ProcAttr{Sys: &syscall.SysProcAttr{Ptrace: true}}) // want `os.StartProcess starts a process with Ptrace`
}

func Trace(cmd *exec.Cmd) error { // want Trace:`starts a process: \(\*exec\.Cmd\)\.Start` Trace:`sets Ptrace through cmd`
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Ptrace`
}

type Tracee struct{ proc *os.Process }

func (t *Tracee) Start(path string) error { // want Start:`starts a process: os\.StartProcess`
	p, err := os.StartProcess(path, nil, &os.ProcAttr{Sys: &syscall.SysProcAttr{Ptrace: true}}) // want `os.StartProcess starts a process with Ptrace`
	t.proc = p
	return err
}

// HoldUserns stops the child at its exec to hold its user namespace, and
// kills it: nothing of it leaves the function.
func HoldUserns() (*os.File, error) { // want HoldUserns:`starts a process: os\.StartProcess`
	p, err := os.StartProcess("/proc/self/exe", nil, &os.ProcAttr{
		Sys: &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER, Ptrace: true},
	}) // ok: no request here, and the process stays here
	if err != nil {
		return nil, err
	}
	defer func() { p.Kill(); p.Wait() }()
	return os.Open("/proc/" + itoa(p.Pid) + "/ns/user")
}

func itoa(n int) string { return string(rune('0' + n)) }

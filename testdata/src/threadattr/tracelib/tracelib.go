package tracelib // want package:"starts processes; leaves thread state"

// A library that starts traced children and hands them to its callers,
// who make the ptrace requests: no request here does not make Ptrace safe.

import (
	"fmt"
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

// HoldUsernsFormatted is HoldUserns with the pid formatted into the path
// and into its errors, as containerd's getUsernsFD does: the arguments of
// fmt.Sprintf are stored into an array of the function, not outside it.
func HoldUsernsFormatted() (*os.File, error) { // want HoldUsernsFormatted:`starts a process: os\.StartProcess`
	p, err := os.StartProcess("/proc/self/exe", nil, &os.ProcAttr{
		Sys: &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER, Ptrace: true},
	}) // ok: the pid only goes into strings
	if err != nil {
		return nil, err
	}
	defer p.Kill()
	f, err := os.Open(fmt.Sprintf("/proc/%d/ns/user", p.Pid))
	if err != nil {
		return nil, fmt.Errorf("open the user namespace of %d: %w", p.Pid, err)
	}
	return f, nil
}

// spawnPlaceholder returns the placeholder to its one caller in the
// package, which kills it (runc's spawnProc and Handles.Get).
func spawnPlaceholder() (*os.Process, error) { // want spawnPlaceholder:`starts a process: os\.StartProcess`
	return os.StartProcess("/proc/self/exe", nil, &os.ProcAttr{
		Sys: &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER, Ptrace: true},
	}) // ok: returned to GetUserns, which keeps nothing of it
}

func GetUserns() (*os.File, error) { // want GetUserns:`starts a process: os\.StartProcess`
	p, err := spawnPlaceholder()
	if err != nil {
		return nil, err
	}
	defer func() { p.Kill(); p.Wait() }()
	return os.Open(fmt.Sprintf("/proc/%d/ns/user", p.Pid))
}

// spawnTraced returns the traced child to a caller that hands its pid on.
func spawnTraced(path string) (*os.Process, error) { // want spawnTraced:`starts a process: os\.StartProcess`
	return os.StartProcess(path, nil, &os.ProcAttr{Sys: &syscall.SysProcAttr{Ptrace: true}}) // want `os.StartProcess starts a process with Ptrace`
}

func TracedPid(path string) (int, error) { // want TracedPid:`starts a process: os\.StartProcess`
	p, err := spawnTraced(path)
	if err != nil {
		return 0, err
	}
	return p.Pid, nil
}

package handedlib // want package:"starts processes; sets thread attributes; leaves thread state"

// A library of helpers that start a process with the attributes their
// caller built; its importers' calls are judged by fact.

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

func Start(path string, attr *syscall.SysProcAttr) error { // want Start:`starts a process with the attributes of attr` Start:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command(path)
	cmd.SysProcAttr = attr
	return cmd.Start()
}

func Run(cmd *exec.Cmd) error { return cmd.Run() } // want Run:`starts a process with the attributes of cmd` Run:`starts a process: \(\*exec\.Cmd\)\.Run`

func Spawn(path string, pa *os.ProcAttr) (*os.Process, error) { // want Spawn:`starts a process with the attributes of pa` Spawn:`starts a process: os\.StartProcess`
	return os.StartProcess(path, []string{path}, pa)
}

// StartLocked locks the thread until the child is waited for.
func StartLocked(path string, attr *syscall.SysProcAttr) error { // want StartLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command(path)
	cmd.SysProcAttr = attr
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Wait()
}

// Tool starts a process of its own.
func Tool() error { return exec.Command("tool").Run() } // want Tool:`starts a process: \(\*exec\.Cmd\)\.Run`

// SysProcAttr returns attributes with Pdeathsig set, as a linux file of a
// daemon's supervisor does (moby's containerdSysProcAttr).
func SysProcAttr() *syscall.SysProcAttr { // want SysProcAttr:`returns attributes with Pdeathsig set`
	return &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
}

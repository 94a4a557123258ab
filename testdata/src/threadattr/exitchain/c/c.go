package c // want package:"starts processes; sets thread attributes; ends threads; leaves thread state"

// The bottom of a chain of three packages: what its functions leave for
// their callers travels up by facts that each package on the way exports.

import (
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

func Pin() func() { // want Pin:`^leaves the thread locked; returns the unlock$`
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}

func Lock() { // want Lock:`may end a locked thread` Lock:`leaves the thread locked`
	runtime.LockOSThread()
}

func SetDeathsig(cmd *exec.Cmd) { // want SetDeathsig:`sets Pdeathsig through cmd`
	cmd.SysProcAttr = &unix.SysProcAttr{Pdeathsig: unix.SIGKILL}
}

func SetTrace(attr *syscall.SysProcAttr) { // want SetTrace:`sets Ptrace through attr`
	attr.Ptrace = true
}

// Command is reexec.Command's shape: it returns the command, its callers
// start it.
func Command(args ...string) *exec.Cmd { // want Command:`returns attributes with Pdeathsig set`
	cmd := exec.Command("/proc/self/exe", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return cmd // ok: not started here
}

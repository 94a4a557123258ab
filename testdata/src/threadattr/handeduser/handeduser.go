package handeduser // want package:"starts processes; starts goroutines"

// Calls of helpers of other packages that start a process with the
// attributes built here.

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"

	"threadattr/handedlib"
	"threadattr/handedmid"
)

func Attrs() error { // want Attrs:`starts a process: \(\*exec\.Cmd\)\.Start`
	return handedlib.Start("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // want `^call of handedlib.Start starts a process with Pdeathsig from a goroutine not locked to its thread`
}

func Configured() error { // want Configured:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return handedlib.Run(cmd) // want `^call of handedlib.Run starts a process with Pdeathsig`
}

func Spawned() error { // want Spawned:`starts a process: os\.StartProcess`
	_, err := handedlib.Spawn("/bin/sleep", &os.ProcAttr{Sys: &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}}) // want `^call of handedlib.Spawn starts a process with Pdeathsig`
	return err
}

// Through relays the command through a package in the middle.
func Through() error { // want Through:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return handedmid.Run(cmd) // want `^call of handedmid.Run starts a process with Pdeathsig`
}

// Returned takes the attributes from the library and starts the command
// itself.
func Returned() error { // want Returned:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command("containerd")
	cmd.SysProcAttr = handedlib.SysProcAttr()
	return cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig`
}

// ReturnedLocked starts it in a goroutine that locks its thread, as moby's
// supervisor does.
func ReturnedLocked() error { // want ReturnedLocked:`starts a goroutine that locks its thread: go statement` ReturnedLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command("containerd")
	cmd.SysProcAttr = handedlib.SysProcAttr()
	errCh := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		errCh <- cmd.Start() // ok: locked until the goroutine returns
		cmd.Wait()
	}()
	return <-errCh
}

func Locked() error { // want Locked:`starts a process: \(\*exec\.Cmd\)\.Start`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return handedlib.Start("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // ok: locked around the call
}

func SelfLocked() error { // want SelfLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	return handedlib.StartLocked("sleep", &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}) // ok: the helper locks the thread
}

func NoDeathsig() error { // want NoDeathsig:`starts a process: \(\*exec\.Cmd\)\.Start`
	return handedlib.Start("sleep", &syscall.SysProcAttr{Setpgid: true}) // ok: no Pdeathsig
}

// Tool sets Pdeathsig on a command it does not start, then calls a helper
// that starts a process of its own.
func Tool() error { // want Tool:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("sleep")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	_ = cmd
	return handedlib.Tool() // ok: the attributes are not the tool's
}

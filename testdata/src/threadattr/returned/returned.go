package returned // want package:"starts processes; sets thread attributes; starts goroutines"

// Attributes that a function of a build-tagged file returns: moby's
// libcontainerd supervisor sets cmd.SysProcAttr = containerdSysProcAttr(),
// which utils_linux.go defines with Pdeathsig and utils_windows.go
// without, and starts containerd in a goroutine that locks its thread.

import (
	"os/exec"
	"runtime"
)

func StartDaemon() error { // want StartDaemon:`starts a goroutine: go statement` StartDaemon:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command("containerd")
	cmd.SysProcAttr = containerdSysProcAttr()
	if err := cmd.Start(); err != nil { // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig`
		return err
	}
	go cmd.Wait()
	return nil
}

// StartDaemonLocked is the supervisor's shape.
func StartDaemonLocked() error { // want StartDaemonLocked:`starts a goroutine that locks its thread: go statement` StartDaemonLocked:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := exec.Command("containerd")
	cmd.SysProcAttr = containerdSysProcAttr()
	errCh := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := cmd.Start() // ok: locked until the goroutine returns, after the wait
		errCh <- err
		if err == nil {
			cmd.Wait()
		}
	}()
	return <-errCh
}

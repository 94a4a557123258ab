package a // want package:"starts processes"

import (
	"os/exec"
	"runtime"

	"threadattr/exitchain/b"
)

func startPrepared() error { // want startPrepared:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	b.Prepare(cmd)
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func startLocked() error { // want startLocked:`starts a process: \(\*exec.Cmd\).Start` startLocked:`may end a locked thread`
	b.Lock()
	defer runtime.UnlockOSThread()
	cmd := exec.Command("sleep", "60")
	b.Prepare(cmd)
	return cmd.Start() // ok: b.Lock leaves the thread locked
}

func startChild() error { // want startChild:`starts a process: \(\*exec.Cmd\).Run`
	return b.Child("init").Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

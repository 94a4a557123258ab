package unpinuser // want package:"starts processes; ends threads"

import (
	"os/exec"
	"runtime"
	"syscall"

	"threadattr/unpinlib"
	"threadattr/unpinmid"
)

func startUnpinned() error { // want startUnpinned:`starts a process: \(\*exec.Cmd\).Start` startUnpinned:`may end a locked thread`
	runtime.LockOSThread()
	unpinlib.Unpin()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func startPinned() error { // want startPinned:`starts a process: \(\*exec.Cmd\).Start` startPinned:`may end a locked thread`
	runtime.LockOSThread()
	defer unpinlib.Unpinner()()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // ok: unlocked when it returns
}

func startUnpinnedTwice() error { // want startUnpinnedTwice:`starts a process: \(\*exec.Cmd\).Start` startUnpinnedTwice:`may end a locked thread`
	runtime.LockOSThread()
	unpinmid.Unpin()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

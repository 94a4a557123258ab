package exits // want package:"starts processes; sets thread attributes; ends threads; leaves thread state"

// What a call leaves for its caller: the thread locked or unlocked, and
// attributes set through a parameter.

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

func pin() func() { // want pin:`^leaves the thread locked; returns the unlock$`
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}

func lockThread() { // want lockThread:`may end a locked thread` lockThread:`leaves the thread locked`
	runtime.LockOSThread()
}

func unpin() { // want unpin:`may leave the thread unlocked`
	runtime.UnlockOSThread()
}

func balanced() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
}

func command() *exec.Cmd {
	return exec.Command("sleep", "60")
}

func startPinned() error { // want startPinned:`starts a process: \(\*exec\.Cmd\)\.Start`
	defer pin()()
	cmd := command()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // ok: pin locked the thread
}

func startLockedByHelper() error { // want startLockedByHelper:`may end a locked thread` startLockedByHelper:`starts a process: \(\*exec\.Cmd\)\.Start`
	lockThread()
	defer runtime.UnlockOSThread()
	cmd := command()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // ok: lockThread locked the thread
}

func startUnpinned() error { // want startUnpinned:`starts a process: \(\*exec\.Cmd\)\.Start` startUnpinned:`may end a locked thread`
	lockThread()
	unpin()
	cmd := command()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func startBalanced() error { // want startBalanced:`starts a process: \(\*exec\.Cmd\)\.Start`
	balanced()
	cmd := command()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func setDeathsig(c *exec.Cmd) { // want setDeathsig:`sets Pdeathsig through c`
	c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

func setOnAttrs(a *syscall.SysProcAttr) { // want setOnAttrs:`sets Pdeathsig through a`
	a.Pdeathsig = syscall.SIGKILL
}

func setOnProcAttr(p *os.ProcAttr) { // want setOnProcAttr:`sets Ptrace through p`
	p.Sys = &syscall.SysProcAttr{Ptrace: true}
}

func prepare(c *exec.Cmd) { // want prepare:`sets Pdeathsig through c`
	setDeathsig(c)
}

func attrs() *syscall.SysProcAttr { // want attrs:`returns attributes with Pdeathsig set`
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}

func setFromHelper(c *exec.Cmd) { // want setFromHelper:`sets Pdeathsig through c`
	c.SysProcAttr = attrs()
}

func setOnLocal(c *exec.Cmd) {
	other := exec.Command("true")
	other.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	_ = other
}

func startAfterSet() error { // want startAfterSet:`starts a process: \(\*exec\.Cmd\)\.Start`
	cmd := command()
	setDeathsig(cmd)
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func startAfterPrepare() error { // want startAfterPrepare:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := command()
	prepare(cmd)
	return cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig`
}

func startAfterHelper() error { // want startAfterHelper:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := command()
	setFromHelper(cmd)
	return cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig`
}

func startProcAttr() { // want startProcAttr:`starts a process: os\.StartProcess`
	var attr os.ProcAttr
	setOnProcAttr(&attr)
	p, _ := os.StartProcess("/bin/true", nil, &attr) // want `os.StartProcess starts a process with Ptrace`
	syscall.PtraceCont(p.Pid, 0) // want `^syscall\.PtraceCont makes a ptrace request from a goroutine not locked to its thread`
}

func startSysProcAttr() { // want startSysProcAttr:`starts a process: os\.StartProcess`
	attr := new(syscall.SysProcAttr)
	setOnAttrs(attr)
	os.StartProcess("/bin/true", nil, &os.ProcAttr{Sys: attr}) // want `os.StartProcess starts a process with Pdeathsig`
}

func startLockedAfterSet() error { // want startLockedAfterSet:`starts a process: \(\*exec\.Cmd\)\.Run`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := command()
	setDeathsig(cmd)
	return cmd.Run() // ok: locked
}

func startAfterLocal() error { // want startAfterLocal:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := command()
	setOnLocal(cmd)
	return cmd.Run() // ok: setOnLocal sets nothing on cmd
}

package user // want package:"starts processes; sets thread attributes"

// Pdeathsig and Ptrace belong to the thread that starts the process: a
// goroutine not locked to its thread gets a child killed, or untraceable,
// at random.

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"

	"threadattr/attrs"
	"threadattr/reexec"
)

func unlocked() error { // want unlocked:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // want `^\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked to its thread: the child gets the signal when that thread exits, which can happen while the program runs$`
}

func locked() error { // want locked:`starts a process: \(\*exec.Cmd\).Start` locked:`may end a locked thread` locked:`leaves the thread locked`
	runtime.LockOSThread() // never unlocked: the thread lives as long as the child
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // ok
}

func unlockedAgain() error { // want unlockedAgain:`starts a process: \(\*exec.Cmd\).Run`
	runtime.LockOSThread()
	runtime.UnlockOSThread()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Run() // want `\(\*exec.Cmd\).Run starts a process with Pdeathsig from a goroutine not locked`
}

func deferredUnlock() error { // want deferredUnlock:`starts a process: \(\*exec.Cmd\).Run`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Run() // ok: the thread is locked until Run returns with the child gone
}

func dedicatedGoroutine() { // want dedicatedGoroutine:`starts a process: \(\*exec.Cmd\).Run` dedicatedGoroutine:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		cmd := exec.Command("sleep", "60")
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		cmd.Run() // ok
	}()
}

func zero() error { // want zero:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: 0, Setsid: true}
	return cmd.Start() // ok: no death signal
}

func traced() { // want traced:`starts a process: os.StartProcess`
	attr := &os.ProcAttr{Sys: &syscall.SysProcAttr{Ptrace: true}}
	p, _ := os.StartProcess("/bin/true", nil, attr) // want `^os.StartProcess starts a process with Ptrace from a goroutine not locked to its thread: only that thread may trace the child`
	syscall.PtraceCont(p.Pid, 0)                    // want `^syscall.PtraceCont makes a ptrace request from a goroutine not locked to its thread`
}

func viaHelper() error { // want viaHelper:`starts a process: \(\*exec.Cmd\).Start`
	cmd := reexec.Command("child")
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func viaAttrsPackage() error { // want viaAttrsPackage:`starts a process: \(\*exec.Cmd\).Start`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = attrs.Attrs()
	return cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

func viaPlainHelper() error { // want viaPlainHelper:`starts a process: \(\*exec.Cmd\).Start`
	return reexec.Plain("child").Start() // ok: nothing thread-bound
}

func newCmd() *exec.Cmd { // want newCmd:`returns attributes with Pdeathsig set`
	cmd := exec.Command("sleep", "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd
}

func viaLocalHelper() error { // want viaLocalHelper:`starts a process: \(\*exec.Cmd\).Start`
	return newCmd().Start() // want `\(\*exec.Cmd\).Start starts a process with Pdeathsig from a goroutine not locked`
}

// startLocked is the wrapper pattern: every caller locks the thread.
func start(cmd *exec.Cmd) error { // want start:`starts a process: \(\*exec.Cmd\).Start` start:`sets Pdeathsig through cmd`
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd.Start() // ok: its only caller locked the thread
}

func startLocked() error { // want startLocked:`starts a process: \(\*exec.Cmd\).Start` startLocked:`may end a locked thread` startLocked:`leaves the thread locked`
	runtime.LockOSThread()
	return start(exec.Command("sleep", "60"))
}

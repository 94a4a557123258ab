package on // want package:"forks; starts processes"

// In strict mode every process start, the safe ones included, is reported
// when a goroutine was started before it or a mutex is held across it.

import (
	"os"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"forklock/lib"
)

var mu sync.Mutex

func work() {}

func afterGoroutine() error { // want afterGoroutine:`starts a process: \(\*exec.Cmd\).Run`
	go work()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process after a goroutine is started \(reported for audit in strict mode\)$`
}

// afterWaitGroupGo starts its goroutine through a starter of the standard
// library, as worker pools do.
func afterWaitGroupGo() error { // want afterWaitGroupGo:`starts a process: \(\*exec.Cmd\).Run`
	var wg sync.WaitGroup
	wg.Go(work)
	wg.Wait()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process after a goroutine is started \(reported for audit in strict mode\)$`
}

func underMutex() { // want underMutex:`starts a process: os.StartProcess`
	mu.Lock()
	defer mu.Unlock()
	os.StartProcess("/bin/true", nil, &os.ProcAttr{}) // want `^os.StartProcess starts a process while mu is locked \(reported for audit in strict mode\)$`
}

func library() { // want library:`starts a process: \(\*exec.Cmd\).Run`
	go work()
	lib.Run("true") // want `^call of lib.Run starts a process after a goroutine is started \(reported`
}

func plain() error { // want plain:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command("true").Run() // ok: nothing makes it worth an audit
}

// forkExec is the safe idiom, listed for audit after a goroutine start.
func forkExec(path *byte) { // want forkExec:`forks: syscall.RawSyscall\(SYS_VFORK\)`
	go work()
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks and execs in the child after a goroutine is started \(reported for audit in strict mode\)$`
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
		syscall.RawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
}

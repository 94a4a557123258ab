package off // want package:"starts processes"

// Without -strict, the safe process starts are not reported, whatever
// precedes them.

import (
	"os/exec"
	"sync"
	"syscall"
	"unsafe"
)

var mu sync.Mutex

func work() {}

func afterGoroutine() error { // want afterGoroutine:`starts a process`
	go work()
	mu.Lock()
	defer mu.Unlock()
	return exec.Command("true").Run() // ok: safe, and not in strict mode
}

func afterWaitGroupGo() error { // want afterWaitGroupGo:`starts a process`
	var wg sync.WaitGroup
	wg.Go(work)
	wg.Wait()
	return exec.Command("true").Run() // ok: safe, and not in strict mode
}

func forkExec(path *byte) {
	go work()
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: the child execs
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), 0, 0)
		syscall.RawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
}

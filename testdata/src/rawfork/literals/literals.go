package literals // want package:"forks; starts processes; ends threads"

// A function literal that captures nothing is a plain function in SSA, not
// a closure: each case has a twin that captures a variable, and both get the
// same answer. A deferred fork runs when its function returns.

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

var mu sync.Mutex

func work() {}

func run(f func()) { f() }

func fork() { syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) } // want fork:"forks" `forks without exec after a goroutine is started and while mu is locked`

func passedUnderLock() { // want passedUnderLock:"forks"
	mu.Lock()
	defer mu.Unlock()
	run(func() {
		syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec while mu is locked: the child`
	})
}

func passedUnderLockCaptures(n uintptr) { // want passedUnderLockCaptures:"forks"
	mu.Lock()
	defer mu.Unlock()
	run(func() {
		syscall.RawSyscall(syscall.SYS_VFORK, n, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec while mu is locked: the child`
	})
}

func onceAfterGoroutine() { // want onceAfterGoroutine:"forks"
	go work()
	sync.OnceFunc(func() {
		syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
	})()
}

func onceAfterGoroutineCaptures(n uintptr) { // want onceAfterGoroutineCaptures:"forks"
	go work()
	sync.OnceFunc(func() {
		syscall.RawSyscall(syscall.SYS_VFORK, n, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
	})()
}

func passedPlain() { // want passedPlain:"forks"
	run(func() {
		syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
	})
	go work() // after: no witness
}

func deferredThenGoroutine() { // want deferredThenGoroutine:"forks"
	defer func() {
		syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
	}()
	go work()
}

func deferredThenGoroutineCaptures(n uintptr) { // want deferredThenGoroutineCaptures:"forks"
	defer func() {
		syscall.RawSyscall(syscall.SYS_VFORK, n, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
	}()
	go work()
}

func deferredThenLock() { // want deferredThenLock:"forks" deferredThenLock:"locks mu"
	defer func() {
		syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec while mu is locked: the child`
	}()
	mu.Lock()
}

func deferredAfterUnlock() { // want deferredAfterUnlock:"forks"
	mu.Lock()
	defer syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
	defer mu.Unlock()
}

func deferredBeforeUnlock() { // want deferredBeforeUnlock:"forks"
	mu.Lock()
	defer mu.Unlock()
	defer syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec while mu is locked: the child`
}

func deferredOnReturnOnly(v bool) { // want deferredOnReturnOnly:"forks"
	if v {
		defer fork()
		return
	}
	go work() // on the other path: no witness for the deferred fork
}

func deferredNamedFork() { // want deferredNamedFork:"forks" deferredNamedFork:"locks mu"
	defer fork()
	go work()
	mu.Lock()
}

func goFork() { // want goFork:"forks"
	mu.Lock()
	go syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
	mu.Unlock()
}

// A tracer runs the functions it receives on its locked thread.
type tracer struct{ funcs chan func() }

func newTracer() *tracer { // want newTracer:`may end a locked thread`
	t := &tracer{funcs: make(chan func())}
	go t.loop()
	return t
}

func (t *tracer) loop() { // want loop:`may end a locked thread` loop:`leaves the thread locked`
	runtime.LockOSThread() // never unlocked: the thread ends with the tracer
	for fn := range t.funcs {
		fn()
	}
}

func (t *tracer) exec(fn func()) { t.funcs <- fn }

func Launch() { // want Launch:`starts a process: \(\*exec.Cmd\).Start` Launch:`may end a locked thread` Launch:`starts a goroutine that locks its thread: go statement`
	t := newTracer()
	t.exec(func() {
		cmd := exec.Command("/bin/target")
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		cmd.Start() // ok: on the tracer's locked thread
		syscall.PtraceCont(cmd.Process.Pid, 0)
	})
}

func LaunchCaptures(path string) { // want LaunchCaptures:`starts a process: \(\*exec.Cmd\).Start` LaunchCaptures:`may end a locked thread` LaunchCaptures:`starts a goroutine that locks its thread: go statement`
	t := newTracer()
	t.exec(func() {
		cmd := exec.Command(path)
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		cmd.Start() // ok: on the tracer's locked thread
		syscall.PtraceCont(cmd.Process.Pid, 0)
	})
}

func LaunchElsewhere() { // want LaunchElsewhere:`starts a process: \(\*exec.Cmd\).Start`
	run(func() {
		cmd := exec.Command("/bin/target")
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Ptrace from a goroutine not locked`
	})
}

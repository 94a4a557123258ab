package executor // want package:"starts processes; sets thread attributes; ends threads; starts goroutines; init of threadattr/executor starts a goroutine; leaves thread state"

// A debugger runs every ptrace request, and the start of the tracee, on one
// goroutine locked to its thread, by sending it functions on a channel, as
// Delve does.

import (
	"os/exec"
	"runtime"
	"syscall"
)

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

func Launch() (err error) { // want Launch:`starts a process: \(\*exec.Cmd\).Start` Launch:`may end a locked thread` Launch:`starts a goroutine that locks its thread: go statement`
	t := newTracer()
	t.exec(func() {
		cmd := exec.Command("/bin/target")
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		if err = cmd.Start(); err == nil { // ok: on the tracer's locked thread
			err = syscall.PtraceCont(cmd.Process.Pid, 0)
		}
	})
	return err
}

// A pool runs what it receives on any thread.
type pool struct{ funcs chan func() }

func (p *pool) loop() {
	for fn := range p.funcs {
		fn()
	}
}

func (p *pool) exec(fn func()) { p.funcs <- fn }

func LaunchPool(p *pool) { // want LaunchPool:`starts a process: \(\*exec.Cmd\).Start` LaunchPool:`starts a goroutine: go statement`
	go p.loop()
	p.exec(func() {
		cmd := exec.Command("/bin/target")
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Ptrace from a goroutine not locked`
	})
}

// A closure passed elsewhere runs who knows where.
func LaunchElsewhere(run func(func())) { // want LaunchElsewhere:`starts a process: \(\*exec.Cmd\).Start`
	run(func() {
		cmd := exec.Command("/bin/target")
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		cmd.Start() // want `\(\*exec.Cmd\).Start starts a process with Ptrace from a goroutine not locked`
	})
}

package std // want package:"forks"

// Goroutines started by the standard library's starters (sync.WaitGroup.Go,
// time.AfterFunc, context.AfterFunc, os/signal.Notify), by
// golang.org/x/sync/errgroup, and through sync.Once.Do, judged as go
// statements are: a start on some path before the fork is a witness; one
// after it, or on a path that returns first, is not. A goroutine waited for
// before the fork still counts, as a go statement followed by wg.Wait does:
// forkcheck does not follow what a goroutine signals.

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
)

func work() {}

func fork() {} // merely named fork

func waitGroupGo() { // want waitGroupGo:"forks"
	var wg sync.WaitGroup
	wg.Go(work)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child`
	wg.Wait()
}

func waitGroupGoWaited() { // want waitGroupGoWaited:"forks"
	var wg sync.WaitGroup
	wg.Go(work)
	wg.Wait()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func goStatementWaited() { // want goStatementWaited:"forks"
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
	wg.Wait()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func waitGroupGoAfter() { // want waitGroupGoAfter:"forks"
	var wg sync.WaitGroup
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	wg.Go(work)                                   // ok: after the fork
	wg.Wait()
}

func waitGroupGoOnReturningBranch(v bool) { // want waitGroupGoOnReturningBranch:"forks"
	var wg sync.WaitGroup
	if v {
		wg.Go(work) // ok: this path returns before the fork
		wg.Wait()
		return
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

type server struct {
	wg sync.WaitGroup
	mu sync.Mutex
}

func (s *server) fieldWaitGroup() { // want fieldWaitGroup:"forks"
	s.wg.Go(work)
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started: the child`
}

func afterFunc() { // want afterFunc:"forks"
	t := time.AfterFunc(time.Minute, work)
	defer t.Stop()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func timerOnly() { // want timerOnly:"forks"
	t := time.NewTimer(time.Minute) // ok: a timer runs no function of the program
	defer t.Stop()
	time.Sleep(time.Millisecond)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func contextAfterFunc(ctx context.Context) { // want contextAfterFunc:"forks"
	stop := context.AfterFunc(ctx, work)
	defer stop()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func contextCancel(ctx context.Context) { // want contextCancel:"forks"
	ctx, cancel := context.WithCancel(ctx) // ok: no goroutine for a context of the standard library
	defer cancel()
	_ = ctx
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func signals() { // want signals:"forks"
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func signalsIgnored() { // want signalsIgnored:"forks"
	signal.Ignore(syscall.SIGPIPE)                // ok: Ignore starts no goroutine
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func signalContext(ctx context.Context) { // want signalContext:"forks"
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	_ = ctx
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func group() error { // want group:"forks"
	var g errgroup.Group
	g.Go(func() error { work(); return nil })
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
	return g.Wait()
}

func groupTry() { // want groupTry:"forks"
	var g errgroup.Group
	if !g.TryGo(func() error { return nil }) {
		return
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

// A fork in the function that a starter runs runs in the new goroutine:
// the start is its witness, and the caller's mutexes are not held there.

func (s *server) forkInWaitGroupGo() { // want forkInWaitGroupGo:"forks"
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wg.Go(func() {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child`
	})
}

func forkInAfterFunc(flags uintptr) { // want forkInAfterFunc:"forks"
	var mu sync.Mutex
	mu.Lock()
	time.AfterFunc(time.Second, func() {
		syscall.RawSyscall(syscall.SYS_CLONE, flags|uintptr(syscall.SIGCHLD), 0, 0) // want `^syscall.RawSyscall\(SYS_CLONE\) forks without exec after a goroutine is started: the child`
	})
	mu.Unlock()
}

func forkInGroup(mu *sync.Mutex) error { // want forkInGroup:"forks"
	var g errgroup.Group
	mu.Lock()
	defer mu.Unlock()
	g.Go(func() error {
		_, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started: the child`
		if errno != 0 {
			return errno
		}
		return nil
	})
	return g.Wait()
}

// sync.Once.Do runs its function in the calling goroutine, before it
// returns: a goroutine started there is started before the fork, and a
// fork there has the caller's witnesses.

var (
	once    sync.Once
	started sync.Once
)

func startOnce() {
	started.Do(func() { go work() })
}

func onceStarts() { // want onceStarts:"forks"
	once.Do(func() {
		go work()
	})
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func onceStartsThroughHelper() { // want onceStartsThroughHelper:"forks"
	startOnce()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func startWorker() { go work() }

func onceNamedFunction() { // want onceNamedFunction:"forks"
	once.Do(startWorker)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func onceQuiet() { // want onceQuiet:"forks"
	once.Do(func() { fork() })                    // ok: nothing started
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func onceMadeNotRun() { // want onceMadeNotRun:"forks"
	f := sync.OnceFunc(func() { go work() })      // ok: made, not run
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	f()
}

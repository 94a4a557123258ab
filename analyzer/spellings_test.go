package analyzer_test

import (
	"fmt"
	"testing"
)

// spellings are function bodies that lock, unlock, fork and start
// processes in every shape a call can take: method values (the receiver
// bound in a closure), method expressions, promoted methods, interfaces,
// φ-nodes of function values, go and defer, literals that capture nothing.
var spellings = []string{
	`lock := mu.Lock; lock(); fork()`,
	`unlock := mu.Unlock; mu.Lock(); unlock(); fork()`,
	`rl, ru := rw.RLock, rw.RUnlock; rl(); fork(); ru()`,
	`l := rw.Lock; l(); u := rw.Unlock; defer u(); fork()`,
	`t := mu.TryLock; if t() { fork() }`,
	`t := rw.TryRLock; _ = t(); fork()`,
	`e.Lock(); l := e.Unlock; l(); fork()`,
	`l := e.Lock; l(); fork()`,
	`l := syscall.ForkLock.RLock; l(); exec.Command("x").Run()`,
	`l := syscall.ForkLock.Lock; defer l(); exec.Command("x").Run()`,
	`f := (*sync.Mutex).Lock; f(&mu); fork()`,
	`f := (*sync.RWMutex).RUnlock; f(&rw); fork()`,
	`var l sync.Locker = &mu; l.Lock(); fork(); l.Unlock()`,
	`l := rw.RLocker(); l.Lock(); fork(); l.Unlock()`,
	`lk := syscall.ForkLock.RLocker().Lock; lk(); fork()`,
	`var l sync.Locker = e; ll := l.Lock; ll(); fork()`,
	`l := mu.Lock; if b { l = rw.Lock }; l(); fork()`,
	`go mu.Lock(); defer mu.Unlock(); fork()`,
	`l := mu.Lock; go l(); defer l(); fork()`,
	`s := &srv{}; s.lock(); fork(); s.unlock()`,
	`s := &srv{}; l := s.lock; l(); fork()`,
	`f := (*srv).lock; f(&srv{}); fork()`,
	`run(func() { fork() })`,
	`sync.OnceFunc(func() { fork() })()`,
	`defer func() { fork() }(); go work()`,
	`defer fork(); mu.Lock()`,
	`defer syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)`,
	`go syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)`,
	`raw := syscall.RawSyscall; raw(syscall.SYS_FORK, 0, 0, 0)`,
	`raw := syscall.RawSyscall; go raw(syscall.SYS_FORK, 0, 0, 0)`,
	`raw := syscall.RawSyscall; defer raw(syscall.SYS_CLONE, 0, 0, 0)`,
	`c := exec.Command("x"); r := c.Run; syscall.ForkLock.Lock(); r()`,
	`c := exec.Command("x"); go c.Run(); defer c.Run(); defer syscall.ForkLock.Unlock(); syscall.ForkLock.Lock()`,
	`lockPtr(&syscall.ForkLock); exec.Command("x").Run()`,
	`h := holder{l: &syscall.ForkLock}; h.l.Lock(); exec.Command("x").Run()`,
	`var f func(); f(); fork()`,
	`var f func(*sync.Mutex) = (*sync.Mutex).Lock; f(&mu); fork()`,
	`m := map[string]func(){"a": mu.Lock}; m["a"](); fork()`,
	`ls := []func(){mu.Lock, rw.RLock}; for _, l := range ls { l() }; fork()`,
	`if err := freeze(); err != nil { return }; exec.Command("x").Run()`,
	`freeze(); exec.Command("x").Run()`,
}

// spellingsFile is the package each spelling is put in, as the body of f.
const spellingsFile = `package p

import (
	"os/exec"
	"sync"
	"syscall"
)

var (
	mu sync.Mutex
	rw sync.RWMutex
	e  = &struct{ sync.Mutex }{}
	b  bool
)

type srv struct{ mu sync.Mutex }

func (s *srv) lock()   { s.mu.Lock() }
func (s *srv) unlock() { s.mu.Unlock() }

type holder struct{ l *sync.RWMutex }

func lockPtr(l *sync.RWMutex) { l.Lock() }

func freeze() error {
	syscall.ForkLock.Lock()
	if b {
		return syscall.EINVAL
	}
	syscall.ForkLock.Unlock()
	return nil
}

func fork()      { syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) }
func work()      {}
func run(f func()) { f() }

var _, _ = exec.Command, syscall.ForkLock

func f() {
	%s
}
`

// TestSpellings runs the analyzer, with and without -strict, on each
// spelling: none may panic.
func TestSpellings(t *testing.T) {
	for _, strictMode := range []string{"false", "true"} {
		setFlag(t, "strict", strictMode)
		for i, body := range spellings {
			t.Run(fmt.Sprintf("strict=%s/%d", strictMode, i), func(t *testing.T) {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic on %q: %v", body, r)
					}
				}()
				if analyzeSource(t, fmt.Sprintf(spellingsFile, body)) == 0 {
					t.Errorf("%q does not type-check or reports nothing", body)
				}
			})
		}
	}
}

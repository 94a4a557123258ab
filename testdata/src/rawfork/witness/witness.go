package witness // want package:"forks"

// Witnesses both ways: a goroutine started, or a mutex held, on some path
// to the fork, and paths that carry neither.

import (
	"os"
	"sync"
	"syscall"
)

func work() {}

func goBefore() { // want goBefore:"forks"
	go work()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
}

func goOnReturningBranch(v bool) { // want goOnReturningBranch:"forks"
	if v {
		go work()
		return
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func goOnExitingBranch(v bool) { // want goOnExitingBranch:"forks"
	if v {
		go work()
		os.Exit(1)
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func goAfter() { // want goAfter:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	go work()
}

func goInLoop(n int) { // want goInLoop:"forks"
	for i := 0; i < n; i++ {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
		go work()
	}
}

func startWorkers() {
	go work()
}

func goInCallee() { // want goInCallee:"forks"
	startWorkers()
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started`
}

func forkHelper() { // want forkHelper:"forks"
	syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // want `syscall.RawSyscall\(SYS_CLONE\) forks without exec after a goroutine is started`
}

func callerStartsGoroutine() { // want callerStartsGoroutine:"forks"
	go work()
	forkHelper()
}

func quietHelper() { // want quietHelper:"forks"
	syscall.Syscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // want `^syscall.Syscall\(SYS_CLONE\) forks without exec: the child`
}

func quietCaller() { // want quietCaller:"forks"
	quietHelper()
	go work() // after the fork: no witness
}

func inGoroutine() { // want inGoroutine:"forks"
	go func() {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
	}()
}

var (
	mu sync.Mutex
	rw sync.RWMutex
)

func lockedAcross() { // want lockedAcross:"forks"
	mu.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while mu is locked: the child`
	mu.Unlock()
}

func deferredUnlock() { // want deferredUnlock:"forks"
	mu.Lock()
	defer mu.Unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while mu is locked`
}

func unlockedBefore() { // want unlockedBefore:"forks"
	mu.Lock()
	mu.Unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func lockedOnOneBranch(v bool) { // want lockedOnOneBranch:"forks" lockedOnOneBranch:"may lock rw for reading"
	if v {
		rw.RLock()
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while rw is locked`
	if v {
		rw.RUnlock()
	}
}

func readUnlockKeepsWriteLock() { // want readUnlockKeepsWriteLock:"forks" readUnlockKeepsWriteLock:"locks rw"
	rw.Lock()
	rw.RLock()
	rw.RUnlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while rw is locked`
}

func otherMutexUnlocked() { // want otherMutexUnlocked:"forks" otherMutexUnlocked:"locks mu"
	mu.Lock()
	rw.Lock()
	rw.Unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while mu is locked`
}

type server struct {
	mu    sync.Mutex
	state int
}

func (s *server) fieldMutex() { // want fieldMutex:"forks"
	s.mu.Lock()
	defer s.mu.Unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while s.mu is locked`
}

type embedded struct {
	sync.Mutex
}

func (e *embedded) embeddedMutex() { // want embeddedMutex:"forks"
	e.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while e.Mutex is locked`
	e.Unlock()
}

func localMutex() { // want localMutex:"forks"
	var local sync.Mutex
	local.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while local is locked`
	local.Unlock()
}

func forkUnderCallersLock() { // want forkUnderCallersLock:"forks"
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_VFORK\) forks without exec while mu is locked`
}

func holdsLockAcrossCall() { // want holdsLockAcrossCall:"forks"
	mu.Lock()
	defer mu.Unlock()
	forkUnderCallersLock()
}

func both() { // want both:"forks"
	go work()
	mu.Lock()
	rw.RLock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started and while mu and rw are locked: the child`
	rw.RUnlock()
	mu.Unlock()
}

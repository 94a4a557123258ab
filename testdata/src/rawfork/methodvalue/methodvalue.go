package methodvalue // want package:"forks"

// Mutexes locked and unlocked through method values (lock := mu.Lock), method
// expressions and promoted methods: the receiver is bound in a closure, not
// an argument. A method value locks as the call does.

import (
	"sync"
	"syscall"
)

var (
	mu sync.Mutex
	rw sync.RWMutex
)

func lockValue() { // want lockValue:"forks" lockValue:"locks mu"
	lock := mu.Lock
	lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while mu is locked: the child`
}

func unlockValue() { // want unlockValue:"forks"
	unlock := mu.Unlock
	mu.Lock()
	unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func readLockValue() { // want readLockValue:"forks"
	rlock, runlock := rw.RLock, rw.RUnlock
	rlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while rw is locked`
	runlock()
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
}

func methodExpression() { // want methodExpression:"forks" methodExpression:"locks mu"
	lock := (*sync.Mutex).Lock
	lock(&mu)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while mu is locked`
}

type embedded struct {
	sync.Mutex
	n int
}

func (e *embedded) promotedValue() { // want promotedValue:"forks"
	lock, unlock := e.Lock, e.Unlock
	lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while e.Mutex is locked`
	unlock()
}

func forkLockValue() { // want forkLockValue:"forks"
	rlock := syscall.ForkLock.RLock
	rlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while syscall.ForkLock is locked`
	syscall.ForkLock.RUnlock()
}

func eitherMutex(v bool) { // want eitherMutex:"forks"
	lock := mu.Lock
	if v {
		lock = rw.Lock
	}
	lock()                                        // which mutex is not clear: no witness
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func lockerInterface() { // want lockerInterface:"forks" lockerInterface:"locks mu"
	var l sync.Locker = &mu
	l.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while mu is locked`
}

func deferredValue() { // want deferredValue:"forks"
	mu.Lock()
	unlock := mu.Unlock
	defer unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while mu is locked`
}

func goValue() { // want goValue:"forks"
	go mu.Lock()
	lock := mu.Lock
	go lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child`
}

func rawValue() { // want rawValue:"forks"
	raw := syscall.RawSyscall
	raw(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

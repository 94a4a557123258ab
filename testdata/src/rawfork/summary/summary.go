package summary // want package:"forks"

// What a called function leaves locked or unlocked, named as the caller
// names the mutex: the callee's s.mu on its receiver is x.mu where the
// caller calls x.lock().

import (
	"sync"
	"syscall"
)

type server struct {
	mu    sync.Mutex
	inner *server
}

func (s *server) lock() { s.mu.Lock() } // want lock:"locks s.mu"

func (s *server) unlock() { s.mu.Unlock() } // want unlock:"unlocks s.mu"

func (s *server) lockedFork() { // want lockedFork:"forks"
	s.lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while s.mu is locked: the child`
	s.unlock()
}

func (s *server) unlockedFork() { // want unlockedFork:"forks"
	s.mu.Lock()
	s.unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func (s *server) helperThenDirectUnlock() { // want helperThenDirectUnlock:"forks"
	s.lock()
	s.mu.Unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func otherServer(x *server) { // want otherServer:"forks" otherServer:"locks x.mu"
	x.lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while x.mu is locked`
}

func nested(x *server) { // want nested:"forks" nested:"locks x.inner.mu"
	x.inner.lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while x.inner.mu is locked`
}

func throughTwo(x *server) { // want throughTwo:"forks" throughTwo:"locks x.mu"
	otherServer(x)                                 // the fork there is reported there; here x.mu stays locked
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec while x.mu is locked`
}

func lockMutex(m *sync.Mutex) { m.Lock() } // want lockMutex:"locks m"

func byPointer(x *server) { // want byPointer:"forks" byPointer:"locks x.mu"
	lockMutex(&x.mu)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while x.mu is locked`
}

func lockOnError(s *server, fail bool) error { // want lockOnError:"locks s.mu when result 0 is not zero"
	s.mu.Lock()
	if fail {
		return syscall.EINVAL // s.mu still held
	}
	s.mu.Unlock()
	return nil
}

func checked(s *server) error { // want checked:"forks" checked:"locks s.mu when result 0 is not zero"
	if err := lockOnError(s, true); err != nil {
		return err
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	return nil
}

func unchecked(s *server) { // want unchecked:"forks" unchecked:"locks s.mu"
	lockOnError(s, true)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while s.mu is locked`
}

func lockIf(s *server, v bool) { // want lockIf:"may lock s.mu"
	if v {
		s.mu.Lock()
	}
}

// lockIf holds s.mu on some paths to its only return: a Maybe effect, that
// is never a witness.
func unclearSummary(s *server) { // want unclearSummary:"forks" unclearSummary:"may lock s.mu"
	lockIf(s, true)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func pick(a, b *server, v bool) { // want pick:"forks"
	x := a
	if v {
		x = b
	}
	x.lock()                                      // a φ-node in SSA: named as the source names the argument
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while x.mu is locked`
}

var global sync.Mutex

func lockGlobal() { global.Lock() } // want lockGlobal:"locks global"

func globalFork() { // want globalFork:"forks" globalFork:"locks global"
	lockGlobal()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while global is locked`
}

func local() { // want local:"forks"
	var m sync.Mutex
	lockMutex(&m)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while m is locked`
}

func fromCall() { // want fromCall:"forks"
	newServer().lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec while a mutex is locked`
}

func newServer() *server { return new(server) }

func boundValue(x *server) { // want boundValue:"forks" boundValue:"locks x.mu"
	lock := x.lock
	lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while x.mu is locked`
}

func tryLock(s *server) { // want tryLock:"forks"
	if s.mu.TryLock() {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while s.mu is locked`
		s.mu.Unlock()
		return
	}
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
}

func tryLockNot(rw *sync.RWMutex) { // want tryLockNot:"forks"
	if !rw.TryRLock() {
		syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
		return
	}
	defer rw.RUnlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while rw is locked`
}

func rlocker(rw *sync.RWMutex) { // want rlocker:"forks"
	l := rw.RLocker()
	l.Lock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec while rw is locked`
	l.Unlock()
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_VFORK\) forks without exec: the child`
}

func deferredRelock(s *server) { // want deferredRelock:"unlocks s.mu; locks s.mu"
	s.mu.Unlock()
	defer s.mu.Lock()
}

package thawlib // want package:"forks; starts processes; leaves mutexes locked or unlocked"

// Functions that release syscall.ForkLock, or a mutex their caller holds,
// before or after they start a process or fork: their lockFact says which.

import (
	"os/exec"
	"sync"
	"syscall"
)

// ThawAndRun releases ForkLock, then starts a process.
func ThawAndRun() error { // want ThawAndRun:"unlocks syscall.ForkLock before it creates a process" ThawAndRun:`starts a process: \(\*exec.Cmd\).Run`
	syscall.ForkLock.Unlock()
	return exec.Command("true").Run()
}

// RunAndThaw starts a process, then releases ForkLock.
func RunAndThaw() error { // want RunAndThaw:`starts a process: \(\*exec.Cmd\).Run` RunAndThaw:"unlocks syscall.ForkLock"
	err := exec.Command("true").Run()
	syscall.ForkLock.Unlock()
	return err
}

// MaybeThawAndRun releases ForkLock on some paths only.
func MaybeThawAndRun(v bool) error { // want MaybeThawAndRun:`starts a process: \(\*exec.Cmd\).Run` MaybeThawAndRun:"unlocks syscall.ForkLock before it creates a process"
	if v {
		syscall.ForkLock.Unlock()
	}
	return exec.Command("true").Run()
}

// Thaw only releases it.
func Thaw() { syscall.ForkLock.Unlock() } // want Thaw:"unlocks syscall.ForkLock"

// ThawThenRun releases it through Thaw, then starts a process through run.
func ThawThenRun() error { // want ThawThenRun:`starts a process: \(\*exec.Cmd\).Run` ThawThenRun:"unlocks syscall.ForkLock before it creates a process"
	Thaw()
	return run()
}

func run() error { return exec.Command("true").Run() } // want run:`starts a process: \(\*exec.Cmd\).Run`

// ReleaseAndRun releases l, then starts a process.
func ReleaseAndRun(l *sync.RWMutex) error { // want ReleaseAndRun:"unlocks l for reading before it creates a process" ReleaseAndRun:`starts a process: \(\*exec.Cmd\).Run`
	l.RUnlock()
	return exec.Command("true").Run()
}

// Server forks with its mutex released, or not.
type Server struct{ mu sync.Mutex }

// Lock locks s.mu.
func (s *Server) Lock() { s.mu.Lock() } // want Lock:"locks s.mu"

// UnlockAndFork releases s.mu, then forks.
func (s *Server) UnlockAndFork() { // want UnlockAndFork:"unlocks s.mu before it creates a process" UnlockAndFork:"forks"
	s.mu.Unlock()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

// ForkAndUnlock forks, then releases s.mu.
func (s *Server) ForkAndUnlock() { // want ForkAndUnlock:"forks" ForkAndUnlock:"unlocks s.mu"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	s.mu.Unlock()
}

// Locker returns s.mu's Lock as a function value.
func (s *Server) Locker() func() { return s.mu.Lock }

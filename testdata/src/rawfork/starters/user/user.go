package user // want package:"forks; starts goroutines"

// Forks after calls of functions of another package that start goroutines
// (facts), and after calls that do not.

import (
	"syscall"

	"rawfork/starters/lib"
)

func AfterWorkers() { // want AfterWorkers:"forks" AfterWorkers:`starts a goroutine: lib.StartWorkers`
	lib.StartWorkers(4)
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child`
}

func AfterPoolStart(p *lib.Pool) { // want AfterPoolStart:"forks" AfterPoolStart:`starts a goroutine: \(\*lib.Pool\).Start`
	p.Start()
	p.Wait()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func AfterReaper() { // want AfterReaper:"forks" AfterReaper:`starts a goroutine: lib.StartReaper`
	t := lib.StartReaper()
	defer t.Stop()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func AfterSignals() { // want AfterSignals:"forks" AfterSignals:`starts a goroutine: lib.HandleSignals`
	lib.HandleSignals()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func AfterHelper() { // want AfterHelper:"forks" AfterHelper:`starts a goroutine: lib.ThroughHelper`
	lib.ThroughHelper()
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

func AfterCompute() int { // want AfterCompute:"forks"
	n := lib.Compute()                            // ok: starts nothing
	lib.Deferred()                                // ok: a timer
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	return n
}

func BeforeWorkers() { // want BeforeWorkers:"forks" BeforeWorkers:`starts a goroutine: lib.StartWorkers`
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	lib.StartWorkers(1)                           // ok: after the fork
}

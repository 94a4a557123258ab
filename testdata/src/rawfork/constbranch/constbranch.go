package constbranch // want package:"forks"

// A branch that the target platform never takes (the tests run on
// linux/amd64) holds no finding and no witness: the SSA form keeps both
// branches of runtime.GOARCH == "s390x", forkcheck prunes the dead one.

import (
	"runtime"
	"sync"
	"syscall"
)

var mu sync.Mutex

func work() {}

// CreateUserns clones with the argument order of the platform, as
// containers/storage does: only the amd64 clone is reported.
func CreateUserns() { // want CreateUserns:"forks"
	if runtime.GOARCH == "s390x" {
		syscall.Syscall6(syscall.SYS_CLONE, 0, syscall.CLONE_NEWUSER|uintptr(syscall.SIGCHLD), 0, 0, 0, 0)
	} else {
		syscall.Syscall6(syscall.SYS_CLONE, syscall.CLONE_NEWUSER|uintptr(syscall.SIGCHLD), 0, 0, 0, 0, 0) // want `^syscall.Syscall6\(SYS_CLONE\) forks without exec: the child`
	}
}

// deadOnly forks only on darwin: nothing to report, no fact.
func deadOnly() {
	if runtime.GOOS == "darwin" {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	}
}

// A goroutine or a lock in a dead branch witnesses nothing.
func deadWitnesses() { // want deadWitnesses:"forks"
	if runtime.GOOS == "windows" {
		go work()
		mu.Lock()
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

// The live branch still witnesses.
func liveWitness() { // want liveWitness:"forks"
	if runtime.GOOS == "linux" {
		go work()
	}
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started: the child`
}

// Calling a function whose fork is dead carries no fact.
func callsDeadOnly() {
	deadOnly()
}

// A descriptor created in a dead branch leaks nowhere.
func pipes(p []int) {
	if runtime.GOOS == "plan9" {
		syscall.Pipe(p)
	} else if false {
		syscall.Pipe(p)
	} else {
		syscall.Pipe(p) // want `^syscall.Pipe creates descriptors without close-on-exec`
	}
}

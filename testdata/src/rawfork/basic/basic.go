package basic

import (
	"sync"
	"syscall"
)

var mu sync.Mutex

func direct() {
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec: the child can deadlock on a lock held by another thread`
}

func afterGo() {
	go func() {}()
	syscall.Syscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.Syscall\(SYS_FORK\) forks without exec after a goroutine is started:`
}

func locked() {
	mu.Lock()
	defer mu.Unlock()
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `while mu is locked`
}

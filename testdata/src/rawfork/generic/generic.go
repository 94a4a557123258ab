package generic // want package:"forks"

// Generic functions and methods, instantiated in the package.

import "syscall"

func ForkEach[T any](items []T) { // want ForkEach:`forks: syscall.RawSyscall\(SYS_FORK\)`
	for range items {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec after a goroutine is started`
	}
}

type Pool[T any] struct{ items []T }

func (p *Pool[T]) Spawn() { // want Spawn:`forks: syscall.RawSyscall\(SYS_VFORK\)`
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started`
}

func use() { // want use:`forks: syscall.RawSyscall\(SYS_FORK\)`
	go func() {}()
	ForkEach([]int{1})
	var p Pool[string]
	p.Spawn()
}

package main

// Function literals that are only made during initialization, or before
// the fork, start no goroutine there: a sync.Pool's New, a handler.

import (
	"sync"
	"syscall"
)

func work() {}

var pool = sync.Pool{New: func() any {
	go work() // runs only when the pool is empty, not at init
	return nil
}}

func register(handler func()) {}

func main() { // want main:"forks"
	register(func() { go work() })                // made, not run here
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
	func() { go work() }()                        // called on the spot, after the fork
}

func invoked() { // want invoked:"forks"
	func() { go work() }()                         // called on the spot, before the fork
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

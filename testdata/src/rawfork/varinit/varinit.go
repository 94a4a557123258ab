package main

// A package-level variable whose initializer starts a goroutine.

import "syscall"

type pool struct{}

func (*pool) loop() {}

func newPool() *pool {
	p := new(pool)
	go p.loop()
	return p
}

var workers = newPool()

func main() { // want main:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec after a goroutine is started`
}

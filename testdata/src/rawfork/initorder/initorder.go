package main

// The package's own initialization: a goroutine started by an init
// function, or a variable's initializer, is a witness for what runs after
// it, not before.

import "syscall"

func work() {}

func first() { // want first:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child`
}

func init() {
	first() // before any goroutine is started
}

func init() {
	go work()
}

func init() {
	syscall.RawSyscall(syscall.SYS_VFORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_VFORK\) forks without exec after a goroutine is started`
}

func main() { // want main:"forks"
	syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // want `syscall.RawSyscall\(SYS_CLONE\) forks without exec after a goroutine is started`
}

//go:build linux

// Command daemon detaches from its terminal the way C programs do: it forks
// and lets the parent exit. In Go the child inherits a copy of every lock
// of a multithreaded runtime, and here also a logger goroutine that does
// not exist in it.
package main

import (
	"log"
	"os"
	"syscall"
	"time"
)

func main() {
	go flushLogs()
	daemonize()
	serve()
}

func daemonize() {
	pid, _, errno := syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0)
	if errno != 0 {
		log.Fatal(errno)
	}
	if pid != 0 {
		os.Exit(0) // the parent
	}
	syscall.Setsid()
}

func flushLogs() {
	for range time.Tick(time.Second) {
		log.Writer()
	}
}

func serve() { select {} }

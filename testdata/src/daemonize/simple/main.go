package main

// The daemonize idiom at the start of main: the fix re-executes the
// program instead. The child writes its process id to the file named by
// its argument and waits, so that a test can see it alive after the parent
// exited.

import (
	"log"
	"os"
	"strconv"
	"syscall"
	"time"
)

func main() { // want main:"forks"
	pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if errno != 0 {
		log.Fatal("fork: ", errno)
	}
	if pid != 0 {
		os.Exit(0)
	}
	syscall.Setsid()
	serve()
}

func serve() {
	if len(os.Args) > 1 {
		os.WriteFile(os.Args[1], []byte(strconv.Itoa(os.Getpid())), 0o666)
	}
	time.Sleep(time.Minute)
}

package main

// The idiom in the function main calls first, through golang.org/x/sys/unix,
// with clone as the fork and no error check.

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

func main() { // want main:"forks"
	daemonize()
	fmt.Println("child")
}

func daemonize() { // want daemonize:"forks"
	pid, _, _ := unix.RawSyscall(unix.SYS_CLONE, unix.SIGCHLD, 0, 0) // want `unix.RawSyscall\(SYS_CLONE\) forks without exec`
	if pid > 0 {
		os.Exit(0)
	}
	unix.Getpid()
}

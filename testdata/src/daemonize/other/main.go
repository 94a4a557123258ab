package main

// Shapes the fix does not rewrite: the message alone gives the advice.

import (
	"fmt"
	"os"
	"syscall"
)

func main() { // want main:"forks"
	fmt.Println("starting") // not at the start of main: no fix
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid != 0 {
		os.Exit(0)
	}
	later()
}

func later() { // want later:"forks"
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid != 0 {
		os.Exit(0)
	}
	fmt.Println(pid) // the pid is used after: no fix
}

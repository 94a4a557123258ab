package main

// The fork is the only use of syscall, and the child keeps its session:
// the fix removes syscall's import, which the helper does not need.

import (
	"fmt"
	"os"
	"syscall"
)

func main() { // want main:"forks"
	pid, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if pid != 0 {
		os.Exit(0)
	}
	fmt.Println("child")
}

package main

// The fork through syscall with the trap number of golang.org/x/sys/unix,
// and unix.Setsid: unix serves only the idiom, so the fix removes its
// import; syscall stays for the helper's SysProcAttr.

import (
	"log"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

func main() { // want main:"forks"
	pid, _, errno := syscall.RawSyscall(unix.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	if errno != 0 {
		log.Fatal(errno)
	}
	if pid != 0 {
		os.Exit(0)
	}
	unix.Setsid()
	log.Print("child")
}

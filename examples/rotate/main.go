//go:build linux

// Command rotate opens its log with a raw system call, then starts a
// process to compress the previous log: the child inherits the log's
// descriptor, since it was opened without close-on-exec, and holds the
// file open for as long as it runs. forkcheck's fix adds the flag.
package main

import (
	"log"
	"os/exec"
	"syscall"
)

func main() {
	fd, err := syscall.Open("app.log", syscall.O_WRONLY|syscall.O_CREAT|syscall.O_APPEND, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	defer syscall.Close(fd)
	if err := exec.Command("gzip", "app.log.1").Run(); err != nil {
		log.Fatal(err)
	}
	syscall.Write(fd, []byte("rotated\n"))
}

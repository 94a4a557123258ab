//go:build unix || windows

// Command spawn starts processes the safe ways: forkcheck has nothing to
// say about it. It builds for windows too (detached_windows.go), where
// forkcheck reports nothing.
package main

import (
	"log"
	"os"
	"os/exec"
)

func main() {
	go func() {}() // goroutines are fine: os/exec forks and execs at once
	if err := exec.Command("true").Run(); err != nil {
		log.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	// Re-execute this program instead of forking it.
	cmd := exec.Command(exe, "child")
	cmd.SysProcAttr = detached()
	if len(os.Args) < 2 {
		if err := cmd.Start(); err != nil {
			log.Fatal(err)
		}
	}
}

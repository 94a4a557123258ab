// Command a detaches through package b: forkcheck finds the fork in c
// through the facts of b and c.
package main

import (
	"syscall"

	"example.com/e2e/b"
)

func main() {
	if b.Detach() != 0 { // reported: call of b.Detach
		syscall.Exit(0)
	}
}

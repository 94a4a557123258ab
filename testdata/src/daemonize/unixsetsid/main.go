package main

// The idiom through golang.org/x/sys/unix alone, with one import a
// declaration: the fix removes unix's declaration (its doc comment and line
// comment with it) and imports what the helper needs.

import "os"

// unix makes the system calls.
import "golang.org/x/sys/unix" // fork and setsid

func main() { // want main:"forks"
	pid, _, _ := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0) // want `unix.RawSyscall\(SYS_FORK\) forks without exec`
	if pid > 0 {
		os.Exit(0)
	}
	unix.Setsid()
	serve()
}

func serve() {}

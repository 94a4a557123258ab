// Command initunlock locks in init only on one path: main is not taken to
// run locked.
package main

import (
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

func init() {
	if len(os.Args) > 1 {
		runtime.LockOSThread()
	}
}

func main() {
	unix.Unshare(unix.CLONE_NEWNS) // want `unix.Unshare switches the mount namespace of one thread from a goroutine not locked to it`
	work()
}

func work() {}

// Command initlockhelper locks its main thread in init through a helper,
// in the second of two init functions: main runs locked.
package main

import (
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

func init() {}

func init() {
	pin()
}

func pin() { runtime.LockOSThread() } // want pin:`may end a locked thread` pin:`leaves the thread locked`

func main() {
	if err := unix.Unshare(unix.CLONE_NEWNS); err != nil { // ok: main runs locked
		os.Exit(1)
	}
}

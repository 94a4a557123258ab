// Command procmain locks its main thread in init, as the main plugins of
// github.com/containernetworking/plugins do, and switches it: there
// /proc/self names the thread it runs on.
package main

import (
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

func init() {
	runtime.LockOSThread()
}

// readMounts reads the mount table: only main calls it.
func readMounts() {
	os.ReadFile("/proc/self/mountinfo") // ok: on the main thread, which /proc/self describes
}

// elsewhere runs in a goroutine too.
func elsewhere(fd int) {
	os.ReadFile("/proc/self/mountinfo") // want `/proc/self/mountinfo names the mount namespace of the main thread`
}

func main() { // want main:`may end a locked thread`
	if err := unix.Unshare(unix.CLONE_NEWNS); err != nil {
		os.Exit(1)
	}
	os.ReadFile("/proc/self/mountinfo") // ok: on the main thread, which /proc/self describes
	readMounts()
	elsewhere(0)
	go func() { // ok: it locks its own thread
		runtime.LockOSThread()
		if err := unix.Setns(3, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.ReadFile("/proc/net/dev") // want `/proc/net/dev names the network namespace of the main thread`
	}()
	go elsewhere(0) // want `goroutine started while the thread may be switched to another mount namespace`
}

// Command initlock locks its main thread in init, as the main plugins of
// github.com/containernetworking/plugins do: main runs on that thread for
// good, and may switch it.
package main

import (
	"os"
	"os/exec"
	"runtime"

	"golang.org/x/sys/unix"
)

func init() {
	runtime.LockOSThread()
}

func main() { // want main:`starts a process: \(\*exec.Cmd\).Run`
	if err := unix.Unshare(unix.CLONE_NEWNS); err != nil { // ok: main runs locked
		os.Exit(1)
	}
	mountTmp()
	go func() { // want `goroutine started while the thread may be switched to another mount namespace`
		unix.Unshare(unix.CLONE_NEWNS) // want `unix.Unshare switches the mount namespace of one thread from a goroutine not locked to it`
		work()
	}()
}

// mountTmp is called by main only: locked too.
func mountTmp() { // want mountTmp:`switches the thread's mount namespace` mountTmp:`starts a process: \(\*exec.Cmd\).Run`
	if err := unix.Setns(3, unix.CLONE_NEWNS); err != nil { // ok: main's thread
		os.Exit(1)
	}
	exec.Command("mount", "-t", "tmpfs", "x", "/mnt").Run()
}

func work() {}

package entries // want package:"starts processes"

// Re-exec entry points run alone in a helper process: only the processes
// they start themselves inherit what they create.

import (
	"os"
	"os/exec"
	"syscall"

	"cloexec/reexec"
)

func init() {
	reexec.Register("mount", mountMain)
	reexec.Register("starts", startsMain)
	reexec.Register("literal", func() {
		syscall.Dup(0) // ok: an entry point that starts nothing
		os.Exit(0)
	})
}

func mountMain() {
	fd, _ := syscall.Dup(0) // ok: the helper process starts nothing
	syscall.Close(fd)
	os.Exit(0)
}

func startsMain() { // want startsMain:`starts a process: \(\*exec.Cmd\).Run`
	syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	exec.Command("true").Run()
}

// notAnEntry runs in the program itself.
func notAnEntry() {
	fd, _ := syscall.Dup(0) // want `syscall.Dup creates a descriptor without close-on-exec`
	syscall.Close(fd)
}

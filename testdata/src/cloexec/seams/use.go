package seams // want package:"starts processes"

import "os/exec"

// Run opens, makes a pipe and a socket through the variables, then starts
// a process, which inherits every one of them.
func Run(path string) error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Run`
	fd, err := unixOpen(path, 0, 0) // want `^unix.Open creates a descriptor without O_CLOEXEC`
	if err != nil {
		return err
	}
	_ = fd
	var p [2]int
	if err := pipe2(p[:], 0); err != nil { // want `^unix.Pipe2 creates descriptors without O_CLOEXEC`
		return err
	}
	if _, err := socket(1, 1, 0); err != nil { // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
		return err
	}
	return exec.Command("true").Run()
}

// RunSafely asks for close-on-exec by the flags' values: O_CLOEXEC and
// SOCK_CLOEXEC are 0x80000 on linux.
func RunSafely(path string) error { // want RunSafely:`starts a process: \(\*exec\.Cmd\)\.Run`
	if _, err := unixOpen(path, 0x80000, 0); err != nil { // ok
		return err
	}
	var p [2]int
	if err := pipe2(p[:], 0x80000); err != nil { // ok
		return err
	}
	if _, err := socket(1, 1|0x80000, 0); err != nil { // ok
		return err
	}
	return exec.Command("true").Run()
}

// A struct whose field holds a creator.
type fileOps struct {
	open func(path string, mode int, perm uint32) (int, error)
}

var ops = fileOps{open: unixOpen}

// RunOps opens through the field, then starts a process.
func RunOps(path string) error { // want RunOps:`starts a process: \(\*exec\.Cmd\)\.Run`
	if _, err := ops.open(path, 0, 0); err != nil { // want `^unix.Open creates a descriptor without O_CLOEXEC`
		return err
	}
	return exec.Command("true").Run()
}

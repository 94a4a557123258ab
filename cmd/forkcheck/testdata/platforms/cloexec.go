//go:build !plan9

package platforms

// plan9's syscall.Open takes no permission bits.

import (
	"os/exec"
	"syscall"
)

// OpenThenStart starts a process while a descriptor opened without
// close-on-exec is open: the child inherits it on unix; a windows child
// inherits only the handles its start lists; js and wasip1 start no
// process.
func OpenThenStart(path string) error {
	fd, err := syscall.Open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	return exec.Command("true").Run()
}

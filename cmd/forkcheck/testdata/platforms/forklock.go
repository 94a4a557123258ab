//go:build !wasip1

package platforms

// wasip1's syscall package has no ForkLock.

import (
	"os/exec"
	"syscall"
)

// StartLocked starts a process while it holds syscall.ForkLock: a
// deadlock where starting a process takes ForkLock (unix), nothing
// elsewhere.
func StartLocked() error {
	syscall.ForkLock.Lock()
	defer syscall.ForkLock.Unlock()
	return exec.Command("true").Run()
}

package b // want package:"ends threads; leaves thread state"

import (
	"os/exec"

	"threadattr/exitchain/c"
)

func Lock() { // want Lock:`may end a locked thread` Lock:`leaves the thread locked`
	c.Lock()
}

func Prepare(cmd *exec.Cmd) { // want Prepare:`sets Pdeathsig through cmd`
	c.SetDeathsig(cmd)
}

func Pinned(f func()) {
	defer c.Pin()()
	f()
}

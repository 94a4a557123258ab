package b // want package:"sets thread attributes; ends threads; leaves thread state"

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

func Child(name string) *exec.Cmd { // want Child:`returns attributes with Pdeathsig set`
	return c.Command(name) // ok: not started here
}

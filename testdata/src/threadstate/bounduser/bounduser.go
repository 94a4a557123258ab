package bounduser // want package:"ends threads"

import (
	"runtime"

	"threadstate/boundlib"
)

func apply(c *boundlib.Caps) error {
	if err := boundlib.SetKeepCaps(); err != nil { // want `^call of boundlib.SetKeepCaps changes the keep-capabilities flag of the calling thread only, from a goroutine not locked to it`
		return err
	}
	boundlib.Lower()   // want `^call of boundlib.Lower changes the keep-capabilities flag`
	boundlib.DropAll() // want `^call of boundlib.DropAll changes the capability bounding set`
	boundlib.Reset()   // ok: reported in boundlib
	boundlib.Probe()   // ok
	return c.Apply()   // want `^call of \(\*boundlib.Caps\).Apply changes the capabilities of the calling thread only`
}

func applyLocked(c *boundlib.Caps, done chan error) { // want applyLocked:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		done <- c.Apply() // ok: locked for good
	}()
}

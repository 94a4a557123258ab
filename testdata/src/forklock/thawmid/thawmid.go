package thawmid // want package:"starts processes; leaves mutexes locked or unlocked"

// Wrappers of thawlib: whether a release comes before the start travels
// with the fact through this package.

import "forklock/thawlib"

// Wrap releases ForkLock first, through thawlib.ThawAndRun.
func Wrap() error { return thawlib.ThawAndRun() } // want Wrap:`starts a process: \(\*exec.Cmd\).Run` Wrap:"unlocks syscall.ForkLock before it creates a process"

// WrapLate starts first, through thawlib.RunAndThaw.
func WrapLate() error { return thawlib.RunAndThaw() } // want WrapLate:"unlocks syscall.ForkLock" WrapLate:`starts a process: \(\*exec.Cmd\).Run`

package freezemid // want package:"leaves mutexes locked or unlocked"

import "forklock/freezelib"

// Hold freezes through a function of another package.
func Hold() { freezelib.Freeze() } // want Hold:"locks syscall.ForkLock"

// Release thaws through it.
func Release() { freezelib.Thaw() } // want Release:"unlocks syscall.ForkLock"

// Balanced locks and unlocks: it leaves nothing.
func Balanced() {
	freezelib.Freeze()
	freezelib.Thaw()
}

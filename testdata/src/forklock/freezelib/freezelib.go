package freezelib // want package:"leaves mutexes locked or unlocked"

import "syscall"

// Freeze holds syscall.ForkLock for its caller.
func Freeze() { syscall.ForkLock.Lock() } // want Freeze:"locks syscall.ForkLock"

// Thaw releases it.
func Thaw() { syscall.ForkLock.Unlock() } // want Thaw:"unlocks syscall.ForkLock"

package user // want package:"forks"

// The importer of suppress/lib: what lib suppressed is silent here; what
// it did not is reported at the call. A suppression at a call of lib
// stops the fork at that call for this package's importers too.

import "suppress/lib"

func spawn() {
	lib.Spawn()      // ok: suppressed in lib
	lib.SpawnTwice() // ok: calls only audited code
	lib.Hooks()      // ok: the go:linkname's finding is suppressed in lib
}

func detach() { // want detach:`^forks: lib.Detach -> syscall.RawSyscall\(SYS_FORK\)$`
	lib.Detach() // want `^call of lib.Detach forks without exec`
}

func both() { // want both:`forks: lib.Both`
	lib.Both() // want `^call of lib.Both forks without exec`
}

func after() { // want after:`forks: lib.After`
	lib.After() // want `^call of lib.After forks without exec`
}

// Audited accepts lib's fork at this call: its importers see none.
func Audited() { // ok: no fact, the call's finding is suppressed
	//forkcheck:ignore rawfork the process detaches before it starts any thread
	lib.Detach() // ok: suppressed
}

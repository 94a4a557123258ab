package bare // want package:"forks"

// A package that imports no system call package and passes a literal
// number to another package's wrapper.

import (
	"rawfork/wrapchain/indirect"
	"rawfork/wrapchain/mid"
)

func detach() { // want detach:`forks: mid.Sys\(SYS_FORK\)`
	mid.Sys(57, 0) // want `mid.Sys\(SYS_FORK\) forks without exec`
}

func pid() uintptr {
	return mid.Sys(39, 0) // ok: getpid creates no process
}

func vfork() { // want vfork:`forks: indirect.Call\(SYS_VFORK\)`
	indirect.Call(58) // want `indirect.Call\(SYS_VFORK\) forks without exec`
}

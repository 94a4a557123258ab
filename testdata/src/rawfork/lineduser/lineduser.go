package lineduser // want package:"forks"

// The importer of a generated primitive: the related information names
// the line that //line maps it to.

import "rawfork/linedlib"

func Run() { // want Run:`^forks: linedlib.Fork -> syscall.RawSyscall\(SYS_FORK\)$`
	linedlib.Fork() // want `call of linedlib.Fork forks without exec`
}

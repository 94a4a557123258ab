package linedlib // want package:"forks"

// A generated file whose //line directive names a line but no column
// (//line gen.y:100): the fact's position has column 0, and an importer's
// related information must still point there.

import "syscall"

//line gen.y:100
func Fork() uintptr { // want Fork:`^forks: syscall.RawSyscall\(SYS_FORK\)$`
	r, _, _ := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
	return r
}

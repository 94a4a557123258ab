package fork

// cgo calls of the C library's forks.

/*
#include <stdlib.h>
#include <unistd.h>
*/
import "C"

import _ "unsafe"

// A cgo fork must not hide a go:linkname of the same package.
//
// want +2 `go:linkname to syscall.runtime_AfterFork reaches`
//
//go:linkname afterFork syscall.runtime_AfterFork
func afterFork() // want afterFork:`forks: go:linkname to syscall.runtime_AfterFork`

func Fork() int { // want Fork:`^forks: C.fork$`
	return int(C.fork()) // want `^C.fork forks without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
}

func ForkErrno() (int, error) { // want ForkErrno:`^forks: C.vfork$`
	pid, err := C.vfork() // want `^C.vfork forks without exec`
	return int(pid), err
}

func Daemon() { // want Daemon:`^forks: C.daemon$`
	C.daemon(0, 0) // want `^C.daemon forks without exec`
}

func Pid() int {
	return int(C.getpid()) // ok: no fork
}

// Audited forks under a suppression, which the cgo-processed file (read
// where it is written, not where its //line directives point) keeps next
// to the call: no finding, and no fact for callers.
func Audited() int {
	//forkcheck:ignore rawfork the child calls execve at once, in C
	return int(C.fork()) // ok: suppressed
}

func AuditedSameLine() {
	C.daemon(0, 0) //forkcheck:ignore rawfork the program is meant to detach before it starts a thread
}

package suppress

// The //line directives of generated code (a template, a preprocessor)
// neither move a finding away from its suppression nor bring one to it:
// directives and findings are compared where they are written. Each case
// changes the positions of the rest of the file: they come last.

import "syscall"

// lineBetween has a generator's //line between the directive and the
// call: the directive still covers the call below it.
func lineBetween() { // ok: no fact, the fork is suppressed
	//forkcheck:ignore rawfork the template's child execs at once
//line suppress_line.go.tmpl:120
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: suppressed
}

// lineBlock has a /*line*/ there, which gofmt puts on its own line.
func lineBlock() { // ok: no fact, the fork is suppressed
	//forkcheck:ignore rawfork the template's child execs at once
	/*line suppress_line.go.tmpl:300:1*/
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: suppressed
}

// lineCannotReach has a call three lines below a directive, which a
// /*line*/ maps to the line below it: the directive does not cover it. (The
// //line before it puts the lines back where they are.)
//
//line suppress_line.go:30
func lineCannotReach() { // want lineCannotReach:"forks"
	// want +1 `^forkcheck:ignore rawfork suppresses nothing on this line or the next$`
	//forkcheck:ignore rawfork too far from the call
	// want `^syscall.RawSyscall\(SYS_FORK\) forks without exec`
	/*line suppress_line.go:32:2*/
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
}

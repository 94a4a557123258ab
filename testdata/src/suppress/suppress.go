package suppress // want package:"forks"

// Suppression directives: on the line of a finding or the line above,
// naming its category and giving a reason. A directive without a reason,
// with an unknown category, or that suppresses nothing is itself reported.

import "syscall"

func above() { // ok: no fact, the fork is suppressed
	//forkcheck:ignore rawfork the child only calls execve, through assembly
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: suppressed
}

func sameLine() { // ok: no fact, the fork is suppressed
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) //forkcheck:ignore rawfork audited by the security team
}

func several() { // ok: no fact, the fork is suppressed
	var p [2]int
	//forkcheck:ignore rawfork,cloexec both audited
	syscall.RawSyscall(syscall.SYS_FORK, 0, uintptr(syscall.Pipe(p[:]).(syscall.Errno)), 0) // ok: suppressed
}

func noReason() { // want noReason:"forks"
	// want +1 `^forkcheck:ignore rawfork needs a reason after the category, so the suppression stays reviewable$`
	//forkcheck:ignore rawfork
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec`
}

func wrongCategory() { // want wrongCategory:"forks"
	// want +1 `^forkcheck:ignore cloexec suppresses nothing on this line or the next$`
	//forkcheck:ignore cloexec the pipe is closed before any exec
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec`
}

func tooFar() { // want tooFar:"forks"
	// want +1 `suppresses nothing`
	//forkcheck:ignore rawfork a blank line separates it from the finding

	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec`
}

func unknown() {
	// want +1 `^forkcheck:ignore names an unknown category nosuch; the categories are rawfork, forklock, cloexec, threadattr, threadstate, strict$`
	//forkcheck:ignore nosuch it does not exist
	// want +1 `^forkcheck:ignore needs a category and a reason`
	//forkcheck:ignore
}

// notADirective has a comment that only starts like one.
func notADirective() {
	//forkcheck:ignored is another word
}

func nearMisses() { // want nearMisses:"forks"
	// want +1 `^// forkcheck:ignore is not a directive, and suppresses nothing: write //forkcheck:ignore, with no space after the slashes, in a // comment$`
	// forkcheck:ignore rawfork a space after the slashes
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec`
	/* forkcheck:ignore rawfork in a block comment */ // want `^/\* forkcheck:ignore is not a directive`
	//ForkCheck:Ignore rawfork capitals // want `^//ForkCheck:Ignore is not a directive`
}

func oneCategoryUnused() { // ok: no fact, the fork is suppressed
	// want +1 `^forkcheck:ignore names cloexec, which suppresses nothing on this line or the next$`
	//forkcheck:ignore rawfork,cloexec only the fork is here
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // ok: suppressed
}

// prose mentions the directive, in a comment wrapped so that a line
// starts with it:
// forkcheck:ignore suppress, as the guide says. (ok: no category follows)
func prose() {}

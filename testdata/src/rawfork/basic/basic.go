package basic // want package:"forks; starts processes"

// The spellings of a raw fork through the syscall package, and the raw
// system calls and spawns that are no fork.

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func namedConstant() { // want namedConstant:`forks: syscall.RawSyscall\(SYS_FORK\)`
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `^syscall.RawSyscall\(SYS_FORK\) forks without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
}

func literalNumber() { // want literalNumber:`forks: syscall.Syscall\(SYS_FORK\)`
	syscall.Syscall(57, 0, 0, 0) // want `syscall.Syscall\(SYS_FORK\) forks without exec`
}

func localVariable() (uintptr, error) { // want localVariable:`forks: syscall.Syscall6\(SYS_VFORK\)`
	trap := syscall.SYS_VFORK
	pid, _, errno := syscall.Syscall6(uintptr(trap), 0, 0, 0, 0, 0, 0) // want `syscall.Syscall6\(SYS_VFORK\) forks without exec`
	if errno != 0 {
		return 0, errno
	}
	return pid, nil
}

const myFork = syscall.SYS_FORK

func packageConstant() { // want packageConstant:`forks: syscall.RawSyscall6\(SYS_FORK\)`
	syscall.RawSyscall6(uintptr(myFork), 0, 0, 0, 0, 0, 0) // want `syscall.RawSyscall6\(SYS_FORK\) forks without exec`
}

func eitherBranch(v bool) { // want eitherBranch:`forks: syscall.RawSyscall\(SYS_VFORK\)`
	trap := uintptr(syscall.SYS_GETPID)
	if v {
		trap = syscall.SYS_VFORK
	}
	syscall.RawSyscall(trap, 0, 0, 0) // want `syscall.RawSyscall\(SYS_VFORK\) forks without exec`
}

func functionValue() { // want functionValue:`forks: syscall.RawSyscall\(SYS_FORK\)`
	raw := syscall.RawSyscall
	raw(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
}

func eitherFunction(v bool) { // want eitherFunction:`forks: syscall.Syscall\(SYS_FORK\)`
	call := syscall.Syscall
	if v {
		call = syscall.RawSyscall
	}
	call(syscall.SYS_FORK, 0, 0, 0) // want `syscall.Syscall\(SYS_FORK\) forks without exec`
}

func cloneProcess() { // want cloneProcess:`forks: syscall.RawSyscall\(SYS_CLONE\)`
	syscall.RawSyscall(syscall.SYS_CLONE, uintptr(syscall.SIGCHLD), 0, 0) // want `syscall.RawSyscall\(SYS_CLONE\) forks without exec`
}

func cloneSharingMemory() { // want cloneSharingMemory:`forks: syscall.RawSyscall6\(SYS_CLONE\)`
	// CLONE_VM without CLONE_THREAD is vfork's way: still a process.
	syscall.RawSyscall6(syscall.SYS_CLONE, syscall.CLONE_VM|syscall.CLONE_VFORK|uintptr(syscall.SIGCHLD), 0, 0, 0, 0, 0) // want `syscall.RawSyscall6\(SYS_CLONE\) forks without exec`
}

func deferred() { // want deferred:`forks: syscall.RawSyscall\(SYS_FORK\)`
	defer syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
}

func cloneThread() {
	// ok: CLONE_VM|CLONE_THREAD makes a thread of this process, not a process.
	syscall.RawSyscall(syscall.SYS_CLONE, syscall.CLONE_VM|syscall.CLONE_THREAD|syscall.CLONE_SIGHAND, 0, 0)
}

// cloneThreadBuilt builds the thread's flags in a variable, as they grow.
func cloneThreadBuilt(files bool) {
	flags := uintptr(syscall.CLONE_VM | syscall.CLONE_THREAD | syscall.CLONE_SIGHAND)
	if files {
		flags |= syscall.CLONE_FILES
	}
	syscall.RawSyscall(syscall.SYS_CLONE, flags, 0, 0) // ok: a thread on every path
}

func otherSyscalls() {
	syscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0) // ok: creates no process
	syscall.Syscall(syscall.SYS_WRITE, 1, 0, 0)     // ok: creates no process
}

func parameter(trap uintptr) {
	syscall.RawSyscall(trap, 0, 0, 0) // ok: the number is not known here
}

// seccompFilter lists system calls by number: a table, not a call.
var seccompFilter = map[uintptr]string{ // ok: a table of numbers
	syscall.SYS_FORK:  "fork",
	syscall.SYS_CLONE: "clone",
}

var names = []int{syscall.SYS_FORK, syscall.SYS_VFORK} // ok: not a call

func fork() int { return 0 } // ok: merely named fork

func callsNamedFork() {
	fork()                                                  // ok: a user function named fork
	fmt.Println("fork(2) without exec is unsafe; SYS_FORK") // ok: a string
}

func safeSpawn() error { // want safeSpawn:`starts a process: \(\*exec.Cmd\).Run`
	if err := exec.Command("true").Run(); err != nil { // ok: os/exec forks and execs
		return err
	}
	p, err := os.StartProcess("/bin/true", []string{"true"}, &os.ProcAttr{}) // ok: execs
	if err != nil {
		return err
	}
	p.Wait()
	_, err = syscall.ForkExec("/bin/true", []string{"true"}, nil) // ok: execs
	return err
}

// A blank function is never called, but its fork is still a fork.
func _() { // want _:"forks"
	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0) // want `forks without exec`
}

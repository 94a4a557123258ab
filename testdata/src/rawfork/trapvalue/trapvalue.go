package trapvalue // want package:"forks"

// System call numbers held by a package-level variable, set in its
// declaration, in init or per GOARCH in a build-tagged file, or returned
// by a function of the package: every value the package gives it counts.
// The variable set per GOARCH is golang.org/x/sys/unix's own shape
// (fcntl64Syscall in fcntl.go, set to SYS_FCNTL64 in fcntl_linux_32bit.go).

import (
	"syscall"

	"golang.org/x/sys/unix"
)

var sysFork uintptr = syscall.SYS_FORK

func detach() { // want detach:`forks: syscall.RawSyscall\(SYS_FORK\)`
	syscall.RawSyscall(sysFork, 0, 0, 0) // want `syscall.RawSyscall\(SYS_FORK\) forks without exec`
}

// sysSpawn is set per GOARCH: trapvalue_amd64.go sets it to vfork,
// trapvalue_arm64.go (not built here) to clone.
var sysSpawn uintptr

func spawn() { // want spawn:`forks: unix.RawSyscall\(SYS_VFORK\)`
	unix.RawSyscall(sysSpawn, 0, 0, 0) // want `unix.RawSyscall\(SYS_VFORK\) forks without exec`
}

func forkTrap() uintptr { return unix.SYS_FORK }

func viaFunc() { // want viaFunc:`forks: unix.Syscall\(SYS_FORK\)`
	unix.Syscall(forkTrap(), 0, 0, 0) // want `unix.Syscall\(SYS_FORK\) forks without exec`
}

func trapFor(share bool) uintptr {
	if share {
		return unix.SYS_VFORK
	}
	return unix.SYS_GETPID
}

func either(share bool) { // want either:`forks: unix.RawSyscall\(SYS_VFORK\)`
	unix.RawSyscall(trapFor(share), 0, 0, 0) // want `unix.RawSyscall\(SYS_VFORK\) forks without exec`
}

// rawSyscall is a wrapper of the package, called with the variable.
func rawSyscall(nr uintptr) uintptr {
	r, _, _ := syscall.RawSyscall(nr, 0, 0, 0)
	return r
}

func wrapped() { // want wrapped:`forks: rawSyscall\(SYS_FORK\)`
	rawSyscall(sysFork) // want `rawSyscall\(SYS_FORK\) forks without exec`
}

// sysClone with thread flags is a thread.
var sysClone uintptr = unix.SYS_CLONE

func thread() {
	unix.RawSyscall(sysClone, unix.CLONE_VM|unix.CLONE_THREAD, 0, 0) // ok: the flags make a thread
}

var sysGetpid uintptr = syscall.SYS_GETPID

func getpid() uintptr {
	r, _, _ := syscall.RawSyscall(sysGetpid, 0, 0, 0) // ok: creates no process
	return r
}

func pidTrap() uintptr { return syscall.SYS_GETPID }

func getpidFunc() uintptr {
	return rawSyscall(pidTrap()) // ok: creates no process
}

// sysWrite is set to write in init, then to a number read at run time:
// none of them creates a process.
var sysWrite uintptr

func init() {
	sysWrite = syscall.SYS_WRITE
}

func setTrap(n uintptr) { sysWrite = n }

func write() {
	syscall.RawSyscall(sysWrite, 1, 0, 0) // ok: no value stored creates a process
}

// forkExec forks through the variable and the child only execs or exits.
func forkExec(path *byte) {
	pid, _, errno := syscall.RawSyscall(sysFork, 0, 0, 0) // ok: the child execs at once
	if errno != 0 {
		return
	}
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(0), 0, 0)
		syscall.RawSyscall(syscall.SYS_EXIT, 127, 0, 0)
	}
}

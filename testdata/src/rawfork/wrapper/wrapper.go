package wrapper // want package:"forks"

// System call numbers that reach the entry point through a parameter of a
// function of the package, as gVisor's hostsyscall and cilium/ebpf's
// internal/unix wrap theirs: the call that passes the number forks.

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawSyscall is the package's own raw system call.
func rawSyscall(nr, a1 uintptr) (uintptr, syscall.Errno) {
	r, _, e := syscall.RawSyscall(nr, a1, 0, 0)
	return r, e
}

func daemon() { // want daemon:`forks: rawSyscall\(SYS_FORK\)`
	pid, errno := rawSyscall(syscall.SYS_FORK, 0) // want `^rawSyscall\(SYS_FORK\) forks without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
	if errno != 0 || pid != 0 {
		return
	}
	// the child goes on running Go code
}

func cloneProcess() { // want cloneProcess:`forks: rawSyscall\(SYS_CLONE\)`
	rawSyscall(unix.SYS_CLONE, uintptr(syscall.SIGCHLD)) // want `rawSyscall\(SYS_CLONE\) forks without exec`
}

func cloneThread() {
	rawSyscall(unix.SYS_CLONE, syscall.CLONE_VM|syscall.CLONE_THREAD|syscall.CLONE_SIGHAND) // ok: the flags, passed through, make a thread
}

func otherNumbers() {
	rawSyscall(syscall.SYS_GETPID, 0) // ok: creates no process
	rawSyscall(syscall.SYS_WRITE, 1)  // ok: creates no process
}

// syscall6 and sys wrap in two steps, the number converted on the way.
func syscall6(trap, a1, a2 uintptr) uintptr {
	r, _, _ := unix.Syscall6(trap, a1, a2, 0, 0, 0, 0)
	return r
}

func sys(n int) uintptr { return syscall6(uintptr(n), 0, 0) }

func spawn() { // want spawn:`forks: sys\(SYS_VFORK\)`
	sys(unix.SYS_VFORK) // want `sys\(SYS_VFORK\) forks without exec`
}

func pid() uintptr { return sys(unix.SYS_GETPID) } // ok: creates no process

// tracer's method takes the number after its receiver.
type tracer struct{ fd int }

func (t *tracer) raw(nr uintptr) {
	unix.RawSyscall(nr, uintptr(t.fd), 0, 0)
}

func (t *tracer) detach() { // want detach:`forks: \(\*tracer\).raw\(SYS_FORK\)`
	t.raw(unix.SYS_FORK) // want `\(\*tracer\).raw\(SYS_FORK\) forks without exec`
}

func (t *tracer) detachLater() { // want detachLater:`forks: \(\*tracer\).raw\(SYS_VFORK\)`
	raw := t.raw         // a method value: the receiver is bound, the number still first
	raw(unix.SYS_VFORK)  // want `\(\*tracer\).raw\(SYS_VFORK\) forks without exec`
	raw(unix.SYS_GETPID) // ok: creates no process
}

func (t *tracer) viaExpression() { // want viaExpression:`forks: \(\*tracer\).raw\(SYS_FORK\)`
	(*tracer).raw(t, unix.SYS_FORK) // want `\(\*tracer\).raw\(SYS_FORK\) forks without exec`
}

func viaValue() { // want viaValue:`forks: rawSyscall\(SYS_FORK\)`
	call := rawSyscall
	call(syscall.SYS_FORK, 0) // want `rawSyscall\(SYS_FORK\) forks without exec`
}

// cloneFixed passes the number and sets thread flags itself.
func cloneFixed(nr uintptr) {
	unix.RawSyscall(nr, unix.CLONE_VM|unix.CLONE_THREAD, 0, 0)
}

func newThread() {
	cloneFixed(unix.SYS_CLONE) // ok: the wrapper's own flags make a thread
}

// forkExec forks through the wrapper and the child only execs or exits,
// through the wrapper too.
func forkExec(path *byte, argv []*byte) syscall.Errno {
	pid, errno := rawSyscall(syscall.SYS_FORK, 0) // ok: the child execs at once
	if errno != 0 {
		return errno
	}
	if pid == 0 {
		syscall.RawSyscall(syscall.SYS_EXECVE, uintptr(unsafe.Pointer(path)), uintptr(unsafe.Pointer(&argv[0])), 0)
		rawSyscall(syscall.SYS_EXIT, 127)
	}
	return 0
}

// logged wraps the number but runs Go code besides.
func logged(nr uintptr) uintptr {
	r, _, _ := syscall.RawSyscall(nr, 0, 0, 0)
	println("syscall", nr, r)
	return r
}

func forkThenLog() { // want forkThenLog:`forks: rawSyscall\(SYS_FORK\)`
	pid, _ := rawSyscall(syscall.SYS_FORK, 0) // want `rawSyscall\(SYS_FORK\) forks without exec`
	if pid == 0 {
		logged(syscall.SYS_EXIT) // Go code in the child
	}
}

// regs are a traced process's registers, as gVisor's ptrace platform
// sets them.
type regs struct{ origRax, rdi uint64 }

// inject makes a traced process run a system call: the number goes into
// the tracee's registers, handed to the tracer's channel, not to a system
// call of this process.
func inject(fd int, r *regs, sysno uintptr, a1 uintptr) {
	r.origRax, r.rdi = uint64(sysno), uint64(a1)
	syscall.RawSyscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(r)), unsafe.Sizeof(*r))
}

func cloneInTracee(fd int, r *regs) {
	inject(fd, r, unix.SYS_CLONE, uintptr(unix.SIGCHLD)) // ok: the tracee's system call, in its registers
}

// preadv is called only with numbers that create nothing, as gVisor's
// hostfd chooses between preadv and pwritev.
func preadv(sysno uintptr, fd int) uintptr {
	n, _, _ := unix.Syscall6(sysno, uintptr(fd), 0, 0, 0, 0, 0)
	return n
}

func read(fd int) uintptr  { return preadv(syscall.SYS_PREADV, fd) }  // ok: creates no process
func write(fd int) uintptr { return preadv(syscall.SYS_PWRITEV, fd) } // ok: creates no process

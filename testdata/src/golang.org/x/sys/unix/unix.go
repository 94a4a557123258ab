// Package unix is a stand-in for golang.org/x/sys/unix on linux/amd64 with
// the declarations forkcheck's tests use, so that the tests need no module
// download.
package unix

type Errno uintptr

func (e Errno) Error() string { return "errno" }

const (
	SYS_READ       = 0
	SYS_WRITE      = 1
	SYS_GETPID     = 39
	SYS_CLONE      = 56
	SYS_FORK       = 57
	SYS_VFORK      = 58
	SYS_EXECVE     = 59
	SYS_EXIT       = 60
	SYS_EXIT_GROUP = 231
	SYS_CLONE3     = 435

	CLONE_VM     = 0x100
	CLONE_FS     = 0x200
	CLONE_FILES  = 0x400
	CLONE_THREAD = 0x10000
	SIGCHLD      = 0x11
)

func Syscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)              { return }
func Syscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno) { return }
func RawSyscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno)           { return }
func RawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno) {
	return
}
func SyscallNoError(trap, a1, a2, a3 uintptr) (r1, r2 uintptr)    { return }
func RawSyscallNoError(trap, a1, a2, a3 uintptr) (r1, r2 uintptr) { return }
func Exit(code int)                                               {}
func Getpid() int                                                 { return 0 }

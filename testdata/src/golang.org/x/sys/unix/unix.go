// Package unix is a stand-in for golang.org/x/sys/unix on linux/amd64 with
// the declarations forkcheck's tests use, so that the tests need no module
// download.
package unix

import "syscall"

// As in aliases.go of the real package.
type Signal = syscall.Signal
type Errno = syscall.Errno
type SysProcAttr = syscall.SysProcAttr

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
func Setsid() (pid int, err error)                                { return }

const (
	O_RDONLY      = 0x0
	O_CLOEXEC     = 0x80000
	AF_UNIX       = 0x1
	SOCK_STREAM   = 0x1
	SOCK_CLOEXEC  = 0x80000
	EPOLL_CLOEXEC = 0x80000
	IN_CLOEXEC    = 0x80000
	EFD_CLOEXEC   = 0x80000
	MFD_CLOEXEC   = 0x1
)

func Pipe(p []int) error                                   { return nil }
func Pipe2(p []int, flags int) error                       { return nil }
func Open(path string, mode int, perm uint32) (int, error) { return 0, nil }
func Creat(path string, mode uint32) (int, error)          { return 0, nil }
func OpenByHandleAt(mountFD int, handle FileHandle, flags int) (int, error) {
	return 0, nil
}
func Socket(domain, typ, proto int) (int, error)               { return 0, nil }
func Socketpair(domain, typ, proto int) (fd [2]int, err error) { return }
func Accept(fd int) (int, any, error)                          { return 0, nil, nil }
func Accept4(fd int, flags int) (int, any, error)              { return 0, nil, nil }
func Dup(oldfd int) (int, error)                               { return 0, nil }
func Dup2(oldfd, newfd int) error                              { return nil }
func Dup3(oldfd, newfd, flags int) error                       { return nil }
func EpollCreate(size int) (int, error)                        { return 0, nil }
func EpollCreate1(flag int) (int, error)                       { return 0, nil }
func InotifyInit() (int, error)                                { return 0, nil }
func InotifyInit1(flags int) (int, error)                      { return 0, nil }
func Eventfd(initval uint, flags int) (int, error)             { return 0, nil }
func MemfdCreate(name string, flags int) (int, error)          { return 0, nil }
func CloseOnExec(fd int)                                       {}

type FileHandle struct{}

const (
	O_NONBLOCK    = 0x800
	SOCK_NONBLOCK = 0x800
	SOCK_DGRAM    = 0x2

	SIGKILL = syscall.Signal(0x9)
	SIGTERM = syscall.Signal(0xf)
)

func PtraceCont(pid int, signal int) error                  { return nil }
func PtraceDetach(pid int) error                            { return nil }
func Close(fd int) error                                    { return nil }
func Exec(argv0 string, argv []string, envv []string) error { return nil }

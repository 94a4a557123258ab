package unix

// The descriptor creators of the real package on linux/amd64 (v0.49.0),
// with their signatures and flags, for cloexec.

const (
	TFD_CLOEXEC          = 0x80000
	TFD_NONBLOCK         = 0x800
	SFD_CLOEXEC          = 0x80000
	SFD_NONBLOCK         = 0x800
	FAN_CLOEXEC          = 0x1
	FAN_CLASS_NOTIF      = 0x0
	FAN_NONBLOCK         = 0x2
	PERF_FLAG_FD_CLOEXEC = 0x8
	OPEN_TREE_CLONE      = 0x1
	OPEN_TREE_CLOEXEC    = 0x80000
	AT_RECURSIVE         = 0x8000
	FSOPEN_CLOEXEC       = 0x1
	FSMOUNT_CLOEXEC      = 0x1
	FSPICK_CLOEXEC       = 0x1
	F_DUPFD              = 0x0
	F_DUPFD_CLOEXEC      = 0x406
	F_GETFD              = 0x1
	AT_FDCWD             = -0x64
	O_RDWR               = 0x2
	AF_NETLINK           = 0x10
	SOCK_RAW             = 0x3
	F_SETFD              = 0x2
	F_SETFL              = 0x4
	FD_CLOEXEC           = 0x1
	O_PATH               = 0x200000
	O_DIRECTORY          = 0x10000
	O_NOFOLLOW           = 0x20000
	RESOLVE_IN_ROOT      = 0x10
	RESOLVE_NO_SYMLINKS  = 0x4
	MSG_CMSG_CLOEXEC     = 0x40000000
	MSG_DONTWAIT         = 0x40
	EFD_NONBLOCK         = 0x800
	MFD_ALLOW_SEALING    = 0x2
	CLOCK_MONOTONIC      = 0x1
	EPOLL_CTL_ADD        = 0x1

	SYS_PIPE            = 22
	SYS_DUP             = 32
	SYS_SOCKET          = 41
	SYS_FCNTL           = 72
	SYS_EPOLL_CREATE    = 213
	SYS_OPENAT          = 257
	SYS_TIMERFD_CREATE  = 283
	SYS_EVENTFD         = 284
	SYS_EVENTFD2        = 290
	SYS_EPOLL_CREATE1   = 291
	SYS_PIPE2           = 293
	SYS_INOTIFY_INIT1   = 294
	SYS_MEMFD_CREATE    = 319
	SYS_USERFAULTFD     = 323
	SYS_PIDFD_OPEN      = 434
	SYS_OPENAT2         = 437
	SYS_PERF_EVENT_OPEN = 298
)

type Sigset_t struct{ Val [16]uint64 }
type PerfEventAttr struct{ Type uint32 }
type OpenHow struct {
	Flags   uint64
	Mode    uint64
	Resolve uint64
}
type SocketControlMessage struct {
	Data []byte
}
type Sockaddr interface{}

func TimerfdCreate(clockid int, flags int) (fd int, err error)                     { return }
func Signalfd(fd int, sigmask *Sigset_t, flags int) (newfd int, err error)         { return }
func FanotifyInit(flags uint, event_f_flags uint) (fd int, err error)              { return }
func PerfEventOpen(attr *PerfEventAttr, pid, cpu, groupFd, flags int) (int, error) { return 0, nil }
func OpenTree(dfd int, fileName string, flags uint) (r int, err error)             { return }
func Fsopen(fsName string, flags int) (fd int, err error)                          { return }
func Fsmount(fd int, flags int, mountAttrs int) (fsfd int, err error)              { return }
func Fspick(dirfd int, pathName string, flags int) (fd int, err error)             { return }
func FcntlInt(fd uintptr, cmd, arg int) (int, error)                               { return 0, nil }
func Openat(dirfd int, path string, flags int, mode uint32) (fd int, err error)    { return }
func Openat2(dirfd int, path string, how *OpenHow) (fd int, err error)             { return }
func PidfdOpen(pid int, flags int) (fd int, err error)                             { return }
func PidfdGetfd(pidfd int, targetfd int, flags int) (fd int, err error)            { return }
func Recvmsg(fd int, p, oob []byte, flags int) (n, oobn int, recvflags int, from Sockaddr, err error) {
	return
}
func ParseSocketControlMessage(b []byte) ([]SocketControlMessage, error) { return nil, nil }
func ParseUnixRights(m *SocketControlMessage) ([]int, error)             { return nil, nil }

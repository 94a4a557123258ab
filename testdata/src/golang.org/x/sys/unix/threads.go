package unix

// Namespaces, credentials and ptrace, as on linux/amd64.

const (
	SYS_PTRACE    = 101
	SYS_SETUID    = 105
	SYS_SETGID    = 106
	SYS_SETGROUPS = 116
	SYS_CAPSET    = 126
	SYS_SETFSUID  = 122
	SYS_SETFSGID  = 123
	SYS_UNSHARE   = 272
	SYS_SETNS     = 308

	SYS_SETPRIORITY            = 141
	SYS_PRCTL                  = 157
	SYS_SCHED_SETAFFINITY      = 203
	SYS_LANDLOCK_RESTRICT_SELF = 446

	PRIO_PROCESS        = 0
	PRIO_PGRP           = 1
	PR_SET_PDEATHSIG    = 1
	PR_SET_KEEPCAPS     = 8
	PR_SET_NAME         = 15
	PR_SET_SECCOMP      = 22
	PR_CAPBSET_DROP     = 24
	PR_SET_NO_NEW_PRIVS = 38

	SECCOMP_MODE_STRICT = 1
	SECCOMP_MODE_FILTER = 2

	EINVAL = Errno(0x16)

	CLONE_NEWTIME   = 0x80
	CLONE_NEWNS     = 0x20000
	CLONE_SYSVSEM   = 0x40000
	CLONE_NEWCGROUP = 0x2000000
	CLONE_NEWUTS    = 0x4000000
	CLONE_NEWIPC    = 0x8000000
	CLONE_NEWUSER   = 0x10000000
	CLONE_NEWPID    = 0x20000000
	CLONE_NEWNET    = 0x40000000
)

func Setns(fd int, nstype int) error { return nil }
func Unshare(flags int) error        { return nil }
func Gettid() int                    { return 0 }

// Setgroups is a raw setgroups(2) in every version of x/sys; Setresuid
// has gone through syscall.Setresuid since AllThreadsSyscall came (2021).
func Setgroups(gids []int) error           { return nil }
func Setresuid(ruid, euid, suid int) error { return nil }
func AllThreadsSyscall(trap, a1, a2, a3 uintptr) (r1, r2 uintptr, err Errno) {
	return
}

func Setfsuid(uid int) error              { return nil }
func Setfsgid(gid int) error              { return nil }
func SetfsuidRetUid(uid int) (int, error) { return 0, nil }
func SetfsgidRetGid(gid int) (int, error) { return 0, nil }

type CPUSet [16]uint64

type CapUserHeader struct {
	Version uint32
	Pid     int32
}

type CapUserData struct{ Effective, Permitted, Inheritable uint32 }

func SchedSetaffinity(pid int, set *CPUSet) error            { return nil }
func Setpriority(which int, who int, prio int) error         { return nil }
func Capset(hdr *CapUserHeader, data *CapUserData) error     { return nil }
func Prctl(option int, arg2, arg3, arg4, arg5 uintptr) error { return nil }

func PtraceAttach(pid int) error              { return nil }
func PtraceSyscall(pid int, signal int) error { return nil }

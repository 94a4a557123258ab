package std

// ThreadScopedFlags are the flags of setns(2) and unshare(2) whose effect is
// confined to the calling thread in a multithreaded process (a Go program
// always is), in the order messages name them, with the words a message
// uses. CLONE_NEWPID changes the PID namespace of the thread's future
// children. See namespaces(7), setns(2), unshare(2).
var ThreadScopedFlags = []struct{ Flag, Words string }{
	{"CLONE_NEWNET", "network namespace"},
	{"CLONE_NEWNS", "mount namespace"},
	{"CLONE_NEWUTS", "UTS namespace"},
	{"CLONE_NEWIPC", "IPC namespace"},
	{"CLONE_NEWCGROUP", "cgroup namespace"},
	{"CLONE_NEWTIME", "time namespace"},
	{"CLONE_NEWPID", "PID namespace for children"},
	{"CLONE_FS", "filesystem attributes"},
	{"CLONE_FILES", "descriptor table"},
	{"CLONE_SYSVSEM", "System V semaphore adjustments"},
}

// NamespaceSwitchers are the functions of the system call packages that
// switch namespaces, by name, with the index of their argument that holds
// the flags (setns' nstype, unshare's flags).
var NamespaceSwitchers = map[string]int{"Setns": 1, "Unshare": 0}

// NamespaceTraps are the system calls that switch namespaces, by the name
// of their number, with the index of the flags among the arguments after
// the number.
var NamespaceTraps = map[string]int{"SYS_SETNS": 1, "SYS_UNSHARE": 0}

// CredentialTraps are the system calls that change the credentials of the
// calling thread only. The syscall package's Setuid, Setgid, Setgroups and
// friends change every thread since Go 1.16 (golang/go#1435), through
// AllThreadsSyscall; the raw system calls do not.
var CredentialTraps = []string{
	"SYS_SETUID", "SYS_SETGID", "SYS_SETREUID", "SYS_SETREGID",
	"SYS_SETRESUID", "SYS_SETRESGID", "SYS_SETFSUID", "SYS_SETFSGID",
	"SYS_SETGROUPS", "SYS_CAPSET",
	"SYS_SETUID32", "SYS_SETGID32", "SYS_SETREUID32", "SYS_SETREGID32",
	"SYS_SETRESUID32", "SYS_SETRESGID32", "SYS_SETFSUID32", "SYS_SETFSGID32",
	"SYS_SETGROUPS32",
}

// FSCredentialFuncs are the functions of the system call packages that
// change the filesystem user or group ID of the calling thread only:
// unlike Setuid and its friends, the syscall package's Setfsuid and
// Setfsgid are plain system calls, not run on every thread, and nothing
// changes every thread's (setfsuid(2); golang.org/x/sys/unix's RetUid
// variants are the same call).
var FSCredentialFuncs = map[string]bool{"Setfsuid": true, "Setfsgid": true, "SetfsuidRetUid": true, "SetfsgidRetGid": true}

// ErrorPackages are the packages whose functions a wrapper may call after
// it switches a thread, to report that the switch failed, without doing
// work in the switched thread.
var ErrorPackages = map[string]bool{"fmt": true, "errors": true, "github.com/pkg/errors": true}

// ErrorFuncs are the functions of other packages that a wrapper may call
// after it switches a thread, as those of ErrorPackages, by package path
// and name: os.NewSyscallError only builds an *os.SyscallError
// (os.NewSyscallError("setns", unix.Setns(fd, unix.CLONE_NEWNET)), as
// github.com/mdlayher/socket's netNS.Set).
var ErrorFuncs = map[[2]string]bool{{"os", "NewSyscallError"}: true}

// A ThreadAttr is an attribute that a call changes for the calling thread
// only, on linux.
type ThreadAttr struct {
	What string // what changes, as messages name it: "CPU affinity"

	// Self is the index of the argument that names the thread or process
	// the call changes; the call changes the calling thread's attribute
	// when it is 0, or the process ID (which names the main thread only).
	// -1 if the call always changes the calling thread's.
	Self int

	// Which is the index of the argument that says what Self names, and
	// WhichIs the constant it must be for a thread (PRIO_PROCESS); -1 and
	// "" if none.
	Which   int
	WhichIs string
}

// ThreadAttrFuncs are the functions of the system call packages, beyond
// namespaces, credentials and ptrace, that change an attribute of the
// calling thread only: sched_setaffinity(2) and setpriority(2) (whose
// "process" is a thread on linux: see the BUGS of setpriority(2)), and
// capset(2), whose capability sets are per thread (capabilities(7)).
var ThreadAttrFuncs = map[string]ThreadAttr{
	"SchedSetaffinity": {What: "CPU affinity", Self: 0, Which: -1},
	"Setpriority":      {What: "scheduling priority", Self: 1, Which: 0, WhichIs: "PRIO_PROCESS"},
	"Capset":           {What: "capabilities", Self: -1, Which: -1},
}

// ThreadAttrTraps are the system calls of ThreadAttrFuncs, and
// landlock_restrict_self(2), which enforces a ruleset on the calling
// thread only, by the name of their number; the indexes count the
// arguments after the number.
var ThreadAttrTraps = map[string]ThreadAttr{
	"SYS_SCHED_SETAFFINITY":      {What: "CPU affinity", Self: 0, Which: -1},
	"SYS_SETPRIORITY":            {What: "scheduling priority", Self: 1, Which: 0, WhichIs: "PRIO_PROCESS"},
	"SYS_LANDLOCK_RESTRICT_SELF": {What: "Landlock ruleset", Self: -1, Which: -1},
}

// PrctlOptions are the options of prctl(2) that change an attribute of the
// calling thread only (prctl(2), capabilities(7), seccomp(2)), by name,
// with what they change as messages name it. A seccomp filter installed
// with seccomp(2) and SECCOMP_FILTER_FLAG_TSYNC reaches every thread;
// PR_SET_SECCOMP has no such flag.
var PrctlOptions = map[string]string{
	"PR_SET_NO_NEW_PRIVS": "no_new_privs flag",
	"PR_SET_SECCOMP":      "seccomp filter",
	"PR_CAPBSET_DROP":     "capability bounding set",
	"PR_CAP_AMBIENT":      "ambient capabilities",
	"PR_SET_KEEPCAPS":     "keep-capabilities flag",
	"PR_SET_SECUREBITS":   "securebits",
}

// PrctlNumbers are linux's values of the prctl(2) options of PrctlOptions
// and of the arguments that make them queries or no-ops, the same on every
// architecture (include/uapi/linux/prctl.h, seccomp.h): the syscall
// package's frozen tables lack some (PR_CAP_AMBIENT), and code defines its
// own.
var PrctlNumbers = map[string]int64{
	"PR_SET_KEEPCAPS":       8,
	"PR_SET_SECCOMP":        22,
	"PR_CAPBSET_DROP":       24,
	"PR_SET_SECUREBITS":     28,
	"PR_SET_NO_NEW_PRIVS":   38,
	"PR_CAP_AMBIENT":        47,
	"PR_CAP_AMBIENT_IS_SET": 1,
	"SECCOMP_MODE_FILTER":   2,
}

// SetnsByUnshare gives the number of setns(2) on each linux architecture
// by that of unshare(2), which the syscall package names everywhere while
// its frozen tables lack SYS_SETNS on most (golang.org/x/sys/unix's
// zsysnum_linux_*.go): a package that defines its own SYS_SETNS, as old
// libcontainer and netns code did, passes the number to syscall.RawSyscall.
var SetnsByUnshare = map[int64]int64{
	272:  308,  // amd64
	310:  346,  // 386
	337:  375,  // arm
	97:   268,  // arm64, loong64, riscv64
	282:  350,  // ppc, ppc64, ppc64le
	303:  339,  // s390x
	299:  337,  // sparc64
	4303: 4344, // mips, mipsle
	5262: 5303, // mips64, mips64le
}

// XSysCredentialFuncs are the functions of golang.org/x/sys/unix that
// change the credentials of the calling thread only, with whether they
// still do (true), or did only before x/sys routed them through the
// syscall package's, which changes every thread (2021: the package that
// routes them has AllThreadsSyscall). Setgroups is a raw setgroups(2) in
// every version, where syscall.Setgroups changes every thread; Setuid and
// Setgid were EOPNOTSUPP before, and change nothing to report.
var XSysCredentialFuncs = map[string]bool{
	"Setgroups": true,
	"Setreuid":  false,
	"Setregid":  false,
	"Setresuid": false,
	"Setresgid": false,
}

// pathBuilders are the functions that build a path from others: a path
// under /proc they are given is judged where their result is used.
var pathBuilders = map[string]bool{
	"path/filepath.Join":  true,
	"path/filepath.Clean": true,
	"path.Join":           true,
	"path.Clean":          true,
	"fmt.Sprintf":         true,
}

// IsPathBuilder reports whether the function of that full name builds a
// path from the paths it is given (filepath.Join, fmt.Sprintf).
func IsPathBuilder(name string) bool { return pathBuilders[name] }

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

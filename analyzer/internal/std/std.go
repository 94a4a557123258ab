// Package std holds what forkcheck knows of the standard library and of
// golang.org/x/sys/unix: the tables the checks read, in one place. Go's
// analysis framework advises against relying on facts for the standard
// library (its packages are analyzed, if at all, without user code), so
// forkcheck models it here instead.
//
// Names are full names as types.Func.FullName gives them
// ("(*os/exec.Cmd).Start", "os.Exit"), or plain names where the package is
// a system call package (see IsSyscallPackage).
package std

import "strings"

// ProcessStarters are the functions of the standard library that start a
// process (the safe way: they exec at once), by full name.
var ProcessStarters = map[string]bool{
	"syscall.ForkExec":              true,
	"syscall.StartProcess":          true,
	"os.StartProcess":               true,
	"(*os/exec.Cmd).Start":          true,
	"(*os/exec.Cmd).Run":            true,
	"(*os/exec.Cmd).Output":         true,
	"(*os/exec.Cmd).CombinedOutput": true,
}

// SpawningPackages are the packages of the standard library that start
// processes: a program that imports one may start a process.
var SpawningPackages = map[string]bool{"os/exec": true, "net/http/cgi": true, "go/build": true}

// A LockOp is what a method of sync.Mutex or sync.RWMutex does to the
// mutex: acquire (Delta +1) or release (-1) it, in a Mode, "w" for
// writing or "r" for reading. Try marks TryLock and TryRLock, which
// acquire only when they return true.
type LockOp struct {
	Delta int
	Mode  string
	Try   bool
}

// LockOps are the methods of sync.Mutex and sync.RWMutex that acquire or
// release a mutex, by full name.
var LockOps = map[string]LockOp{
	"(*sync.Mutex).Lock":       {Delta: +1, Mode: "w"},
	"(*sync.Mutex).TryLock":    {Delta: +1, Mode: "w", Try: true},
	"(*sync.Mutex).Unlock":     {Delta: -1, Mode: "w"},
	"(*sync.RWMutex).Lock":     {Delta: +1, Mode: "w"},
	"(*sync.RWMutex).TryLock":  {Delta: +1, Mode: "w", Try: true},
	"(*sync.RWMutex).Unlock":   {Delta: -1, Mode: "w"},
	"(*sync.RWMutex).RLock":    {Delta: +1, Mode: "r"},
	"(*sync.RWMutex).TryRLock": {Delta: +1, Mode: "r", Try: true},
	"(*sync.RWMutex).RUnlock":  {Delta: -1, Mode: "r"},
}

// RLocker is the method of sync.RWMutex that returns a sync.Locker whose
// Lock and Unlock are the RWMutex's RLock and RUnlock.
const RLocker = "(*sync.RWMutex).RLocker"

// LockerOps are the methods of sync.Locker, called on a locker whose
// dynamic type is known: what they do in the mode of the locker.
var LockerOps = map[string]int{"Lock": +1, "Unlock": -1}

// NoReturn lists functions that never return to their caller, by full
// name; the SSA form does not know them.
var NoReturn = map[string]bool{
	"os.Exit": true, "syscall.Exit": true, "golang.org/x/sys/unix.Exit": true, "runtime.Goexit": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
	// testing's Fatal, FailNow and Skip families end the test's goroutine
	// with runtime.Goexit (testing package documentation); *testing.T, B
	// and F reach them through the embedded common, testing.TB by its
	// interface.
	"(*testing.common).Fatal": true, "(*testing.common).Fatalf": true, "(*testing.common).FailNow": true,
	"(*testing.common).Skip": true, "(*testing.common).Skipf": true, "(*testing.common).SkipNow": true,
	"(testing.TB).Fatal": true, "(testing.TB).Fatalf": true, "(testing.TB).FailNow": true,
	"(testing.TB).Skip": true, "(testing.TB).Skipf": true, "(testing.TB).SkipNow": true,
}

// ForkTrapNames are the system calls that create a process, on every
// platform that has them: linux (fork, vfork, clone, clone3; linux/arm64
// and others have only clone), darwin and the BSDs (fork, vfork, rfork,
// pdfork). The syscall package names clone3 only for itself, in a constant
// that export data lacks: its number is derived (clone3Number in traps.go).
var ForkTrapNames = []string{"SYS_FORK", "SYS_VFORK", "SYS_CLONE", "SYS_CLONE3", "SYS_RFORK", "SYS_PDFORK"}

// TrapEntries are the functions that take a system call number first, by
// the full name a //go:linkname directive gives them, with whether the call
// is raw (it runs none of the scheduler's code, entersyscall and
// exitsyscall, and so is safe in a forked child). A function declared
// without a body and bound to one of them by go:linkname is that entry
// point. The unexported ones are the syscall package's and the runtime's
// own (syscall_linux.go, internal/runtime/syscall/linux); the syscall
// package's on darwin and the BSDs that take a libc function first are not
// among them.
var TrapEntries = map[string]bool{
	"syscall.Syscall": false, "syscall.Syscall6": false, "syscall.Syscall9": false,
	"syscall.RawSyscall": true, "syscall.RawSyscall6": true,
	"syscall.rawSyscallNoError": true, "syscall.rawVforkSyscall": true,
	"golang.org/x/sys/unix.Syscall": false, "golang.org/x/sys/unix.Syscall6": false, "golang.org/x/sys/unix.SyscallNoError": false,
	"golang.org/x/sys/unix.RawSyscall": true, "golang.org/x/sys/unix.RawSyscall6": true, "golang.org/x/sys/unix.RawSyscallNoError": true,
	"internal/runtime/syscall/linux.Syscall6": true, // the runtime's, as Go 1.26 names it
	"internal/runtime/syscall.Syscall6":       true, // the same, as earlier releases named it
	"runtime/internal/syscall.Syscall6":       true,
}

// ExitTrapNames are the system calls that end the calling process (or
// thread) for good.
var ExitTrapNames = []string{"SYS_EXIT", "SYS_EXIT_GROUP"}

// CgoForks are the C functions that fork when called through cgo.
var CgoForks = map[string]bool{"fork": true, "vfork": true, "daemon": true, "forkpty": true}

// ThreadFields are the fields of syscall.SysProcAttr that belong to the OS
// thread that starts the process (golang/go#27505): the child gets
// Pdeathsig when that thread exits, and only that thread may ptrace it.
var ThreadFields = map[string]bool{"Pdeathsig": true, "Ptrace": true}

// RunsArgument are the functions of testing that run the function they are
// given during the call: a subtest, unless it calls t.Parallel.
var RunsArgument = map[string]bool{
	"(*testing.T).Run": true,
	"(*testing.B).Run": true,
}

// A Creator is a function of syscall or golang.org/x/sys/unix that creates
// descriptors, with the way to create them close-on-exec.
type Creator struct {
	FlagArg     int    // the argument that must carry Flag; -1 if there is none
	Flag        string // the close-on-exec flag; "" if there is none
	Variant     string // for a creator without FlagArg: the function that takes Flag instead
	OnlyFlag    bool   // the variant takes only the flag: EpollCreate(size) → EpollCreate1(EPOLL_CLOEXEC)
	Inheritable int    // for Dup2 and Dup3: the argument that may name 0, 1 or 2, meant to be inherited; -1 if none
	Plural      bool   // it creates two descriptors

	// When, if set, is the constant argument that makes the call create a
	// descriptor: Signalfd(-1, …) creates one (any other descriptor is
	// changed in place), FcntlInt(fd, F_DUPFD, n) duplicates one. A call
	// whose argument is not that constant is not judged.
	When *ArgIs
	// Oob, for Recvmsg: the argument that receives the control messages;
	// the call receives descriptors where its function parses them for
	// SCM_RIGHTS (ParseUnixRights). 0 for the other creators.
	Oob int
	// Fcntl, for Dup: the command of golang.org/x/sys/unix's FcntlInt that
	// does the same close-on-exec (FcntlInt(uintptr(fd), F_DUPFD_CLOEXEC, 0)).
	Fcntl string
	// Field, if set, is the field of the struct that FlagArg points to
	// that holds the flags: Openat2(dirfd, path, &OpenHow{Flags: …}).
	Field string
	// Instead, for When: the constant that creates the descriptor
	// close-on-exec in place of When's (F_DUPFD_CLOEXEC for F_DUPFD).
	Instead string
}

// An ArgIs says that argument Arg of a call is the constant Const of the
// callee's package or, where Const is "", the value Value.
type ArgIs struct {
	Arg   int
	Const string
	Value int64
}

// Creators are the descriptor-creating functions of syscall and
// golang.org/x/sys/unix, by name.
var Creators = map[string]Creator{
	"Pipe":           {FlagArg: -1, Flag: "O_CLOEXEC", Variant: "Pipe2", Inheritable: -1, Plural: true},
	"Pipe2":          {FlagArg: 1, Flag: "O_CLOEXEC", Inheritable: -1, Plural: true},
	"Open":           {FlagArg: 1, Flag: "O_CLOEXEC", Inheritable: -1},
	"Openat":         {FlagArg: 2, Flag: "O_CLOEXEC", Inheritable: -1},
	"Openat2":        {FlagArg: 2, Field: "Flags", Flag: "O_CLOEXEC", Inheritable: -1},
	"OpenByHandleAt": {FlagArg: 2, Flag: "O_CLOEXEC", Inheritable: -1},
	"Creat":          {FlagArg: -1, Inheritable: -1}, // no fix: Open with O_CREAT|O_WRONLY|O_TRUNC|O_CLOEXEC says it all
	"Socket":         {FlagArg: 1, Flag: "SOCK_CLOEXEC", Inheritable: -1},
	"Socketpair":     {FlagArg: 1, Flag: "SOCK_CLOEXEC", Inheritable: -1, Plural: true},
	"Accept":         {FlagArg: -1, Flag: "SOCK_CLOEXEC", Variant: "Accept4", Inheritable: -1},
	"Accept4":        {FlagArg: 1, Flag: "SOCK_CLOEXEC", Inheritable: -1},
	"Dup":            {FlagArg: -1, Inheritable: -1, Fcntl: "F_DUPFD_CLOEXEC"},
	"Dup2":           {FlagArg: -1, Flag: "O_CLOEXEC", Variant: "Dup3", Inheritable: 1},
	"Dup3":           {FlagArg: 2, Flag: "O_CLOEXEC", Inheritable: 1},
	"EpollCreate":    {FlagArg: -1, Flag: "EPOLL_CLOEXEC", Variant: "EpollCreate1", OnlyFlag: true, Inheritable: -1},
	"EpollCreate1":   {FlagArg: 0, Flag: "EPOLL_CLOEXEC", Inheritable: -1},
	"InotifyInit":    {FlagArg: -1, Flag: "IN_CLOEXEC", Variant: "InotifyInit1", OnlyFlag: true, Inheritable: -1},
	"InotifyInit1":   {FlagArg: 0, Flag: "IN_CLOEXEC", Inheritable: -1},
	"Eventfd":        {FlagArg: 1, Flag: "EFD_CLOEXEC", Inheritable: -1},
	"MemfdCreate":    {FlagArg: 1, Flag: "MFD_CLOEXEC", Inheritable: -1},
	"Recvmsg":        {FlagArg: 3, Flag: "MSG_CMSG_CLOEXEC", Inheritable: -1, Plural: true, Oob: 2},
	"RecvmsgBuffers": {FlagArg: 3, Flag: "MSG_CMSG_CLOEXEC", Inheritable: -1, Plural: true, Oob: 2},
	"TimerfdCreate":  {FlagArg: 1, Flag: "TFD_CLOEXEC", Inheritable: -1},
	"Signalfd":       {FlagArg: 2, Flag: "SFD_CLOEXEC", Inheritable: -1, When: &ArgIs{Arg: 0, Value: -1}},
	"FanotifyInit":   {FlagArg: 0, Flag: "FAN_CLOEXEC", Inheritable: -1},
	"PerfEventOpen":  {FlagArg: 4, Flag: "PERF_FLAG_FD_CLOEXEC", Inheritable: -1},
	"OpenTree":       {FlagArg: 2, Flag: "OPEN_TREE_CLOEXEC", Inheritable: -1},
	"Fsopen":         {FlagArg: 1, Flag: "FSOPEN_CLOEXEC", Inheritable: -1},
	"Fsmount":        {FlagArg: 1, Flag: "FSMOUNT_CLOEXEC", Inheritable: -1},
	"Fspick":         {FlagArg: 2, Flag: "FSPICK_CLOEXEC", Inheritable: -1},
	"FcntlInt":       {FlagArg: -1, Inheritable: -1, When: &ArgIs{Arg: 1, Const: "F_DUPFD"}, Instead: "F_DUPFD_CLOEXEC"},
}

// RawCreators are the system calls that create descriptors, by the name of
// their number (SYS_EVENTFD2), for the entry points that take a number
// (Syscall, RawSyscall6, …): the argument indices count from the first
// argument of the system call (a1), not from the number. Netpoll
// libraries make their eventfd this way. SYS_PIDFD_OPEN is not one: its
// descriptor is always close-on-exec.
var RawCreators = map[string]Creator{
	"SYS_PIPE":            {FlagArg: -1, Inheritable: -1, Plural: true},
	"SYS_PIPE2":           {FlagArg: 1, Flag: "O_CLOEXEC", Inheritable: -1, Plural: true},
	"SYS_OPEN":            {FlagArg: 1, Flag: "O_CLOEXEC", Inheritable: -1},
	"SYS_OPENAT":          {FlagArg: 2, Flag: "O_CLOEXEC", Inheritable: -1},
	"SYS_SOCKET":          {FlagArg: 1, Flag: "SOCK_CLOEXEC", Inheritable: -1},
	"SYS_SOCKETPAIR":      {FlagArg: 1, Flag: "SOCK_CLOEXEC", Inheritable: -1, Plural: true},
	"SYS_ACCEPT":          {FlagArg: -1, Inheritable: -1},
	"SYS_ACCEPT4":         {FlagArg: 3, Flag: "SOCK_CLOEXEC", Inheritable: -1},
	"SYS_DUP":             {FlagArg: -1, Inheritable: -1},
	"SYS_DUP3":            {FlagArg: 2, Flag: "O_CLOEXEC", Inheritable: 1},
	"SYS_FCNTL":           {FlagArg: -1, Inheritable: -1, When: &ArgIs{Arg: 1, Const: "F_DUPFD"}, Instead: "F_DUPFD_CLOEXEC"},
	"SYS_EPOLL_CREATE":    {FlagArg: -1, Inheritable: -1},
	"SYS_EPOLL_CREATE1":   {FlagArg: 0, Flag: "EPOLL_CLOEXEC", Inheritable: -1},
	"SYS_INOTIFY_INIT":    {FlagArg: -1, Inheritable: -1},
	"SYS_INOTIFY_INIT1":   {FlagArg: 0, Flag: "IN_CLOEXEC", Inheritable: -1},
	"SYS_EVENTFD":         {FlagArg: -1, Inheritable: -1},
	"SYS_EVENTFD2":        {FlagArg: 1, Flag: "EFD_CLOEXEC", Inheritable: -1},
	"SYS_MEMFD_CREATE":    {FlagArg: 1, Flag: "MFD_CLOEXEC", Inheritable: -1},
	"SYS_USERFAULTFD":     {FlagArg: 0, Flag: "O_CLOEXEC", Inheritable: -1},
	"SYS_TIMERFD_CREATE":  {FlagArg: 1, Flag: "TFD_CLOEXEC", Inheritable: -1},
	"SYS_SIGNALFD4":       {FlagArg: 3, Flag: "SFD_CLOEXEC", Inheritable: -1, When: &ArgIs{Arg: 0, Value: -1}},
	"SYS_FANOTIFY_INIT":   {FlagArg: 0, Flag: "FAN_CLOEXEC", Inheritable: -1},
	"SYS_PERF_EVENT_OPEN": {FlagArg: 4, Flag: "PERF_FLAG_FD_CLOEXEC", Inheritable: -1},
	"SYS_OPEN_TREE":       {FlagArg: 2, Flag: "OPEN_TREE_CLOEXEC", Inheritable: -1},
	"SYS_FSOPEN":          {FlagArg: 1, Flag: "FSOPEN_CLOEXEC", Inheritable: -1},
	"SYS_FSMOUNT":         {FlagArg: 1, Flag: "FSMOUNT_CLOEXEC", Inheritable: -1},
	"SYS_FSPICK":          {FlagArg: 2, Flag: "FSPICK_CLOEXEC", Inheritable: -1},
}

// NumberFormatters are the functions that turn a descriptor into the
// text a child is told (strconv.Itoa(fds[1]) in its arguments), by full
// name. fmt.Errorf and the loggers are left out: an fd in a message is not
// handed over.
var NumberFormatters = map[string]bool{
	"strconv.Itoa": true, "strconv.FormatInt": true, "strconv.FormatUint": true,
	"strconv.AppendInt": true, "strconv.AppendUint": true,
	"fmt.Sprint": true, "fmt.Sprintf": true, "fmt.Sprintln": true,
}

// ControlParsers are the functions of syscall and golang.org/x/sys/unix
// that parse a buffer of control messages, and RightsParser the one that
// reads the descriptors of an SCM_RIGHTS message.
var ControlParsers = map[string]bool{"ParseSocketControlMessage": true, "ParseOneSocketControlMessage": true}

const RightsParser = "ParseUnixRights"

// PidfdOpen and PidfdGetfd are not creators here: the kernel always makes
// their descriptors close-on-exec (pidfd_open(2), pidfd_getfd(2)). Nor is
// Kqueue: darwin and the BSDs do not copy a kqueue into a child created
// with fork (kqueue(2): "The queue is not inherited by a child created
// with fork"), so no process the program starts can inherit it.

// IsSyscallPackage reports whether path is a package of raw system calls:
// syscall or golang.org/x/sys/unix, vendored or not.
func IsSyscallPackage(path string) bool {
	return path == "syscall" || path == "golang.org/x/sys/unix" || strings.HasSuffix(path, "/vendor/golang.org/x/sys/unix")
}

// IsStdPath reports whether an import path may be the standard library's:
// its first element has no dot.
func IsStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// Package analyzer defines forkcheck, an analysis that finds unsafe fork
// usage in Go programs.
//
// # Analyzer forkcheck
//
// forkcheck: report fork without exec and the traps of starting processes
//
// Forking a multithreaded process copies its locks but not its threads:
// a lock held by another thread at the moment of the fork stays held in
// the child forever, and the child deadlocks on it, in the allocator, the
// scheduler or the garbage collector as much as in user code. Every Go
// program is multithreaded from its first instruction, so a fork that is
// not followed at once by exec is never safe in Go (golang/go#227). The safe
// way to start a process is os/exec, os.StartProcess or syscall.ForkExec;
// the safe way to run "more of this program" in the background is to
// re-execute the program's own binary (the moby/sys/reexec and
// sevlyar/go-daemon pattern).
//
// Each finding has a category: rawfork, forklock, cloexec, threadattr,
// threadstate, strict. Run
// "forkcheck explain CATEGORY" for one check's section of this guide.
//
// Every check analyzes the package for the target platform (GOOS and
// GOARCH): code in the branch of an if on a constant that the platform
// never takes, such as if runtime.GOARCH == "s390x" on amd64, holds no
// finding and witnesses nothing. The platform's process model is read from
// its syscall package: forklock reports only where starting a process
// takes syscall.ForkLock (unix; not windows or plan9), cloexec only where a
// program can start a process (not js/wasm or wasip1), threadstate only on
// linux. corpus/platforms.sh checks this on every platform of go tool dist
// list.
//
// # Check rawfork
//
// rawfork reports every place that creates a process by fork, vfork, clone,
// clone3, rfork or pdfork without exec:
//
//   - a call of a function of syscall or golang.org/x/sys/unix that takes a
//     system call number (Syscall, Syscall6, RawSyscall, RawSyscall6,
//     SyscallNoError, RawSyscallNoError, …) whose number resolves, through
//     constants, conversions, local variables, φ-nodes and function values,
//     to a process-creating call of the target GOOS/GOARCH, as read from the
//     type-checked syscall package (linux/arm64 has no fork: clone is the
//     fork there). clone3 is known by its number even through the syscall
//     package, which names it only for itself: 435 after the offset of the
//     platform's numbers (4435 on linux/mips, 5435 on linux/mips64), as in
//     syscall.RawSyscall(unix.SYS_CLONE3, …) or syscall.RawSyscall(435, …).
//     The number may also be held by a package-level variable of the
//     package, each value the package stores in it counting (var sysFork
//     uintptr = syscall.SYS_FORK, or one set per GOARCH in an init function
//     of a build-tagged file), or returned by a function of the package
//     (func forkTrap() uintptr { return unix.SYS_FORK });
//   - a call of a function that passes one of its parameters as the number
//     of such a call, directly or through other such functions, with a
//     number that creates a process: rawSyscall(syscall.SYS_FORK, 0), where
//     func rawSyscall(nr, a1 uintptr) (uintptr, syscall.Errno) calls
//     syscall.RawSyscall(nr, a1, 0, 0). The report is at the call that
//     passes the number, named after the function (rawSyscall(SYS_FORK),
//     lib.RawSyscall(SYS_FORK) for a function of another package), and the
//     related information points at the system call inside it. An
//     exported function of another package is known by its fact ("passes
//     parameter 0 as the number of unix.RawSyscall, parameter 1 as its
//     flags"); a number the function is called only with that creates no
//     process (rawSyscall(syscall.SYS_GETPID, 0)) is no fork, and neither is
//     a parameter that goes elsewhere than into a system call's number (the
//     registers of a traced process);
//   - a cgo call of C.fork, C.vfork, C.daemon or C.forkpty;
//   - a call of a function declared without a body and bound by
//     //go:linkname to an entry point that takes a system call number
//     (//go:linkname rawSyscall syscall.RawSyscall; also Syscall, Syscall6,
//     RawSyscall6, rawSyscallNoError and rawVforkSyscall of syscall, the
//     functions of golang.org/x/sys/unix that take one, and the runtime's
//     Syscall6): the function is that entry point, and its calls are judged
//     as the entry point's, the fork-then-exec idiom included (an alias of
//     Syscall runs the scheduler in the child); the related information
//     points at the directive;
//   - a //go:linkname directive into the runtime's or syscall's fork
//     internals (syscall.runtime_BeforeFork, syscall.runtime_AfterForkInChild, …);
//   - a call of a function of another package that forks, directly or
//     through others: forkcheck exports a fact for it, and the report
//     points at the primitive behind it.
//
// WRONG:
//
//	func daemonize() {
//		pid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
//		if errno != 0 || pid != 0 {
//			os.Exit(0)
//		}
//		// child: goes on running Go code
//	}
//
// forkcheck says:
//
//	syscall.RawSyscall(SYS_FORK) forks without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead
//
// RIGHT: re-execute the program, marking the child in its environment.
//
//	func daemonize() error {
//		if os.Getenv("DAEMON_CHILD") == "1" {
//			return nil // the child goes on
//		}
//		exe, err := os.Executable()
//		if err != nil {
//			return err
//		}
//		cmd := exec.Command(exe, os.Args[1:]...)
//		cmd.Env = append(os.Environ(), "DAEMON_CHILD=1")
//		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
//		if err := cmd.Start(); err != nil {
//			return err
//		}
//		os.Exit(0)
//		return nil
//	}
//
// The suggested fix rewrites the daemonize idiom into that re-execution,
// where the fork is the first statement of main (or of the function main
// calls first), the parent exits with os.Exit(0) when the pid is not zero,
// and an optional error check before it uses the error number only as an
// argument of interface type (log.Fatal): the fork becomes a check of the
// environment that starts the child through a helper added to the file
// (exec.Command of os.Executable, the environment marker, Setsid when the
// child called Setsid) and exits. It adds the imports the helper needs
// and removes those that only the idiom used (golang.org/x/sys/unix in
// syscall.RawSyscall(unix.SYS_FORK, 0, 0, 0) or unix.Setsid()), so that its
// edits compile as they are, wherever they are applied. It changes behaviour: the child runs
// from the start of main, its package initialization included, and
// inherits only stdin, stdout and stderr. Other shapes get the advice in
// the message and this recipe.
//
// The message names what makes the fork worse, with the position in the
// related information:
//
//   - "after a goroutine is started": a goroutine is started on some path
//     before the fork: in the function, in a function of the package it
//     calls first, in a caller in the package before the call that leads to
//     the fork, in the goroutine that runs the fork, in an init function or
//     variable initializer of the package, or in the initialization of an
//     imported package. A go statement starts one, and so do the calls that
//     start a goroutine that may still run after they return:
//     sync.WaitGroup's Go, time.AfterFunc, context.AfterFunc,
//     os/signal's Notify and NotifyContext (the signal loop),
//     golang.org/x/sync/errgroup's Group.Go and TryGo, and a function of
//     another package known by fact to start one (lib.StartWorkers()); a
//     function that sync.Once's Do runs counts where Do is called;
//   - "while mu is locked": a sync.Mutex or sync.RWMutex is locked on some
//     path to the fork (in the function or a caller in the package) and not
//     unlocked on it; a deferred unlock keeps it held. Lock, RLock, a
//     TryLock or TryRLock that returned true, the Lock of an RWMutex's
//     RLocker, each called or through a method value (lock := mu.Lock) or a
//     method expression, lock it; so does a call of a function that returns
//     with the mutex locked (s.lock(), where lock calls s.mu.Lock), in the
//     package or in another (a fact: "locks s.mu"), and a call of one that
//     unlocks it releases it (release(&mu), s.unlock(), or a function
//     literal that unlocks a variable it captures). A mutex left by a
//     callee is named as the caller names the argument: x.mu for
//     x.lock(); "a mutex" when the argument has no name.
//
// A path that returns before the fork, or unlocks before it, adds nothing.
// A function that unlocks its caller's mutex and then forks
// (s.mu.Unlock(); fork(), called with s.mu held) forks with it released:
// the caller's mutex is a witness of that fork only if the function does
// not unlock it on some path before the fork. For a function of another
// package its fact says so ("unlocks s.mu before it creates a process":
// released, maybe, at each of its forks and process starts); one that
// forks first and unlocks after leaves the witness.
// A function literal, whether it captures variables or not, has the
// witnesses of the place that passes or calls it. A deferred fork runs
// when the function returns: its witnesses are those at the returns, once
// the calls deferred after it have run. A fork in a go statement runs in
// a new goroutine: the go statement is its witness, and the caller's
// mutexes are not. The same holds for a fork in the function literal
// given to wg.Go, time.AfterFunc, context.AfterFunc or an errgroup's Go:
// that call is its witness. A goroutine counts from its start on, even
// when it is waited for before the fork (wg.Wait(), a channel): forkcheck
// does not follow what goroutines signal, so wg.Go(f) then wg.Wait() is
// judged as a go statement then wg.Wait() are.
//
// Not reported: the fork-then-exec idiom, where the child's side of the
// fork (the branch on which the returned pid, and the error number, are
// zero) makes only raw system calls (RawSyscall and its relatives, not
// Syscall, which runs the scheduler's entersyscall in the child) and ends
// in an exit system call (exec returns only on failure), a wrapper that
// makes the raw system call and runs no other Go code counting as one;
// os/exec, os.StartProcess and syscall.ForkExec,
// which exec at once; clone with CLONE_VM|CLONE_THREAD, which makes a
// thread, whether the flags are given at the call or passed to a wrapper
// as its parameter or set by the wrapper itself, and clone3 whose struct clone_args (a local struct that begins
// with the 64-bit flags, whose address goes only to the call) has
// CLONE_VM|CLONE_THREAD in every value written to its flags, one of them
// on every path to the call, and clone3 with a constant size below 64
// bytes (CLONE_ARGS_SIZE_VER0), which the kernel rejects before it creates
// anything, as programs probe for clone3; system call numbers in tables or maps rather than calls; and
// functions that are merely named fork.
//
// Limits: a go:linkname alias is known in its package only (a function
// of another package that calls one is known by its fact), and only where
// the package imports, directly or not, syscall or golang.org/x/sys/unix,
// whose numbers it reads; a system call number that the function does not
// compute is followed through a parameter only when the function passes it,
// converted or not, as the number (a φ-node that mixes it with a constant
// does not make a wrapper), through a package-level variable of its own
// package only (not one of another package, nor one whose address is
// taken, nor its zero value), and through the functions of its package
// that return it, not through struct fields, map or slice entries, nor
// functions declared without a body (gVisor's hostsyscall.RawSyscall,
// in assembly); a clone3 through a wrapper is taken to create a process,
// its arguments unseen; a wrapper called through an interface or a
// parameter of function type, or one that is a function literal, is not
// seen (a method value or a local variable that holds it is); calls
// through interfaces are not followed; a call through a package-level
// variable of function type, or a field of function type of a struct type
// of the package, is a call of each function that the package stores in
// it (var setns = unix.Setns, a seam for tests; a function literal
// assigned in init; nsOps{setns: unix.Setns}, a seam injected per value),
// but not of what another package stores in an exported one, nor through
// a variable or field of another package (var Freeze = func() { ... },
// which an importer may change); a lock operation returned as a function value
// (return s.mu.Lock, then s.locker()()) is not seen, and a lock taken
// through an interface is not seen unless the function shows its dynamic
// type (var l sync.Locker = &mu); a function that returns holding a mutex
// on some paths to a return but not on others, or that locks one reached
// from neither a parameter, a package-level variable nor (for a function
// literal) a variable it captures, leaves nothing for its caller; a lock
// of one of several mutexes that a function value may lock is not a
// witness; a function of another package that starts a goroutine is seen
// through its fact, which only exported functions and methods carry (those
// of _test.go files none), whether or not it waits for the goroutine
// before it returns; a starter called through a function value or an
// interface is not seen; the goroutines that the standard library starts
// for its own work on some calls only, and that the program ends through
// what the call returned (net/http's connections and servers,
// database/sql's connection opener, os/exec's copying of standard
// streams), and the runtime's own goroutines, which every program has, are
// not witnesses; the standard library is not analyzed. On linux/s390x the
// clone flags are not checked, so a thread clone is reported; so is a
// clone3 whose clone_args is passed to another function, stored, built by
// a function, or has flags that are not constant.
//
// # Check forklock
//
// forklock reports a process started (syscall.ForkExec,
// syscall.StartProcess, os.StartProcess, exec.Cmd's Start, Run, Output and
// CombinedOutput, or a function of another package known by fact to call
// one) while syscall.ForkLock is held, for reading or writing, on some path
// through the function or its callers in the package: starting a process
// locks ForkLock for writing, so this is a certain deadlock. ForkLock is
// held where rawfork's witnesses hold a mutex: locked directly, through a
// method value or RLocker, by a function of the package or of another
// package that returns with it locked (a fact), through a pointer
// parameter (lockPtr(&syscall.ForkLock)) or an unexported struct field
// that every store of the package sets to &syscall.ForkLock. A function
// that returns an error with ForkLock still held leaves it held only where
// the caller's error is not nil: a caller that returns on the error
// starts its process safely. A function, of the package or of another
// (by fact), that releases ForkLock before it starts a process
// (syscall.ForkLock.Unlock(); cmd.Run(), or through a pointer parameter
// given &syscall.ForkLock) does not deadlock its caller that holds it; one
// that starts first does. One that releases ForkLock on some paths only,
// before its start, is taken to release it (no report rather than a false
// one).
//
// Not reported: a start in a go statement (go cmd.Run() waits in its own
// goroutine for the unlock), and a deferred start that a deferred unlock
// registered after it precedes (defer cmd.Run(); defer
// syscall.ForkLock.Unlock(): the unlock runs first).
//
// WRONG:
//
//	syscall.ForkLock.RLock()
//	defer syscall.ForkLock.RUnlock()
//	return exec.Command("true").Run()
//
// forkcheck says:
//
//	(*exec.Cmd).Run starts a process while syscall.ForkLock is held: it deadlocks, as starting a process locks ForkLock for writing
//
// RIGHT: hold the read lock only to create a descriptor and mark it
// close-on-exec, then release it and start the process.
//
//	syscall.ForkLock.RLock()
//	err := syscall.Pipe(p[:])
//	if err == nil {
//		syscall.CloseOnExec(p[0])
//		syscall.CloseOnExec(p[1])
//	}
//	syscall.ForkLock.RUnlock()
//	...
//	return exec.Command("true").Run()
//
// There is no automatic fix. Limits: a lock taken through an interface
// (sync.Locker) whose dynamic type the function does not show, or through
// an exported field or a variable holding a pointer to ForkLock, is not
// seen; a pointer to ForkLock held in a field of another package's type
// (f := &lib.Freezer{L: &syscall.ForkLock}; f.Freeze()) is not followed,
// nor is a function held in a variable of another package
// (lib.HoldFunc(&syscall.ForkLock)): an importer may change the variable.
// A function of another package that leaves ForkLock locked is seen in
// both drivers, also when that package imports nothing but sync.
//
// # Check cloexec
//
// cloexec reports a descriptor created through syscall or
// golang.org/x/sys/unix without close-on-exec: any process the program
// starts meanwhile, from any goroutine, inherits it (a pipe's write end kept
// open by a child is a reader that never sees end of file). Reported: Pipe;
// Open, Openat and OpenByHandleAt without O_CLOEXEC; Creat; Socket and
// Socketpair without SOCK_CLOEXEC; Accept; Dup; Dup2 and Dup3 except onto 0,
// 1 or 2 (meant to be inherited); EpollCreate; InotifyInit;
// FcntlInt(fd, F_DUPFD, n); and Pipe2, Accept4, Dup3,
// EpollCreate1, InotifyInit1, Eventfd, MemfdCreate, TimerfdCreate,
// Signalfd(-1, …), FanotifyInit, PerfEventOpen, OpenTree, Fsopen, Fsmount
// and Fspick without their close-on-exec flag (TFD_CLOEXEC, SFD_CLOEXEC,
// FAN_CLOEXEC, PERF_FLAG_FD_CLOEXEC, OPEN_TREE_CLOEXEC, FSOPEN_CLOEXEC, …).
// PidfdOpen and PidfdGetfd are not reported: their descriptors are always
// close-on-exec (pidfd_open(2), pidfd_getfd(2)); nor is Kqueue, whose queue
// darwin and the BSDs do not copy into a child created with fork
// (kqueue(2)).
//
// Openat2 is reported when its OpenHow's Flags lack O_CLOEXEC, read from the
// struct that the function builds (&unix.OpenHow{Flags: unix.O_PATH}, or how
// := unix.OpenHow{…} then &how; a missing Flags is 0). System calls by
// constant number through Syscall, RawSyscall, Syscall6, … are judged as
// their wrappers are (unix.Syscall(unix.SYS_EVENTFD2, 0, 0, 0) lacks
// EFD_CLOEXEC; so do SYS_PIPE2, SYS_MEMFD_CREATE, SYS_USERFAULTFD,
// SYS_SOCKET, SYS_OPENAT or SYS_EPOLL_CREATE1 without their flag, and
// SYS_FCNTL with F_DUPFD); where the package does not name the flag (syscall
// has no EFD_CLOEXEC), only flags of 0 are reported. Recvmsg (and
// RecvmsgBuffers) without MSG_CMSG_CLOEXEC is reported where its function
// reads descriptors from what it received (ParseSocketControlMessage of its
// control buffer, then ParseUnixRights): the kernel installs SCM_RIGHTS
// descriptors on receipt (recvmsg(2)); darwin and the BSDs lack the flag,
// and are not judged.
//
// Flags that are not one constant are followed, as system call numbers are,
// through local variables, φ-nodes, conversions and |, &, &^ and ^ (typ :=
// SOCK_STREAM; if nb { typ |= SOCK_NONBLOCK }): they are reported when no
// path sets the flag; and through what only the package sets: a
// package-level variable or a struct field that is unexported (or of a
// main package) and whose address is not handed elsewhere, with every
// value the package stores there (var sockType = unix.SOCK_RAW;
// defaultOptions.socktype; &handle{flags: unix.O_RDWR} in a constructor),
// an element of a map that such a variable holds, the results of a
// function of the package (func netlinkType() int), and a parameter of an
// unexported function that is only called, as every call passes it. Flags
// that are a parameter of a function of the package (func openat(dir int,
// name string, flags int) (int, error), a wrapper of unix.Openat, generic
// or not, or one that calls it in a function literal) are judged at its
// calls in the package: "call of w.openat
// creates a descriptor without O_CLOEXEC", related to the creator's call,
// with no fix; a caller that passes its own parameter on unchanged
// (openIn(dir, p, flags) calls openat(dir, p, flags)) is judged at its
// calls in turn, up the chain. An exported function's calls in other
// packages are judged too (a fact: "passes argument 1 as the flags of
// unix.Open"; not for a method), as a project's own system call package is
// called (runc's internal/linux.Open wraps unix.Open in a retry,
// cilium/ebpf's internal/unix.Open wraps unix.Open): "call of linux.Open
// creates a descriptor without O_CLOEXEC", related to the creator's call
// in that package, with no fix. A wrapper whose creator runs under
// syscall.ForkLock (the idiom below, as mdlayher/socket falls back to it
// where the kernel lacks SOCK_CLOEXEC) is not judged at its calls. Flags
// that an importer may set otherwise (an exported variable or field, an
// option passed through an interface{}, as gopacket's afpacket takes
// OptSocketType), that grow in a loop or with |= on the variable itself,
// or that come from another package, are
// unknown, and not judged. A creator called through a function value (pipe
// := unix.Pipe; pipe(p)), or through a package-level variable or a struct
// field in any file of the package (var unixOpen = unix.Open), is
// reported, with no fix. The os and net packages
// set close-on-exec themselves. On windows a child inherits only the handles
// that its start lists, and nothing is reported.
//
// WRONG:
//
//	var p [2]int
//	syscall.Pipe(p[:])
//
// forkcheck says:
//
//	syscall.Pipe creates descriptors without close-on-exec: a process started meanwhile inherits them
//
// RIGHT (the suggested fix):
//
//	syscall.Pipe2(p[:], syscall.O_CLOEXEC)
//
// The fixes add the flag (O_CLOEXEC, SOCK_CLOEXEC, …) or switch to the
// variant that takes it: Pipe to Pipe2, Accept to Accept4, Dup2 to Dup3,
// EpollCreate to EpollCreate1, InotifyInit to InotifyInit1, F_DUPFD to
// F_DUPFD_CLOEXEC; for Openat2, O_CLOEXEC goes into the composite literal's
// Flags; Dup becomes unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
// where the file already imports golang.org/x/sys/unix (and the Dup is not
// its only use of syscall, which the fix would leave unused). A fix is
// offered only where the target platform's package has the flag and the
// variant (darwin has no Pipe2). A Dup without that fix needs
// golang.org/x/sys/unix imported by hand for the same FcntlInt call, or,
// with syscall alone, syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd),
// syscall.F_DUPFD_CLOEXEC, 0), or the idiom below.
//
// Where the platform lacks the flag, create the descriptor under
// syscall.ForkLock.RLock and mark it with syscall.CloseOnExec before
// RUnlock: forkcheck accepts that idiom when
// CloseOnExec marks the same descriptor (or fcntl(fd, F_SETFD,
// FD_CLOEXEC), by unix.FcntlInt or SYS_FCNTL, as syscall's forkpipe.go
// marks, or a function of the package that marks its parameter so: its
// variable, an element of the
// slice or array it was created in, or the field it was stored in) while
// ForkLock is still held (a deferred RUnlock holds it to the return), and
// marks both ends of a pair (Pipe, Socketpair: p[0] and p[1], or each in a
// loop); a mark after the unlock, of another descriptor, or of one end
// only, is still reported.
//
// A main package that cannot start a process (it does not call one, and no
// package it imports does or is os/exec) has no child to leak into, and is
// not reported; a library is, whatever its importers do.
//
// Some functions run alone in their process: test code (a function of a
// _test.go file, or one that takes a *testing.T, *testing.B, *testing.F or
// testing.TB, under any alias), as go test runs one test at a time and the parallel ones
// together after the others; and a re-exec entry point, a function passed
// to Register of a reexec package (github.com/moby/sys/reexec and its
// copies). There a descriptor is reported only when a process may start
// while it is open: the function that creates it starts one later in its
// source (its function literals and the functions of the package it calls
// included) before it closes the descriptor; or, while the descriptor
// outlives that function (it is not closed there, or the function runs in
// a goroutine), a caller in the package starts one after the call; or a
// test on the way calls t.Parallel. A descriptor that test code throws
// away (assigned to _) is a probe expected to fail, and is not reported.
//
// A descriptor followed, in its function, by syscall.Exec (or Execve,
// Execveat) before any process start is meant for the program that the
// exec runs, as in socket activation, and is not reported. Dup2 and Dup3
// onto standard input, output or error are not reported however the target
// is named: 0, 1 or 2, syscall.Stdout, int(os.Stdout.Fd()), or a parameter
// of a function of the package that every call passes one of those. Nor
// are they onto a parameter of an exported function or method of a
// library (Redirect(f *os.File, fd int)): the importer picks the target,
// in practice standard error, and forkcheck does not follow it to the
// call sites.
//
// A descriptor handed to a child by number is still reported, as any other
// child started meanwhile inherits it too, but with no fix: close-on-exec
// would close it in the child meant to have it. forkcheck sees that hand
// over where the function that creates it formats it as text anywhere
// (strconv.Itoa(fds[1]) or fmt.Sprintf, meant for a command's arguments or
// its environment; a log line that formats it withholds the fix too), or
// Dup2s (Dup3s) it onto a constant number. Write instead:
//
//	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
//	cmd := exec.Command(helper, "--sock", "3")
//	cmd.ExtraFiles = []*os.File{os.NewFile(uintptr(fds[1]), "child")}
//
// Both ends are close-on-exec, so no other child inherits them; the start
// dups the child's end onto 3 (ExtraFiles[i] becomes 3+i) in that child
// alone, without close-on-exec. The parent keeps fds[0] and closes its
// copy of fds[1] after Start. For the same reason a descriptor passed in
// ExtraFiles, or in the Files of an os.ProcAttr or syscall.ProcAttr, keeps
// its fix.
//
// A package initializer (func init) runs before main can start anything:
// a descriptor that it closes again, such as a probe of what the kernel
// supports, is judged like test code; one that it keeps is reported.
//
// Limits: Openat2's OpenHow is read only where the function builds it and
// stores Flags once (a struct from a parameter, or whose Flags grow with |=,
// is not judged); a system call by number is judged only when its number is
// a constant, Signalfd and FcntlInt only when their descriptor or command
// is, and Recvmsg only where the same function parses the rights; a Dup2
// target chosen by an importer is not followed to the call sites; a hand
// over by number is seen only in the function that creates the descriptor;
// FanotifyInit's event_f_flags (the descriptors that events carry) are not
// judged; SYS_DUP2 by number is not judged; a descriptor is followed through
// the variable it is assigned to, not through a slice or a field; in test
// code, "after" is the order of the source, and goroutines that an earlier
// test left running are not counted; a function stored in a variable (a
// hook) is checked whether or not anything calls it; a function of another
// package that creates a descriptor without close-on-exec with flags of
// its own (not its parameter's) is reported in its own package, not at its
// importers' calls, and an exported method that passes its parameter as
// the flags is not followed; cgo calls of C creators (C.socket, C.pipe)
// are not judged.
//
// # Check threadattr
//
// threadattr reports a process started with SysProcAttr.Pdeathsig or
// SysProcAttr.Ptrace set from a goroutine that may not be locked to its OS
// thread. Both belong to the thread that starts the process, not to the
// program (golang/go#27505): the child gets Pdeathsig when that thread
// exits, and only that thread may ptrace the child. forkcheck follows the
// attributes set in the same function before the start, or returned set by
// a helper of the package or of another package (a fact: "returns
// attributes with Pdeathsig set", as reexec.Command does), whatever the
// type is called: golang.org/x/sys/unix's SysProcAttr (an alias of
// syscall's), an alias of the program's own, generic or embedded, a type
// defined from it, new(T), a value whose address is taken later, and
// helpers that return the value rather than a pointer. A value that is
// not a constant (a library's configurable signal, r.PdeathSignal) counts
// on every path where it is not known to be zero: a path that compared it
// with zero knows, so a library that locks the thread only when the signal
// is set (if sig != 0 { runtime.LockOSThread(); defer
// runtime.UnlockOSThread() }, go-runc's fix) is not reported. A helper
// that sets the attributes on an *exec.Cmd, *os.ProcAttr or
// *syscall.SysProcAttr it is given (func setDeathsig(c *exec.Cmd)) sets
// them at each call, in the package or in another (a fact: "sets
// Pdeathsig through c"). A helper that starts a process with attributes
// its caller built (func start(path string, attr *syscall.SysProcAttr)
// that stores attr into the command it starts, a runner's run(cmd *exec.Cmd),
// a spawn(path, pa *os.ProcAttr) that calls os.StartProcess, a
// runConfig(c Config) whose struct has a field of them) on its
// caller's thread makes each call of it a process start, judged where the
// caller is, with the attributes set on what the call hands it, in the
// package or in another (a fact: "starts a process with the attributes of
// attr"); one that locks the thread before the start, or starts a process
// of its own, is not. A function literal that starts a command its
// function configured before making it (go func() { cmd.Run() }()) starts
// it with those attributes. A call of a function value of unknown origin (a
// functional option applied in a loop before the start: for _, o := range
// opts { o(cmd) }) sets what the package's functions of that signature
// that it uses as values (func(c *exec.Cmd) { c.SysProcAttr.Pdeathsig = s
// }) set through their parameter. A copy of a package-level variable of
// attributes (a := *defaultSysProcAttr; cmd.SysProcAttr = &a) carries its
// attributes, unless the function sets the copy's field. The thread counts
// as locked when
// runtime.LockOSThread runs before the start on every path and no
// UnlockOSThread undoes it (a deferred one runs at return), in the
// function, in the goroutine body that runs it, or in every caller in the
// package on the way; a call of a function that leaves the thread locked
// locks it too: a helper that only calls runtime.LockOSThread, or one that
// returns the unlock for its caller to defer (defer pin()()), in the
// package or in another (a fact: "leaves the thread locked").
//
// WRONG:
//
//	cmd := exec.Command("sleep", "60")
//	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
//	return cmd.Start()
//
// forkcheck says:
//
//	(*exec.Cmd).Start starts a process with Pdeathsig from a goroutine not locked to its thread: the child gets the signal when that thread exits, which can happen while the program runs
//
// RIGHT: a dedicated goroutine locks its thread and keeps it while the
// child lives.
//
//	go func() {
//		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
//		cmd := exec.Command("sleep", "60")
//		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
//		done <- cmd.Run()
//	}()
//
// Each attribute is reported only where it can go wrong. The Go runtime
// ends a thread only when a goroutine returns locked to it
// (runtime.LockOSThread without UnlockOSThread in the same function): one
// that a go statement starts, or a function of the package that a starter
// runs in a new goroutine (wg.Go(a.attach), time.AfterFunc(d, f)). In a
// main package, Pdeathsig is reported only if what main and the init
// functions run (followed into other packages by fact: "may end a locked
// thread") may end a thread; in test code (see cloexec), only if the test
// function itself, TestMain or an init function may, or, for a test that
// calls t.Parallel, any test: go test runs the other tests one at a time
// and the parallel ones together after them. A library is reported
// whatever its importers do. Ptrace is reported in a package that makes
// ptrace requests (a Ptrace function of syscall or golang.org/x/sys/unix,
// or SYS_PTRACE), and wherever the traced process leaves the function that
// starts it (its command came from a parameter or a field, or the
// function returns or stores the command, the *os.Process or the pid):
// its requests are made elsewhere; what an unexported function returns is
// followed into its callers in the package (runc's spawnProc hands the
// placeholder to Handles.Get, which kills it), and a pid formatted into a
// path or a message stays where it is. A package that uses it only to stop
// the child at its exec, and kills and waits for it from any thread
// without letting it go, is not reported. A command kept in a struct field
// of the package (p.cmd) carries the attributes set where it was built
// (or set on the field) to the method that starts it, as runc's
// libcontainer builds its init process in one function and starts it in
// another. A package-level variable of the package that holds attributes,
// or a command, with the attribute set (var defaultSysProcAttr =
// &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}, as redpanda's rpk
// keeps them) sets it in each function that hands it on to a process: that
// stores it, or its address, into a command's SysProcAttr (or a
// ProcAttr's Sys), or passes it to a call (template.Start()), where it
// does; printing it, copying it to clear the field, or reading another of
// its fields sets nothing.
// A function literal passed to a function that sends it to a locked
// executor (a goroutine that locks its thread and calls the functions it
// receives from a channel held in a struct field or a package-level
// variable, as Delve's ptrace thread does), or that calls it only where its goroutine is locked (gVisor's
// newSubprocess(create) calls create in the goroutine it locks; a generic
// helper too, onLocked[T any](f func() (T, error))), runs on
// that locked thread; so does a function or method of the package that
// nothing calls but through such a helper (newSubprocess(createStub),
// onLockedThread(t.attach)). threadstate judges its ptrace requests and
// switches the same way.
//
// There is no automatic fix. Limits: a helper that starts a process with
// its caller's attributes in a goroutine of its own, or that is called
// through an interface (go-runc's Monitor.Start(cmd)), is not followed,
// nor a command it keeps in a field of its own: a call of a function of
// another package that starts a process counts only by its fact ("starts
// a process with the attributes of attr"); a functional option is matched
// by its signature in the package that applies it, so an option of
// another package is not followed, and one of the package that sets
// Pdeathsig counts at every call of a function value of its signature; a
// helper that sets attributes through a parameter counts at every call,
// whichever command its caller then starts; LockOSThread calls are
// counted only to one level of nesting; a thread locked in a caller in
// another package is not seen; a command in a field is followed within the package only, and
// counts for every value of the struct; a test helper is judged by its own
// code,
// not by the tests that call it; goroutines that an earlier test left
// running are not counted; a thread that C code created and that calls
// into Go is not counted as one that may exit.
//
// # Check threadstate
//
// threadstate reports per-thread kernel state changed from a goroutine
// that can move between threads. Linux keeps some state per thread, not
// per process (namespaces(7), setns(2), unshare(2), ptrace(2)), and a
// goroutine is not a thread: unless it is locked to one
// (runtime.LockOSThread), it may go on in another thread, and other
// goroutines may run in the one it changed. threadstate reports:
//
//   - a switch of a thread-scoped namespace (network, mount, UTS, IPC,
//     cgroup, time, PID for children; the filesystem attributes, descriptor
//     table and semaphores that unshare separates) by Setns or Unshare of
//     syscall or golang.org/x/sys/unix, a raw setns or unshare, or a call
//     of a function that switches and returns (a fact: "switches the
//     thread's network namespace", as a netns library's Set), from a
//     goroutine that may not be locked to its thread;
//   - a switch into a user namespace, which fails with EINVAL in any
//     multithreaded process, so in every Go program, locked or not;
//   - runtime.UnlockOSThread, called or deferred, that may run while the
//     thread is still switched: a restore that failed, was not checked, or
//     never ran gives a switched thread back to the scheduler;
//   - a goroutine started while the thread may be switched: the new
//     goroutine runs elsewhere, in the original namespaces. A go statement
//     starts one, and so do the starters that run a function of the
//     program in a new goroutine (sync.WaitGroup's Go, time.AfterFunc,
//     context.AfterFunc, golang.org/x/sync/errgroup's Group.Go and TryGo)
//     and a function of another package known by fact to start one
//     ("starts a goroutine: go statement", as a server's Start):
//     "goroutine started by (*sync.WaitGroup).Go while the thread may be
//     switched to another network namespace: it runs on another thread, in
//     the original one";
//   - a path under /proc/self/ns while the thread may be switched: it
//     names the main thread's namespaces (fixed to /proc/thread-self/ns/),
//     as /proc/self is the process' directory, whose files describe its
//     main thread (proc(5)); so do /proc/self/net and /proc/net, its link,
//     while the network namespace may be switched, and
//     /proc/self/mountinfo, mounts, mountstats and /proc/mounts while the
//     mount namespace may be; and so does the process' directory by its ID
//     (/proc/PID/ns, no fix). The path is read from the value the call
//     passes: a literal, a constant, a local variable, a package variable
//     that only its initializer sets, or a path joined (filepath.Join,
//     path.Join), concatenated or formatted (fmt.Sprintf) from them and
//     from the process ID (os.Getpid, syscall.Getpid or unix.Getpid,
//     formatted or passed through strconv.Itoa): "/proc/" +
//     strconv.Itoa(os.Getpid()) + "/ns/net" is reported, and
//     /proc/thread-self and /proc/self/task/TID (unix.Gettid) are right.
//     In a program whose init function locks the main thread, main and
//     the functions only it calls run on the main thread, which /proc/self
//     describes: not reported there;
//   - a ptrace request (a Ptrace function of syscall or
//     golang.org/x/sys/unix, or SYS_PTRACE) from a goroutine that may not
//     be locked to its thread: only the thread that attached may trace;
//   - a raw credential system call (SYS_SETUID, SYS_SETGID, SYS_SETRESUID,
//     SYS_SETGROUPS, SYS_CAPSET and their relatives) from a goroutine that
//     may not be locked to its thread: it changes one thread, where
//     syscall.Setuid and its relatives change every thread since Go 1.16;
//     so does golang.org/x/sys/unix's Setgroups, a raw setgroups(2) in
//     every version, and its Setresuid, Setreuid and their group
//     relatives in versions before 2021 (those without
//     AllThreadsSyscall), which were raw too;
//     and a change of the filesystem user or group ID (Setfsuid, Setfsgid
//     of syscall or golang.org/x/sys/unix, unix.SetfsuidRetUid and
//     SetfsgidRetGid, SYS_SETFSUID), which changes one thread whatever
//     the package, from such a goroutine;
//   - a change of another attribute that linux keeps per thread, from such
//     a goroutine: the CPU affinity (SchedSetaffinity or
//     SYS_SCHED_SETAFFINITY of the calling thread, pid 0 or the process
//     ID), the scheduling priority (Setpriority with PRIO_PROCESS of the
//     same, which names one thread on linux), the capabilities (unix.Capset,
//     SYS_CAPSET: no function changes every thread's), a Landlock domain
//     (SYS_LANDLOCK_RESTRICT_SELF), and the prctl options
//     PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, PR_CAPBSET_DROP, PR_CAP_AMBIENT,
//     PR_SET_KEEPCAPS and PR_SET_SECUREBITS (unix.Prctl or SYS_PRCTL, the
//     option named by golang.org/x/sys/unix's constants or by linux's
//     number, as a package's own pr_CAP_AMBIENT = 47). A prctl option or
//     a system call number that an unexported function (or one of a main
//     package) passes on from its parameter, as moby/sys/capability's
//     prctl(option int, arg2, arg3 uintptr), is judged at that wrapper's
//     calls in the package ("call of capability.prctl(PR_CAP_AMBIENT)
//     changes the ambient capabilities of the calling thread only, ..."),
//     not through a chain of wrappers. A program that
//     renices, pins or confines itself this way changes one thread, and
//     whatever goroutines run there.
//
// WRONG: the goroutine may run the command on another thread, in the
// host's namespace.
//
//	if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
//		return err
//	}
//	return exec.Command("ip", "link").Run()
//
// forkcheck says:
//
//	unix.Setns switches the network namespace of one thread from a goroutine not locked to it: the goroutine can go on in another thread, and others can run in the switched one
//
// RIGHT: a dedicated goroutine locks its thread, switches, works, and
// returns without unlocking: since Go 1.10 the thread ends with it.
//
//	errc := make(chan error, 1)
//	go func() {
//		runtime.LockOSThread() // never unlocked
//		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
//			errc <- err
//			return
//		}
//		errc <- exec.Command("ip", "link").Run()
//	}()
//	return <-errc
//
// WRONG: a failed restore is only logged, then the deferred unlock gives
// the switched thread back.
//
//	runtime.LockOSThread()
//	defer runtime.UnlockOSThread()
//	unix.Setns(target, unix.CLONE_NEWNS)
//	f()
//	if err := unix.Setns(self, unix.CLONE_NEWNS); err != nil {
//		log.Print(err)
//	}
//
// forkcheck says:
//
//	runtime.UnlockOSThread may give the thread back to the scheduler still switched to another mount namespace: other goroutines then run there; restore it, and unlock only if that succeeded
//
// RIGHT: restore, then unlock only if the restore succeeded; otherwise
// return locked, and the thread ends with the goroutine. For a user
// namespace, or to run a whole command in other namespaces, set
// SysProcAttr.Cloneflags or Unshareflags on a re-execution of the program
// (moby/sys/reexec): the child starts in them.
//
// A call of a function of the package is a switch when the function only
// switches the thread and returns, doing nothing in the switched thread but
// report an error (with fmt, errors or os.NewSyscallError: a wrapper, as a
// netns library's Set), when it may
// return with the thread switched by a switch of its own, or when it is a
// function of the package's API (exported, called in the package only by
// its tests). Such a function exports a fact ("switches the thread's
// network namespace", with "and restores it" when every return restores
// it), and its calls are judged where they are, in the package and in
// others: a wrapper or an API function is not reported itself, as its
// callers decide whether the thread is locked. A function that locks or
// unlocks its thread is judged by itself; a call of a function that locks
// the thread before it switches is no finding. Whether a switch or a
// restore succeeded is known on the branches of an if that tests its error
// in the same block; elsewhere either may hold. A second switch of the
// same kind of namespace on a thread that may be switched is taken as the
// restore. A function starts clean unless the package calls it while the
// thread may be switched, or defers it (then the state at the returns its
// defer reaches counts); a function that a go statement or a starter
// runs (wg.Go(func() { ... })) starts clean, on a new goroutine. A
// goroutine start is reported only in the function of the switch, or a
// function literal within it: a call of a function of the package that
// starts one is not followed. Not reported as goroutine starts: the
// starters that run no function of the program (os/signal's Notify and
// NotifyContext, whose loop only delivers signals; a library function
// whose fact names one of them), a goroutine whose function locks or
// unlocks its thread (it puts its thread where it wants, as ns.Do's does),
// and a call of a function of another package that switches the thread,
// may end a locked thread ("may end a locked thread", as ns.Do, whose
// goroutine locks its thread and switches it), or starts only goroutines
// that lock their threads ("starts a goroutine that locks its thread: go
// statement", as moby's nlwrap.NewHandleAt, whose goroutine locks its
// thread, switches it, restores it and unlocks it, and sends its result
// to the caller, who waits); sync.Once's Do runs its function in the
// calling goroutine, on the switched thread. rawfork still counts such a
// goroutine: it may be running at the fork. A library function's
// goroutines lock their threads, for that fact, only if every goroutine
// start it may run (in its body or a function of its package it calls)
// is a go statement or a starter (wg.Go) of a function literal or a
// function of the package whose own body calls runtime.LockOSThread, or
// a call of another package's function with the fact; a goroutine that
// runs a function value, locks through a helper, or is os/signal's loop
// is taken not to lock, and the call is reported as a goroutine start.
//
// Whether the goroutine is locked follows what the package's calls leave
// for their callers: a helper that locks the thread and unlocks it again
// when something after fails (a fact: "leaves the thread locked if it
// succeeds", as cilium/ebpf's testutils lockOSThread) leaves it locked on
// the branch of an if that tests its error for success, and as it was on
// the other. A call that does not return (t.Fatal, t.FailNow, t.Skip and
// their relatives on *testing.T, B, F and testing.TB, which end the
// goroutine with runtime.Goexit; os.Exit; log.Fatal) ends its path, so an
// unlock before t.Fatalf leaves no later code unlocked. A function literal
// that a helper returns for its caller to call or defer (restore, err :=
// enter(ns); defer restore(), as moby's netnsutils OSContext.Set) runs
// where those calls are: on their thread, with the namespaces the helper
// left and the caller has there. One that a function of the package's API
// returns (moby's SetupTestOSContext returns the teardown for tests to
// defer) is judged as that function is: its callers in other packages
// decide. A switch of a namespace of unknown kind (setns with nstype 0) on
// a thread that may be switched restores what may be switched, and
// switches nothing else. A raw setns or unshare through the
// syscall package is named with golang.org/x/sys/unix's numbers when the
// package imports it (syscall.RawSyscall(unix.SYS_SETNS, ...)): syscall's
// tables are frozen, and linux/amd64's lacks SYS_SETNS.
//
// An UnlockOSThread on one side of an if whose condition is not the test of
// a switch's error (a flag that records whether the restore succeeded) is
// not judged, and a ptrace request or raw credential system call in a
// method that nothing in the package calls (called through an interface)
// is taken to run where its caller is. A method that only the package
// calls, through an interface (kube-router's proxy controller locks its
// thread, then calls LinuxNetworking's configureContainerForDSR, which
// switches), runs as those calls do: locked if each is. A method of an
// exported interface that every type of the package implements with a
// switch carries the fact too ("switches the thread's network namespace"
// on github.com/containernetworking/plugins/pkg/ns's NetNS.Set, which
// ns.GetNS returns), so that a call of it in another package is a switch.
// An exported function or method that makes a ptrace request, a raw
// credential call or a change of a thread-scoped attribute without locking
// its thread first (or calls a function of its package that does) leaves
// locking to its callers, as github.com/moby/sys/capability's Apply and
// runc's system.SetKeepCaps do: it is not reported in its package unless
// the package calls it unlocked, and carries a fact ("changes per-thread
// state") that reports its calls from goroutines that may not be locked in
// the importer ("call of boundlib.SetKeepCaps changes the keep-capabilities
// flag of the calling thread only, ..."); so does the method of an exported
// interface that every type of the package implements so.
// A function that calls a function it is given while its thread may be
// switched, or passes it to one that does, carries a fact ("runs toRun
// with the thread switched to another network namespace": NetNS.Do and
// WithNetNSPath of github.com/containernetworking/plugins/pkg/ns, a
// helper of the program's that locks, switches, calls f and restores),
// and a function literal passed to it runs switched: a goroutine it
// starts runs in the original namespace, as the ns package's README
// warns, an UnlockOSThread gives the switched thread back, a /proc/self/ns
// path names the main thread's namespace.
// A program whose init function locks its thread (runtime.LockOSThread,
// with no unlock on any path, as the main plugins of
// containernetworking/plugins do) runs main, and what main calls, on that
// thread for good: not reported as unlocked.
//
// Limits: only linux has these calls. A restore that a function returns
// as a func value is followed only to its callers in the package that call
// or defer the result and do nothing else with it; stored or passed on, or
// returned by a function nothing in the package calls, it is taken to run
// anywhere, unlocked and clean. A helper that calls a "locked if it
// succeeds" helper and tests its error is not itself summarized so (its
// callers see the thread as it was). A restore through a method of an
// interface is followed only if every method of that name in the package
// is a wrapper (a mock of the interface in the same package, as
// kube-router's generated one, hides the switch of the real method). A raw setns through the syscall package, whose tables lack
// SYS_SETNS on most platforms, is seen by golang.org/x/sys/unix's number
// where the package imports it, or by the package's own constant named
// SYS_SETNS (old libcontainer's, checked against linux's number on the
// platform); a bare number, or a variable that holds one (old netns' map
// by GOARCH), is not seen, nor is state switched by C code, or a
// switch whose restore is a different kind of call (a mount namespace
// restored by chroot). A library function whose goroutine is os/signal's
// loop, reached through a function of a third package (its fact names
// that function, not Notify), is reported as a goroutine start. A path
// that a function of the program returns, or built otherwise than above
// (strings.Replace, a bytes.Buffer, a loop), is not seen. The fix to /proc/thread-self needs
// Linux 3.17 or later.
//
// # Check strict
//
// strict reports, with the -strict flag only, every process start, the
// safe ones included (os/exec, os.StartProcess, syscall.ForkExec, functions
// of other packages that call them, and the fork-then-exec idiom), that runs
// after a goroutine is started or while a mutex is held, with the same
// witnesses as rawfork. It is for teams that review every process start; it
// finds nothing wrong by itself.
//
//	go func() { ... }()
//	return exec.Command("true").Run()
//
// forkcheck -strict says:
//
//	(*exec.Cmd).Run starts a process after a goroutine is started (reported for audit in strict mode)
//
// # Suppression
//
// A directive on the line of a finding, or on the line above it, names the
// categories it suppresses and must give a reason:
//
//	//forkcheck:ignore rawfork the child only calls execve, through assembly
//	syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
//
// The analyzer itself honours it, so every driver agrees (standalone, go
// vet, golangci-lint, nogo, gopls). A directive without a reason, with an
// unknown category, or that suppresses nothing is reported, with category
// ignore; so is each category of a directive that suppresses nothing, and
// a comment that looks like a directive but is not one, such as
// "// forkcheck:ignore" with a space after the slashes (Go directives have
// none) or a /* */ comment.
//
// A directive and its finding are matched where they are written in the
// file, not where //line directives say the code comes from: a generator's
// //line (or /*line*/) between the directive and the code below it does
// not move the finding away from the directive, and a //line that maps a
// finding next to a directive farther away does not bring it under it.
//
// A suppressed rawfork finding says that the fork was audited, for every
// caller: the function that holds it does not fork for its callers, in its
// package or in the packages that import it, which report nothing for it
// (no "call of lib.Spawn forks without exec"). Suppress in a library the
// fork that is safe for all of its users; suppress at a call of a
// library's function to accept that one use, which hides the fork from
// this package's importers too. A function that also forks where no
// directive covers it still passes that fork on. A driver's own
// suppression, such as golangci-lint's //nolint:forkcheck, hides the
// finding after the analysis: the fact still reaches importers, which
// report their calls.
//
// # Facts
//
// forkcheck exports a fact for each function that may fork, naming the
// primitive behind it (none for a fork whose finding is suppressed); a fact for each function that may start a process,
// that returns process attributes with Pdeathsig or Ptrace set, that
// may end a locked thread, that switches the calling thread's namespace
// and returns it switched, or that leaves a mutex locked or unlocked for
// its caller ("locks s.mu", "unlocks syscall.ForkLock", "unlocks s.mu
// before it creates a process"), or that is exported and may start a
// goroutine ("starts a goroutine: time.AfterFunc"; "starts a goroutine
// that locks its thread: go statement" when every goroutine it may start
// runs a function that calls runtime.LockOSThread); a fact for each
// function whose calls leave the thread locked or unlocked, set
// Pdeathsig or Ptrace through a parameter, or start a process with the
// attributes of a parameter; and a package fact saying which
// of those its
// functions carry, whether it or a package it imports may start a
// process, and whether its initialization (or that of a package it
// imports) starts a goroutine, a go statement or any of the calls above
// (a library's init that calls lib.StartWorkers(), or
// once.Do(func() { go w() })). Under go vet these travel between packages
// in the vet files. The standalone driver analyzes from source only the
// packages it is given and the dependencies that can carry a fact of
// their own (DependencyMatters: those that name what gives a fact, or
// have a function that, as written, locks a mutex it does not unlock or
// unlocks one it does not lock); it reads the others from the export data
// the build cache holds, and type-checks the declarations of those whose
// export data it does not hold from source rather than have the go
// command compile them. It keeps each dependency's facts in a cache
// ($FORKCHECK_CACHE; the README's Performance section), and each given
// package's facts and findings: a package whose files and dependencies
// did not change since an earlier run is not analyzed again.
package analyzer

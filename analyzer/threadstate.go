package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// The threadstate check: per-thread kernel state changed from a goroutine
// that can move between threads. Linux keeps some state per thread, not
// per process: the namespaces that setns(2) and unshare(2) switch, the
// tracer of a ptrace(2) tracee, the credentials that the raw setuid(2)
// family sets, and the attributes of threadscoped.go (CPU affinity,
// capabilities, no_new_privs, ...). A goroutine not locked to its thread (runtime.LockOSThread)
// may go on in another thread, and other goroutines may run in the switched
// one. Its rules:
//
//   - a switch of a thread-scoped namespace from a goroutine that may not
//     be locked to its thread (threadMayBeUnlocked);
//   - a switch into a user namespace, which fails in any multithreaded
//     process;
//   - a thread given back to the scheduler (UnlockOSThread, deferred or
//     not), a goroutine start (a go statement, a starter of the standard
//     library, a function of another package with a goroutineFact), or a
//     /proc/self/ns path, while the thread may be switched (nsstate.go),
//     also in a function literal that a function runs switched
//     (nscallback.go);
//   - a ptrace request, a raw credential system call or a change of a
//     thread-scoped attribute (threadscoped.go) from a goroutine that may
//     not be locked to its thread.
//
// A function that only switches the thread and returns, leaving it switched
// for its caller (a netns library's Set), is a switch wrapper: it is not
// reported, it carries a threadSwitchFact, and its calls are switches. An
// exported function that makes a thread-bound call leaves locking to its
// callers the same way (threadbound.go, threadBoundFact).

// A threadSwitchFact marks a function that switches the calling thread's
// namespace and returns with it switched, as netns.Set does: its caller
// must be locked to its thread.
type threadSwitchFact struct {
	Kind     string // what it switches, as messages name it: "network namespace"; "namespace" if unknown
	Restores bool   // it restores the thread before it returns: a call needs a locked thread, and leaves the thread as it was
}

func (*threadSwitchFact) AFact() {}

func (f *threadSwitchFact) String() string {
	if f.Restores {
		return "switches the thread's " + f.Kind + " and restores it"
	}
	return "switches the thread's " + f.Kind
}

// A threadSwitch is a call that switches the calling thread's namespaces.
type threadSwitch struct {
	call  ssa.CallInstruction
	what  string // the callee as messages name it: "unix.Setns", "call of netns.Set"
	kind  string // "network namespace", "namespace" when unknown
	slots uint16 // the kinds it switches: bit i for std.ThreadScopedFlags[i], bit unknownSlot if unknown
	user  bool   // it asks for a user namespace, which fails in a multithreaded process

	// called is set for a call of a function that switches (a wrapper, a
	// function of an API, a function of another package with a fact),
	// rather than of a system call: that function may lock the thread first.
	called bool

	// restores is set for a call of a function that switches and restores
	// the thread before it returns: the call needs a locked thread, but
	// leaves the thread's namespaces as they were.
	restores bool

	// runs is set for a call of a function that runs a function literal it
	// is given with the thread switched (switchedRun): the switch that the
	// literal is entered with.
	runs bool
}

// A threadStateRun is the threadstate check over one package.
type threadStateRun struct {
	*ssaPass
	wrappers     map[*ssa.Function]*threadSwitch       // the package's switch wrappers, with their first switch
	states       map[*ssa.Function]*nsFlow             // memo of nsFlowOf
	switches     map[ssa.CallInstruction]*threadSwitch // memo of switchOf, once the wrappers are known
	reported     map[ssa.CallInstruction]bool          // the switches and thread-bound calls reported
	procLits     map[token.Pos]*ast.BasicLit           // memo of procSelfLiterals
	pidLits      map[*ast.BasicLit]bool                // the literals of procLits that format the process ID in
	globalStores map[*ssa.Global][]*ssa.Store          // the stores to the package's variables, for initialValue

	callbacks map[*ssa.Function][]switchedParam       // memo of switchedParams
	bound     map[*ssa.Function]string                // memo of unreportedThreadBound
	wrapped   map[*ssa.Function][]ssa.CallInstruction // memo of paramSyscalls
	paths     map[ssa.Value]string                    // memo of pathOf
	edges     []edgeState                             // outStates' buffer
}

// importedThreadSwitch returns the threadSwitchFact of fn, a function of
// another package, or nil.
func (c *checker) importedThreadSwitch(fn *types.Func) *threadSwitchFact {
	return importedFact[threadSwitchFact](c, fn, func(pf *packageFact) bool { return pf.SwitchesThreads })
}

// mayChangeThreadState reports whether the package can hold a threadstate
// finding: the gate of the check. A system call package (x/sys/unix) holds
// none: checkThreadStates models its calls rather than analyze them, and
// its own uses of them would cost SSA for nothing.
func (c *checker) mayChangeThreadState() bool {
	r := c.refs()
	return (r.threadState || r.ptrace) && !std.IsSyscallPackage(c.pass.Pkg.Path())
}

// checkThreadStates runs the threadstate check over the package and
// exports a threadSwitchFact for each declared switch wrapper, and for
// each method of an exported interface that they all implement.
func (s *ssaPass) checkThreadStates() {
	if !s.mayChangeThreadState() {
		return // nothing to see
	}
	t := &threadStateRun{ssaPass: s, states: make(map[*ssa.Function]*nsFlow), reported: make(map[ssa.CallInstruction]bool), callbacks: make(map[*ssa.Function][]switchedParam), bound: make(map[*ssa.Function]string), wrapped: make(map[*ssa.Function][]ssa.CallInstruction)}
	if !s.refs().switches {
		// Only thread-bound calls (ptrace, credentials, attributes): no
		// switch to find, follow or export.
		t.wrappers, t.switches = map[*ssa.Function]*threadSwitch{}, map[ssa.CallInstruction]*threadSwitch{}
		for _, fn := range s.fns {
			t.checkCalls(fn)
		}
		t.exportThreadBound()
		return
	}
	t.wrappers = t.switchWrappers()
	t.switches = make(map[ssa.CallInstruction]*threadSwitch)
	for _, fn := range s.fns {
		if w := t.wrappers[fn]; w != nil && t.isAPI(fn) {
			w.restores = !t.leavesSwitched(fn)
		}
	}
	for _, fn := range s.fns {
		t.checkCalls(fn)
	}
	for _, fn := range s.fns {
		t.checkSwitchedThread(fn)
	}
	for _, fn := range s.fns {
		if obj, ok := fn.Object().(*types.Func); ok && t.wrappers[fn] != nil {
			s.pass.ExportObjectFact(obj, &threadSwitchFact{Kind: t.wrappers[fn].kind, Restores: t.wrappers[fn].restores})
			s.exports.SwitchesThreads = true
		}
	}
	t.exportInterfaceSwitches()
	t.exportSwitchedCalls()
	t.exportThreadBound()
}

// checkCalls reports the calls of fn that change per-thread state from a
// goroutine that may not be locked to its thread, and the switches into a
// user namespace.
func (t *threadStateRun) checkCalls(fn *ssa.Function) {
	bound, switches := t.refs().threadBound, t.refs().switches
	for _, b := range fn.Blocks {
		if !t.mayRun(b) {
			continue // a branch the target platform never takes
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue // not a call
			}
			var sw *threadSwitch
			if switches {
				sw = t.switchOf(call)
			}
			if sw != nil {
				t.checkSwitch(fn, sw)
			} else if !bound {
				continue // no thread-bound call in the package
			} else if what, consequence := t.threadBoundCall(call); what != "" && t.threadMayBeUnlockedShown(call) {
				pos, end := t.calleeRange(call.Common().Pos())
				t.diag("threadstate", pos, end, what+consequence, nil)
				t.reported[call] = true
			}
		}
	}
}

// checkSwitch reports sw, a switch in fn, if it asks for a user namespace,
// or if the goroutine may not be locked to its thread and fn does more
// than switch (a wrapper leaves that to its callers).
func (t *threadStateRun) checkSwitch(fn *ssa.Function, sw *threadSwitch) {
	pos, end := t.calleeRange(sw.call.Common().Pos())
	switch {
	case sw.user:
		t.diag("threadstate", pos, end, sw.what+" asks for a user namespace, which fails with EINVAL in a multithreaded process such as every Go program: set SysProcAttr.Cloneflags or Unshareflags of a re-executed child instead", nil)
		t.reported[sw.call] = true
	case t.wrapperSwitch(fn) == nil && t.unlockedAtSwitch(sw):
		t.diag("threadstate", pos, end, sw.what+" switches the "+sw.kind+" of one thread from a goroutine not locked to it: the goroutine can go on in another thread, and others can run in the switched one", nil)
		t.reported[sw.call] = true
	}
}

// unlockedAtSwitch reports whether the goroutine may not be locked to its
// thread, for a reason the package shows, when sw switches: before the
// call of a primitive; after the call of a function that switches, which
// may lock the thread first.
func (t *threadStateRun) unlockedAtSwitch(sw *threadSwitch) bool {
	unlocked := t.threadMayBeUnlockedHere(sw.call)
	if sw.called {
		unlocked = t.threadTransfer(unlocked, sw.call)
	}
	return unlocked
}

// switchOf returns the switch that call makes, or nil: a call of Setns or
// Unshare of a system call package, a raw setns or unshare, a call of a
// switch wrapper of the package, or of a function of another package with
// a threadSwitchFact.
func (t *threadStateRun) switchOf(call ssa.CallInstruction) *threadSwitch {
	if t.switches == nil {
		return t.findSwitch(call) // the wrappers are being found
	}
	sw, ok := t.switches[call]
	if !ok {
		sw = t.findSwitch(call)
		t.switches[call] = sw
	}
	return sw
}

// findSwitch returns the switch that call makes, or nil (see switchOf).
func (t *threadStateRun) findSwitch(call ssa.CallInstruction) *threadSwitch {
	common := call.Common()
	if common.IsInvoke() {
		return t.invokedSwitch(call)
	}
	for _, callee := range code.Callees(common) {
		if w := t.wrappers[code.SourceOf(callee)]; w != nil {
			return &threadSwitch{call: call, what: "call of " + calleeName(callee), called: true, kind: w.kind, slots: w.slots, restores: w.restores}
		}
		obj, ok := callee.Object().(*types.Func)
		if !ok || obj.Pkg() == nil {
			continue // a function literal or a wrapper
		}
		if f := t.importedThreadSwitch(obj); f != nil {
			return &threadSwitch{call: call, what: "call of " + code.QualifiedName(obj), called: true, kind: f.Kind, slots: slotsOf(f.Kind), restores: f.Restores}
		}
		if !std.IsSyscallPackage(obj.Pkg().Path()) {
			continue
		}
		if arg, ok := std.NamespaceSwitchers[obj.Name()]; ok && obj.Signature().Recv() == nil && arg < len(common.Args) {
			return t.namespaceSwitch(call, obj.Pkg(), obj.Pkg().Name()+"."+obj.Name(), common.Args[arg], obj.Name() == "Setns")
		}
		if name := t.trapName(common, obj, namespaceTrapNames); name != "" {
			if arg := 1 + std.NamespaceTraps[name]; arg < len(common.Args) {
				return t.namespaceSwitch(call, obj.Pkg(), obj.Pkg().Name()+"."+obj.Name()+"("+name+")", common.Args[arg], name == "SYS_SETNS")
			}
		}
	}
	return nil
}

// namespaceSwitch returns the switch of a call whose flags are the value
// flags, with the flag constants of pkg, or nil if the flags change nothing
// thread-scoped. For setns, whose flags are nstype, zero joins the
// namespace of the descriptor, whatever its type (any is true).
func (t *threadStateRun) namespaceSwitch(call ssa.CallInstruction, pkg *types.Package, what string, flags ssa.Value, any bool) *threadSwitch {
	sw := &threadSwitch{call: call, what: what, kind: "namespace", slots: 1 << unknownSlot}
	values, ok := code.IntValueSet(flags)
	if !ok || len(values) == 0 {
		return sw // unknown flags
	}
	if user, ok := code.IntConst(pkg, "CLONE_NEWUSER"); ok && !slices.ContainsFunc(values, func(v int64) bool { return v&user == 0 }) {
		sw.user = true
		return sw
	}
	var kinds []string
	var slots uint16
	for i, f := range std.ThreadScopedFlags {
		n, ok := code.IntConst(pkg, f.Flag)
		if ok && slices.ContainsFunc(values, func(v int64) bool { return v&n != 0 }) {
			kinds = append(kinds, f.Words)
			slots |= 1 << i
		}
	}
	switch {
	case len(kinds) == 1:
		sw.kind, sw.slots = kinds[0], slots
	case len(kinds) > 1:
		sw.kind, sw.slots = "namespaces", slots
	case !any || !slices.Contains(values, 0):
		return nil // flags that change nothing thread-scoped
	}
	return sw
}

// namespaceTrapNames are the names of std.NamespaceTraps, in order.
var namespaceTrapNames = slices.Sorted(maps.Keys(std.NamespaceTraps))

// threadBoundTraps are the system calls whose effect belongs to the
// calling thread, other than namespace switches: credentials and ptrace.
var threadBoundTraps = append(slices.Clone(std.CredentialTraps), "SYS_PTRACE")

// ptraceConsequence ends the message of a ptrace request.
const ptraceConsequence = " makes a ptrace request from a goroutine not locked to its thread: only the thread that attached may trace, and the request fails with ESRCH on another"

// credentialConsequence ends the message of a raw change of credentials.
const credentialConsequence = " changes the credentials of the calling thread only: other threads keep the old ones; use the syscall package's function, which changes every thread"

// isPerThreadCredential reports whether fn, a function of a system call
// package, is one of golang.org/x/sys/unix's that change the credentials
// of the calling thread only in the version the package uses
// (std.XSysCredentialFuncs).
func isPerThreadCredential(fn *types.Func) bool {
	always, ok := std.XSysCredentialFuncs[fn.Name()]
	if !ok || fn.Pkg().Path() != "golang.org/x/sys/unix" {
		return false
	}
	return always || fn.Pkg().Scope().Lookup("AllThreadsSyscall") == nil
}

// fsCredentialConsequence ends the message of a change of the filesystem
// user or group ID, which has no variant for every thread.
const fsCredentialConsequence = " changes the filesystem credentials of the calling thread only, from a goroutine not locked to it: the goroutine can go on in another thread with the old ones, and others can run in this one with the new; lock the goroutine to its thread first"

// trapName returns the first of names that is the system call number that
// call of fn, a function of a system call package that takes a number,
// makes; "" if none.
func (t *threadStateRun) trapName(call *ssa.CallCommon, fn *types.Func, names []string) string {
	if !isTrapFunc(fn) || len(call.Args) == 0 {
		return ""
	}
	traps, _ := code.IntValues(call.Args[0])
	for _, name := range names {
		for _, n := range t.trapNumbers(fn.Pkg(), name) {
			if slices.Contains(traps, n) {
				return name
			}
		}
	}
	return ""
}

// trapNumbers returns the numbers that the system call packages of pkg
// (trapPackages) give the system call name; for SYS_SETNS, which the
// syscall package lacks on most architectures, the number linux gives it
// there (std.SetnsByUnshare) if none does.
func (t *threadStateRun) trapNumbers(pkg *types.Package, name string) []int64 {
	var numbers []int64
	for _, p := range t.trapPackages(pkg) {
		if n, ok := code.IntConst(p, name); ok {
			numbers = append(numbers, n)
		}
	}
	if name == "SYS_SETNS" && len(numbers) == 0 {
		if unshare, ok := code.IntConst(pkg, "SYS_UNSHARE"); ok {
			if n, ok := std.SetnsByUnshare[unshare]; ok {
				numbers = append(numbers, n)
			}
		}
	}
	return numbers
}

// trapPackages returns the packages whose constants name the system call
// numbers of a call of a function of pkg: pkg, then golang.org/x/sys/unix
// when the package imports it. The syscall package's tables are frozen
// and lack newer calls (SYS_SETNS on linux/amd64), so code passes
// unix.SYS_SETNS to syscall.RawSyscall.
func (t *threadStateRun) trapPackages(pkg *types.Package) []*types.Package {
	pkgs := []*types.Package{pkg}
	for _, imp := range t.pass.Pkg.Imports() {
		if imp.Path() == "golang.org/x/sys/unix" && imp != pkg {
			pkgs = append(pkgs, imp)
		}
	}
	return pkgs
}

// threadBoundCall returns how the message for call names it and what the
// message says follows, if call makes a ptrace request, a raw credential
// system call, or a call that changes another thread-scoped attribute
// (threadScopedCall), whose effect belongs to the calling thread, or calls
// a function of another package that does (threadBoundFact); "" otherwise.
func (t *threadStateRun) threadBoundCall(call ssa.CallInstruction) (what, consequence string) {
	if m := call.Common().Method; m != nil {
		if f := t.importedThreadBound(m); f != nil {
			return "call of " + code.QualifiedName(m), f.Consequence // through an interface of another package
		}
	}
	for _, callee := range code.Callees(call.Common()) {
		obj, ok := callee.Object().(*types.Func)
		if !ok || obj.Pkg() == nil {
			continue // a literal or a builtin
		}
		if f := t.importedThreadBound(obj); f != nil {
			return "call of " + code.QualifiedName(obj), f.Consequence
		}
		if obj.Pkg() == t.pass.Pkg {
			if what, consequence := t.wrappedThreadBound(call.Common(), callee); what != "" {
				return what, consequence // prctl(pr_CAP_AMBIENT, ...), a wrapper of SYS_PRCTL
			}
			continue
		}
		if what, consequence := t.syscallBound(call.Common(), obj); what != "" {
			return what, consequence
		}
	}
	return "", ""
}

// syscallBound returns how the message for call, a call of obj, names it
// and what the message says follows, if obj is a function of a system call
// package on linux and call makes a ptrace request, a raw credential
// system call or a change of another thread-scoped attribute
// (threadScopedCall); "" otherwise.
func (t *threadStateRun) syscallBound(call *ssa.CallCommon, obj *types.Func) (what, consequence string) {
	if !std.IsSyscallPackage(obj.Pkg().Path()) || obj.Signature().Recv() != nil {
		return "", "" // not a function of a system call package
	}
	if _, linux := code.IntConst(obj.Pkg(), "CLONE_NEWNET"); !linux {
		return "", "" // tracers and credentials belong to threads on linux
	}
	name := obj.Pkg().Name() + "." + obj.Name()
	if strings.HasPrefix(obj.Name(), "Ptrace") {
		return name, ptraceConsequence
	}
	if std.FSCredentialFuncs[obj.Name()] {
		return name, fsCredentialConsequence
	}
	if isPerThreadCredential(obj) {
		return name, credentialConsequence
	}
	if what, consequence := t.threadScopedCall(call, obj); what != "" {
		return what, consequence
	}
	switch trap := t.trapName(call, obj, threadBoundTraps); {
	case trap == "":
	case trap == "SYS_PTRACE":
		return name + "(SYS_PTRACE)", ptraceConsequence
	case strings.HasPrefix(trap, "SYS_SETFS"):
		return name + "(" + trap + ")", fsCredentialConsequence
	case trap == "SYS_CAPSET":
		return name + "(SYS_CAPSET)", threadScopedConsequence("capabilities") // no function changes every thread's
	default:
		return name + "(" + trap + ")", credentialConsequence
	}
	return "", ""
}

// switchWrappers returns the functions of the package whose calls are
// switches: the pure wrappers (wrapperSwitch), which do nothing in the
// switched thread; the functions of the package's API (isAPI) that switch,
// whose callers must be locked to their threads; and those that may return
// with the thread switched by a switch of their own, unless they return a
// function (the restore, for the caller to call: not followed). A function
// that locks or unlocks its thread is judged by itself, and its calls are
// no switches (moby's networking.Host.Do locks, switches, restores). It
// iterates until no function is added, as a wrapper may call another.
func (t *threadStateRun) switchWrappers() map[*ssa.Function]*threadSwitch {
	t.wrappers = make(map[*ssa.Function]*threadSwitch)
	for changed := true; changed; {
		changed = false
		for _, fn := range t.fns {
			if t.wrappers[fn] != nil || fn.Object() == nil && code.FuncVarName(fn) == "" {
				continue // known, or a function literal that is not a variable's or field's value
			}
			if t.isMainFunc(fn) || code.IsInitFunc(fn) {
				continue // nothing calls it: its switches are judged where they are
			}
			sw := t.wrapperSwitch(fn)
			if sw == nil && !t.managesLock(fn) && (t.isAPI(fn) || t.leavesSwitched(fn) && !returnsFunc(fn)) {
				sw = t.ownSwitch(fn)
			}
			if sw != nil {
				t.wrappers[fn] = sw
				changed = true
			}
		}
	}
	return t.wrappers
}

// wrapperSwitch returns the first switch of fn if fn is a switch wrapper:
// it has a switch, not into a user namespace, every call that may run while
// the thread is switched (a call on the branch where the switch failed does
// not) reports an error or switches again, and it leaves the thread's lock
// alone (one that locks or unlocks is judged by itself); nil otherwise.
func (t *threadStateRun) wrapperSwitch(fn *ssa.Function) *threadSwitch {
	if t.isMainFunc(fn) || code.IsInitFunc(fn) {
		return nil // nothing calls it: its switches are judged where they are
	}
	var switches []*threadSwitch
	var calls []ssa.Instruction
	for _, b := range fn.Blocks {
		if !t.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case ssa.CallInstruction:
				if t.isLockOSThread(instr.Common()) || t.isUnlockOSThread(*instr.Common()) {
					return nil
				}
				if sw := t.switchOf(instr); sw != nil && !sw.user {
					switches = append(switches, sw)
				} else {
					calls = append(calls, instr)
				}
			}
		}
	}
	if len(switches) == 0 {
		return nil
	}
	own := t.flow(fn, cleanState()) // what fn itself does to the thread
	for _, call := range calls {
		if _, deferred := call.(*ssa.Defer); deferred || isErrorReport(call.(ssa.CallInstruction)) {
			continue // runs at return, as a Close; or reports an error
		}
		if t.stateIn(own, call).first(nil) != nil {
			return nil // work in the switched thread
		}
	}
	return switches[0]
}

// isErrorReport reports whether call only builds or inspects an error:
// a builtin, a function of an error package or an error function of
// another (os.NewSyscallError), or a method Error.
func isErrorReport(call ssa.CallInstruction) bool {
	if _, ok := call.(*ssa.Call); !ok {
		return false // go or defer
	}
	common := call.Common()
	if _, ok := common.Value.(*ssa.Builtin); ok {
		return true
	}
	if common.IsInvoke() {
		return common.Method.Name() == "Error"
	}
	callee := common.StaticCallee()
	if callee == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	return ok && obj.Pkg() != nil && (std.ErrorPackages[obj.Pkg().Path()] || std.ErrorFuncs[[2]string{obj.Pkg().Path(), obj.Name()}] || obj.Name() == "Error")
}

// isThreadStateName reports whether obj, used by the package, switches
// namespaces (isSwitchName) or names another call that changes per-thread
// state (isThreadBoundName).
func isThreadStateName(obj types.Object) bool {
	return isSwitchName(obj) || isThreadBoundName(obj)
}

// slotsOf returns the slots of a switch that a fact names by kind.
func slotsOf(kind string) uint16 {
	for i, f := range std.ThreadScopedFlags {
		if f.Words == kind {
			return 1 << i
		}
	}
	return 1 << unknownSlot
}

// calleeName returns how a message names fn, a function of the package:
// a function literal by the package-level variable it is the value of.
func calleeName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		return code.QualifiedName(obj)
	}
	if name := code.FuncVarName(fn); name != "" {
		return name
	}
	return fn.Name()
}

func (c *checker) isLockOSThread(call *ssa.CallCommon) bool {
	return c.calleeName(call) == "runtime.LockOSThread"
}

// calleeName returns the full name of the function of the standard
// library (or x/sys/unix) that call calls statically, or "" (stdName).
func (c *checker) calleeName(call *ssa.CallCommon) string {
	callee := call.StaticCallee()
	if callee == nil {
		return ""
	}
	obj, _ := callee.Object().(*types.Func)
	return c.stdName(obj)
}

// isAPI reports whether fn is a function of a library's API that nothing
// in the package calls but its tests: its callers, in other packages,
// decide whether its goroutine is locked, and are judged through its
// threadSwitchFact.
func (s *ssaPass) isAPI(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || !obj.Exported() || s.pass.Pkg.Name() == "main" || s.calledOutsideTests(fn) {
		return false
	}
	if recv := obj.Signature().Recv(); recv != nil {
		typ := types.Unalias(recv.Type())
		if ptr, ok := typ.(*types.Pointer); ok {
			typ = types.Unalias(ptr.Elem())
		}
		named, ok := typ.(*types.Named)
		if !ok || !named.Obj().Exported() {
			return false // a method of an unexported type: called through an interface, if at all
		}
	}
	file := s.fileOf(obj.Pos())
	return file != nil && !code.IsTestFile(s.pass.Fset, file)
}

// calledOutsideTests reports whether code of the package, other than its
// _test.go files, calls fn.
func (s *ssaPass) calledOutsideTests(fn *ssa.Function) bool {
	for _, site := range s.callers[fn] {
		if file := s.fileOf(site.Parent().Pos()); file == nil || !code.IsTestFile(s.pass.Fset, file) {
			return true
		}
	}
	return false
}

// ownSwitch returns the first switch, not into a user namespace, that fn
// makes in a block that may run, or nil.
func (t *threadStateRun) ownSwitch(fn *ssa.Function) *threadSwitch {
	for _, b := range fn.Blocks {
		if !t.mayRun(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if sw := t.switchOf(call); sw != nil && !sw.user && !sw.restores {
					return sw
				}
			}
		}
	}
	return nil
}

// leavesSwitched reports whether fn, entered with the thread as it was, may
// return with the thread switched by a switch of its own. A deferred switch
// runs at the returns it reaches, and is taken to succeed.
func (t *threadStateRun) leavesSwitched(fn *ssa.Function) bool {
	own := t.flow(fn, cleanState())
	var deferred []*ssa.Defer
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && t.mayRun(b) {
				deferred = append(deferred, d)
			}
		}
	}
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 || !t.mayRun(b) {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue // not a return
		}
		state := t.stateIn(own, ret)
		for i := len(deferred) - 1; i >= 0; i-- {
			if sw := t.switchOf(deferred[i]); sw != nil && !sw.user && !sw.restores && code.Reaches(deferred[i], ret) {
				state = state.after(sw)
			}
		}
		if state.first(nil) != nil {
			return true
		}
	}
	return false
}

// invokedSwitch returns the switch that call, an interface method call,
// makes: when every method of the package's types with that name that
// implements the interface is a switch wrapper (implementedSwitch), or when
// the interface's method carries a threadSwitchFact, which the package
// that declares the interface exports on that ground (ns.NetNS's Set, of
// github.com/containernetworking/plugins/pkg/ns, which ns.GetNS returns);
// nil otherwise.
func (t *threadStateRun) invokedSwitch(call ssa.CallInstruction) *threadSwitch {
	common := call.Common()
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	if w := t.implementedSwitch(iface, common.Method.Name()); w != nil {
		return &threadSwitch{call: call, what: "call of " + common.Method.Name(), called: true, kind: w.kind, slots: w.slots, restores: w.restores}
	}
	if m := common.Method; m.Pkg() != nil && m.Pkg() != t.pass.Pkg {
		if f := t.importedThreadSwitch(m); f != nil {
			return &threadSwitch{call: call, what: "call of " + code.QualifiedName(m), called: true, kind: f.Kind, slots: slotsOf(f.Kind), restores: f.Restores}
		}
	}
	return nil
}

// implementedSwitch returns the switch of the package's switch wrappers
// that implement the method name of iface, if every method of the
// package's types with that name that implements iface is one; nil
// otherwise.
func (t *threadStateRun) implementedSwitch(iface *types.Interface, name string) *threadSwitch {
	var found *threadSwitch
	for _, fn := range t.implementations(iface, name) {
		w := t.wrappers[fn]
		if w == nil {
			return nil // an implementation that does not switch
		}
		if found == nil {
			found = w
		}
	}
	return found
}

// implementations returns the methods name of the package's types that
// implement iface, in source order.
func (t *threadStateRun) implementations(iface *types.Interface, name string) []*ssa.Function {
	var impls []*ssa.Function
	for _, fn := range t.fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Name() != name {
			continue // a function literal, or another name
		}
		if recv := obj.Signature().Recv(); recv != nil && types.Implements(recv.Type(), iface) {
			impls = append(impls, fn)
		}
	}
	return impls
}

// exportInterfaceSwitches exports a threadSwitchFact for each method of
// the package's exported interfaces that every implementation in the
// package switches (implementedSwitch): a package that returns the
// interface, as github.com/containernetworking/plugins/pkg/ns returns
// NetNS, has its importers call the method through it.
func (t *threadStateRun) exportInterfaceSwitches() {
	for _, iface := range t.exportedInterfaces() {
		for m := range iface.ExplicitMethods() {
			if w := t.implementedSwitch(iface, m.Name()); w != nil {
				t.pass.ExportObjectFact(m, &threadSwitchFact{Kind: w.kind, Restores: w.restores})
				t.exports.SwitchesThreads = true
			}
		}
	}
}

// exportedInterfaces returns the interfaces that the package declares
// with exported names, in the order of their names.
func (c *checker) exportedInterfaces() []*types.Interface {
	var ifaces []*types.Interface
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || tn.IsAlias() {
			continue // not an exported type declared here
		}
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			ifaces = append(ifaces, iface)
		}
	}
	return ifaces
}

// returnsFunc reports whether fn returns a function value.
func returnsFunc(fn *ssa.Function) bool {
	for v := range fn.Signature.Results().Variables() {
		if _, ok := v.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// managesLock reports whether fn locks or unlocks its goroutine's thread,
// called or deferred.
func (c *checker) managesLock(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && (c.isLockOSThread(call.Common()) || c.isUnlockOSThread(*call.Common())) {
				return true
			}
		}
	}
	return false
}

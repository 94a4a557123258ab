package analyzer

import (
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// Thread-scoped attributes, for threadstate: beyond namespaces,
// credentials and ptrace, linux keeps per thread the CPU affinity, the
// scheduling priority that setpriority(2) sets for PRIO_PROCESS, the
// capability sets, the no_new_privs flag, a seccomp filter installed by
// prctl, a Landlock domain (std.ThreadAttrFuncs, std.ThreadAttrTraps,
// std.PrctlOptions). Set from a goroutine not locked to its thread, the
// attribute stays with a thread the goroutine may leave: a process that
// renices or confines itself this way renices or confines one thread, and
// whatever goroutines the scheduler puts there.

// threadScopedTraps are the system call numbers whose calls may change a
// thread-scoped attribute.
var threadScopedTraps = append(mapKeys(std.ThreadAttrTraps), "SYS_PRCTL")

// prctlOptionNames are the names of std.PrctlOptions, in order.
var prctlOptionNames = mapKeys(std.PrctlOptions)

// threadScopedCall returns how the message for a call of obj, a function of
// a system call package on linux, names it and what follows, if it changes
// a thread-scoped attribute of the calling thread; "" otherwise.
func (t *threadStateRun) threadScopedCall(common *ssa.CallCommon, obj *types.Func) (what, consequence string) {
	name := obj.Pkg().Name() + "." + obj.Name()
	if a, ok := std.ThreadAttrFuncs[obj.Name()]; ok && t.namesCallingThread(common.Args, a, obj.Pkg()) {
		return name, threadScopedConsequence(a.What)
	}
	if (obj.Name() == "Prctl" || obj.Name() == "PrctlRetInt") && len(common.Args) > 0 {
		if opt := t.constNamed(common.Args[0], obj.Pkg(), prctlOptionNames); opt != "" && t.prctlChanges(opt, common.Args[1:], obj.Pkg()) {
			return name + "(" + opt + ")", threadScopedConsequence(std.PrctlOptions[opt])
		}
	}
	switch trap := t.trapName(common, obj, threadScopedTraps); {
	case trap == "SYS_PRCTL" && len(common.Args) > 1:
		if opt := t.constNamed(common.Args[1], obj.Pkg(), prctlOptionNames); opt != "" && t.prctlChanges(opt, common.Args[2:], obj.Pkg()) {
			return name + "(SYS_PRCTL, " + opt + ")", threadScopedConsequence(std.PrctlOptions[opt])
		}
	case trap != "" && trap != "SYS_PRCTL":
		if a := std.ThreadAttrTraps[trap]; t.namesCallingThread(common.Args[1:], a, obj.Pkg()) {
			return name + "(" + trap + ")", threadScopedConsequence(a.What)
		}
	}
	return "", ""
}

// prctlChanges reports whether a prctl of option opt, with args after the
// option, may change the attribute: not a query (PR_CAP_AMBIENT's
// PR_CAP_AMBIENT_IS_SET), nor a seccomp filter of nil, which fails (EFAULT
// where filters are supported, EINVAL where not): the probe that
// containerd's seccomp.IsEnabled makes.
func (t *threadStateRun) prctlChanges(opt string, args []ssa.Value, pkg *types.Package) bool {
	switch {
	case opt == "PR_CAP_AMBIENT" && len(args) > 0:
		return t.constNamed(args[0], pkg, []string{"PR_CAP_AMBIENT_IS_SET"}) == "" || !isOnly(args[0])
	case opt == "PR_SET_SECCOMP" && len(args) > 1 && t.constNamed(args[0], pkg, []string{"SECCOMP_MODE_FILTER"}) != "":
		vals, ok := code.IntValues(args[1])
		return !ok || slices.ContainsFunc(vals, func(n int64) bool { return n != 0 })
	}
	return true
}

// isOnly reports whether v holds one known constant.
func isOnly(v ssa.Value) bool {
	vals, ok := code.IntValues(v)
	return ok && len(slices.Compact(slices.Sorted(slices.Values(vals)))) == 1
}

// threadScopedConsequence ends the message of a change of what, a
// thread-scoped attribute.
func threadScopedConsequence(what string) string {
	return " changes the " + what + " of the calling thread only, from a goroutine not locked to it: the goroutine can go on in another thread without it, and others can run in this one with it"
}

// namesCallingThread reports whether args, the arguments of a call of a,
// name the calling thread: the argument that says what is named is
// a.WhichIs, and the one that names it is 0 or the process ID (which names
// the main thread, the calling thread's or not). A call whose arguments
// are not known constants is not judged.
func (t *threadStateRun) namesCallingThread(args []ssa.Value, a std.ThreadAttr, pkg *types.Package) bool {
	if a.Which >= 0 && (a.Which >= len(args) || t.constNamed(args[a.Which], pkg, []string{a.WhichIs}) == "") {
		return false
	}
	if a.Self < 0 {
		return true
	}
	if a.Self >= len(args) {
		return false
	}
	if vals, ok := code.IntValues(args[a.Self]); ok {
		return !slices.ContainsFunc(vals, func(n int64) bool { return n != 0 })
	}
	return t.isOwnID(args[a.Self])
}

// isOwnID reports whether v is the result of a call of Getpid or Gettid of
// os, syscall or golang.org/x/sys/unix, converted or not.
func (t *threadStateRun) isOwnID(v ssa.Value) bool {
	call, ok := code.Unconvert(v).(*ssa.Call)
	if !ok {
		return false
	}
	switch t.calleeName(&call.Call) {
	case "os.Getpid", "syscall.Getpid", "syscall.Gettid", "golang.org/x/sys/unix.Getpid", "golang.org/x/sys/unix.Gettid":
		return true
	}
	return false
}

// constNamed returns the first of names that is a constant of the system
// call packages of pkg (trapPackages) whose value v may hold, or "". A
// prctl constant that none of them defines (the syscall package's tables
// are frozen before PR_CAP_AMBIENT) has linux's value (std.PrctlNumbers),
// which code that defines its own (moby/sys/capability's pr_CAP_AMBIENT)
// passes.
func (t *threadStateRun) constNamed(v ssa.Value, pkg *types.Package, names []string) string {
	vals, _ := code.IntValues(v)
	for _, name := range names {
		defined := false
		for _, p := range t.trapPackages(pkg) {
			n, ok := code.IntConst(p, name)
			if ok && slices.Contains(vals, n) {
				return name
			}
			defined = defined || ok
		}
		if n, ok := std.PrctlNumbers[name]; ok && !defined && slices.Contains(vals, n) {
			return name
		}
	}
	return ""
}

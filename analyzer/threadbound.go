package analyzer

import (
	"cmp"
	"go/types"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
	"golang.org/x/tools/go/ssa"
)

// Thread-bound calls across packages, for threadstate: an exported function
// or method that makes a ptrace request, a raw credential system call or a
// change of a thread-scoped attribute, and does not lock its thread first,
// leaves it to its callers to be locked (github.com/moby/sys/capability's
// Apply calls capset). It is not reported where its own package shows no
// unlocked caller; it carries a threadBoundFact, and a call of it from a
// goroutine that may not be locked is reported in the importer.

// A threadBoundFact marks a function whose call changes state of the
// calling thread only, unless its caller is locked to its thread.
type threadBoundFact struct {
	Consequence string // what follows the callee's name in the message: " changes the capabilities of the calling thread only, ..."
}

func (*threadBoundFact) AFact() {}

func (f *threadBoundFact) String() string { return "changes per-thread state" }

// isThreadBoundName reports whether obj, used by the package, names a
// thread-bound call other than a namespace switch: a ptrace request, a
// credential or thread-scoped function or system call number of a system
// call package, SYS_PRCTL, or a prctl option of std.PrctlOptions.
func isThreadBoundName(obj types.Object) bool {
	if isPtraceRequest(obj) {
		return true
	}
	if obj.Pkg() == nil || !std.IsSyscallPackage(obj.Pkg().Path()) {
		return false
	}
	switch obj := obj.(type) {
	case *types.Func:
		_, attr := std.ThreadAttrFuncs[obj.Name()]
		return attr || std.FSCredentialFuncs[obj.Name()] || isPerThreadCredential(obj) // Prctl, by its options
	case *types.Const:
		_, attr := std.ThreadAttrTraps[obj.Name()]
		_, option := std.PrctlOptions[obj.Name()]
		return attr || option || obj.Name() == "SYS_PRCTL" || slices.Contains(std.CredentialTraps, obj.Name()) // SYS_PRCTL, by its options
	}
	return false
}

// importedThreadBound returns the threadBoundFact of fn, a function of
// another package, or nil.
func (c *checker) importedThreadBound(fn *types.Func) *threadBoundFact {
	return importedFact[threadBoundFact](c, fn, func(pf *packageFact) bool { return pf.ThreadBound })
}

// exportThreadBound exports a threadBoundFact for each exported function
// and method of the package that makes a thread-bound call (threadBoundCall)
// where the goroutine is unlocked if it entered unlocked, and that was not
// reported here.
func (t *threadStateRun) exportThreadBound() {
	if !t.refs().threadBound {
		return // no thread-bound call to leave to callers
	}
	for _, fn := range t.fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || code.IsInitFunc(fn) {
			continue // nothing another package calls
		}
		if consequence := t.unreportedThreadBound(fn); consequence != "" {
			t.pass.ExportObjectFact(obj, &threadBoundFact{Consequence: consequence})
			t.exports.ThreadBound = true
		}
	}
	for _, iface := range t.exportedInterfaces() {
		for m := range iface.ExplicitMethods() {
			if consequence := t.implementedThreadBound(iface, m.Name()); consequence != "" {
				t.pass.ExportObjectFact(m, &threadBoundFact{Consequence: consequence})
				t.exports.ThreadBound = true
			}
		}
	}
}

// implementedThreadBound returns what follows the unreported thread-bound
// call of the methods name of the package's types that implement iface, if
// every one has one (capability.Capabilities' Apply, which NewPid2
// returns); "" otherwise.
func (t *threadStateRun) implementedThreadBound(iface *types.Interface, name string) string {
	found := ""
	for _, fn := range t.implementations(iface, name) {
		consequence := t.unreportedThreadBound(fn)
		if consequence == "" {
			return "" // an implementation that leaves the thread alone
		}
		found = cmp.Or(found, consequence)
	}
	return found
}

// unreportedThreadBound returns what follows the first thread-bound call of
// fn, in its own body, that the package did not report and that runs
// unlocked when fn is entered unlocked: one of threadBoundCall, or a call
// of a function of the package that has one (SetKeepCaps for Lower);
// "" if none. Made once per function; a recursive call sees none.
func (t *threadStateRun) unreportedThreadBound(fn *ssa.Function) string {
	if consequence, ok := t.bound[fn]; ok {
		return consequence
	}
	t.bound[fn] = "" // breaks cycles
	t.bound[fn] = t.firstThreadBound(fn)
	return t.bound[fn]
}

// firstThreadBound computes unreportedThreadBound.
func (t *threadStateRun) firstThreadBound(fn *ssa.Function) string {
	unlocked := t.unlockedFromEntry(fn)
	for _, b := range fn.Blocks {
		if !t.mayRun(b) {
			continue // a branch the target platform never takes
		}
		in := unlocked[b.Index]
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && in && !t.reported[call] {
				if consequence := t.boundConsequence(call); consequence != "" {
					return consequence
				}
			}
			in = t.threadTransfer(in, instr)
		}
	}
	return ""
}

// boundConsequence returns what follows a thread-bound call, for call, a
// call of fn: a call of threadBoundCall, or a plain call of a function of
// the package with an unreported one; "" if none.
func (t *threadStateRun) boundConsequence(call ssa.CallInstruction) string {
	if _, consequence := t.threadBoundCall(call); consequence != "" {
		return consequence
	}
	if _, ok := call.(*ssa.Call); !ok {
		return "" // a go statement's goroutine, or a deferred call
	}
	for _, callee := range code.Callees(call.Common()) {
		if callee.Pkg == t.pkg && callee.Object() != nil {
			if consequence := t.unreportedThreadBound(code.SourceOf(callee)); consequence != "" {
				return consequence
			}
		}
	}
	return ""
}

// unlockedFromEntry returns, for each block of fn, whether the goroutine
// may be unlocked on entry to it when fn is entered unlocked, whatever its
// callers in the package do.
func (t *threadStateRun) unlockedFromEntry(fn *ssa.Function) []bool {
	in := make([]bool, len(fn.Blocks))
	if len(fn.Blocks) > 0 {
		in[0] = true
		t.propagateUnlocked(fn, in)
	}
	return in
}

// wrappedThreadBound returns how the message for call, a call of fn, names
// it and what the message says follows, if fn is a function of the package
// that only the package calls (unexported, or of a main package) and
// passes a parameter on to a system call that is thread-bound with call's
// arguments in the parameters' places (syscallBound): the prctl option or
// the system call number of a wrapper, as moby/sys/capability's
// prctl(option int, arg2, arg3 uintptr) called with its own pr_CAP_AMBIENT.
// As cloexec judges the flags of a creator's wrapper, the call is judged
// where the arguments are known; "" otherwise. A parameter that fn passes
// to another wrapper is not followed.
func (t *threadStateRun) wrappedThreadBound(call *ssa.CallCommon, fn *ssa.Function) (what, consequence string) {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() && t.pass.Pkg.Name() != "main" || call.IsInvoke() {
		return "", "" // a literal, an importer's to call, or through an interface
	}
	src := code.SourceOf(fn)
	for _, inner := range t.paramSyscalls(src) {
		common := *inner.Common()
		common.Args = t.argsInPlace(src, common.Args, call.Args)
		if common.Args == nil {
			continue // a parameter that call does not pass
		}
		sys := inner.Common().StaticCallee().Object().(*types.Func)
		if what, consequence := t.syscallBound(&common, sys); what != "" {
			trapPassed := isTrapFunc(sys) && isParam(inner.Common().Args[0])
			return "call of " + code.QualifiedName(obj) + wrappedArgs(what, trapPassed), consequence
		}
	}
	return "", ""
}

// argsInPlace returns args, the arguments of a call in fn, with each
// parameter of fn, converted or not, replaced by the argument that passed
// holds for it; nil if passed lacks one.
func (t *threadStateRun) argsInPlace(fn *ssa.Function, args, passed []ssa.Value) []ssa.Value {
	args = slices.Clone(args)
	for i, a := range args {
		p, ok := code.Unconvert(a).(*ssa.Parameter)
		if !ok {
			continue
		}
		j := slices.Index(fn.Params, p)
		if j < 0 || j >= len(passed) {
			return nil
		}
		args[i] = passed[j]
	}
	return args
}

// wrappedArgs returns what names of the system call a wrapper makes,
// "syscall.RawSyscall(SYS_PRCTL, PR_CAP_AMBIENT)", as the wrapper's call
// shows it: "(PR_CAP_AMBIENT)", with the number if the call passes it
// (trapPassed); "" if it names no argument.
func wrappedArgs(what string, trapPassed bool) string {
	i := strings.IndexByte(what, '(')
	if i < 0 {
		return ""
	}
	if trapPassed {
		return what[i:]
	}
	return "(" + strings.TrimPrefix(what[i+1:], "SYS_PRCTL, ")
}

// paramSyscalls returns the calls of fn, in blocks that may run, of a
// function of a system call package that pass a parameter of fn, converted
// or not, and are not thread-bound by themselves (syscallBound): the
// system calls of a wrapper whose arguments its callers give. Computed
// once per function.
func (t *threadStateRun) paramSyscalls(fn *ssa.Function) []ssa.CallInstruction {
	if calls, ok := t.wrapped[fn]; ok {
		return calls
	}
	var calls []ssa.CallInstruction
	for _, b := range fn.Blocks {
		if !t.mayRun(b) {
			continue // a branch the target platform never takes
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Call.StaticCallee() == nil {
				continue
			}
			obj, ok := call.Call.StaticCallee().Object().(*types.Func)
			if !ok || obj.Pkg() == nil || !std.IsSyscallPackage(obj.Pkg().Path()) {
				continue // not a system call
			}
			if slices.ContainsFunc(call.Call.Args, isParam) {
				if what, _ := t.syscallBound(&call.Call, obj); what == "" {
					calls = append(calls, call)
				}
			}
		}
	}
	t.wrapped[fn] = calls
	return calls
}

// isParam reports whether v is a parameter, converted or not.
func isParam(v ssa.Value) bool {
	_, ok := code.Unconvert(v).(*ssa.Parameter)
	return ok
}

package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// refs records which of the objects that matter to forkcheck the package
// refers to. One pass over TypesInfo.Uses decides them all, before any SSA
// is built; a function of another package is looked up in the object facts
// only when its package's fact says it has such facts.
type refs struct {
	forkingFunc   bool // a function of another package with a forkFact
	trapWrapper   bool // a function of another package with a trapWrapFact
	processStart  bool // a process start of the standard library, or a function with a spawnFact
	forkLock      bool // syscall.ForkLock
	forkLockFact  bool // a function of another package whose lockFact locks or unlocks syscall.ForkLock
	threadAttr    bool // SysProcAttr.Pdeathsig or Ptrace, or a function with a threadAttrFact or one that sets them through a parameter (exitFact)
	parallelTests bool // (*testing.T).Parallel: the package's tests may run at the same time
	lockThread    bool // runtime.LockOSThread
	threadEnd     bool // a function of another package with a threadEndFact
	ptrace        bool // a ptrace request: see isPtraceRequest
	threadBound   bool // a call that changes state of the calling thread only, but a namespace switch (isThreadBoundName), or a function with a threadBoundFact
	switches      bool // a namespace switch (isSwitchName), or a function with a threadSwitchFact or a switchedCallFact
	switchNames   bool // a namespace switch (isSwitchName), or a function with a threadSwitchFact: the package may switch itself
	threadState   bool // a namespace switch or a raw credential system call, or a function with a threadSwitchFact, a switchedCallFact or a threadBoundFact
	goroutineFunc bool // a goroutine starter of the standard library, or a function with a goroutineFact
	lockOp        bool // a lock operation of std.LockOps, std.RLocker, or a function of another package with a lockFact
	exitThread    bool // runtime.UnlockOSThread, or a function of another package with an exitFact: what threadattr's exit summaries see

	lockFiles map[*token.File]bool // the files that name a lock operation (lockOp): the only ones where a function can leave a mutex locked
}

// refs returns what the package refers to, computed once.
func (c *checker) refs() refs {
	if c.refsMemo != nil {
		return *c.refsMemo
	}
	r := refs{lockFiles: make(map[*token.File]bool)}
	seen := make(map[types.Object]bool, len(c.pass.TypesInfo.Uses)/4) // whether each is a lock operation
	for id, obj := range c.pass.TypesInfo.Uses {
		lock, ok := seen[obj]
		if !ok { // each object once: most are used many times
			lock = c.addRef(&r, obj)
			seen[obj] = lock
		}
		if lock {
			r.lockFiles[c.pass.Fset.File(id.Pos())] = true
		}
	}
	c.refsMemo = &r
	return r
}

// addRef records in r what a use of obj refers to, and reports whether
// obj is a lock operation.
func (c *checker) addRef(r *refs, obj types.Object) (lock bool) {
	r.ptrace = r.ptrace || isPtraceRequest(obj)
	r.threadBound = r.threadBound || isThreadBoundName(obj)
	r.switches = r.switches || isSwitchName(obj)
	r.switchNames = r.switchNames || isSwitchName(obj)
	r.threadState = r.threadState || isThreadStateName(obj)
	switch obj := obj.(type) {
	case *types.Func:
		return c.addFuncRef(r, obj)
	case *types.Var:
		if obj.Pkg() != nil && obj.Pkg().Path() == "syscall" {
			r.forkLock = r.forkLock || obj.Name() == "ForkLock" && !obj.IsField()
			r.threadAttr = r.threadAttr || code.IsThreadField(obj)
		}
	}
	return false
}

// addFuncRef records in r what a use of fn refers to, and reports whether
// fn is a lock operation.
func (c *checker) addFuncRef(r *refs, fn *types.Func) (lock bool) {
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return false // a builtin's method, or ours
	}
	if name := c.stdName(fn.Origin()); name != "" {
		if std.ProcessStarters[name] {
			r.processStart = true
			return false
		}
		if _, ok := std.LockOps[name]; ok || name == std.RLocker {
			r.lockOp = true
			return true
		}
		switch name {
		case "(*testing.T).Parallel":
			r.parallelTests = true
			return false
		case "runtime.LockOSThread":
			r.lockThread = true
			return false
		case "runtime.UnlockOSThread":
			r.exitThread = true
			return false
		}
	}
	r.forkingFunc = r.forkingFunc || c.importedForkFact(fn) != nil
	r.trapWrapper = r.trapWrapper || c.importedTrapWrap(fn) != nil
	r.processStart = r.processStart || c.processStart(fn) != ""
	r.threadAttr = r.threadAttr || c.importedThreadAttr(fn) != nil
	if f := c.importedExit(fn); f != nil {
		// a parameter start alone leaves the thread as it was: the function
		// starts processes (spawnFact), which opens threadattr's gate where
		// it matters
		r.exitThread = r.exitThread || f.Thread != "" || f.ReturnsUnlock || len(f.Params) > 0
		r.threadAttr = r.threadAttr || len(f.Params) > 0
	}
	r.threadEnd = r.threadEnd || c.importedThreadEnd(fn) != nil
	r.threadState = r.threadState || c.importedThreadSwitch(fn) != nil || c.importedSwitchedCall(fn) != nil || c.importedThreadBound(fn) != nil
	r.threadBound = r.threadBound || c.importedThreadBound(fn) != nil
	r.switches = r.switches || c.importedThreadSwitch(fn) != nil || c.importedSwitchedCall(fn) != nil
	r.switchNames = r.switchNames || c.importedThreadSwitch(fn) != nil
	r.goroutineFunc = r.goroutineFunc || c.goroutineStarter(fn) != ""
	f := c.importedLock(fn)
	if f == nil {
		return false
	}
	r.lockOp = true
	r.forkLockFact = r.forkLockFact || slices.ContainsFunc(f.Effects, func(e lockEffect) bool { return e.PkgPath == "syscall" && e.Var == "ForkLock" })
	return true
}

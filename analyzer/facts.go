package analyzer

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A packageFact says what importers of a package must know about it.
type packageFact struct {
	Forks           bool       // some function of the package carries a forkFact
	WrapsTraps      bool       // some function of the package carries a trapWrapFact
	Starts          bool       // the package, or one it imports, may start a process
	ThreadAttrs     bool       // some function of the package carries a threadAttrFact
	EndsThreads     bool       // some function of the package carries a threadEndFact
	Exits           bool       // some function of the package carries an exitFact
	Locks           bool       // some function of the package carries a lockFact
	SwitchesThreads bool       // some function of the package carries a threadSwitchFact or a switchedCallFact
	ThreadBound     bool       // some function of the package carries a threadBoundFact
	Goroutines      bool       // some function of the package carries a goroutineFact
	FlagWrappers    bool       // some function of the package carries a flagWrapperFact
	InitGoroutine   *sourcePos // a goroutine start (a go statement or a starter's call) that runs while this package or one it imports initializes; nil if none
	InitPackage     string     // the package whose initialization runs that start
}

func (*packageFact) AFact() {}

func (f *packageFact) String() string {
	var parts []string
	if f.Forks {
		parts = append(parts, "forks")
	}
	if f.WrapsTraps {
		parts = append(parts, "wraps system calls")
	}
	if f.Starts {
		parts = append(parts, "starts processes")
	}
	if f.ThreadAttrs {
		parts = append(parts, "sets thread attributes")
	}
	if f.EndsThreads {
		parts = append(parts, "ends threads")
	}
	if f.Locks {
		parts = append(parts, "leaves mutexes locked or unlocked")
	}
	if f.SwitchesThreads {
		parts = append(parts, "switches threads")
	}
	if f.ThreadBound {
		parts = append(parts, "changes per-thread state")
	}
	if f.Goroutines {
		parts = append(parts, "starts goroutines")
	}
	if f.InitGoroutine != nil {
		parts = append(parts, "init of "+f.InitPackage+" starts a goroutine")
	}
	if f.Exits {
		parts = append(parts, "leaves thread state")
	}
	if f.FlagWrappers {
		parts = append(parts, "passes flags to descriptor creators")
	}
	return strings.Join(parts, "; ")
}

// An exitFact says what a call of a function leaves for its caller: the
// goroutine locked to its thread or not, and the thread-bound attributes
// it sets on what its parameters point to.
type exitFact struct {
	Thread        string       // threadLocked, threadUnlocked, or "" when a call leaves it as it was
	ReturnsUnlock bool         // it returns a function that unlocks the thread, for its caller to defer
	Params        []paramAttr  // the attributes set through parameters, by parameter
	Starts        []paramStart // the parameters whose attributes a process started on the caller's thread takes
}

// A paramStart is a parameter of process attributes (an *exec.Cmd,
// *os.ProcAttr or *syscall.SysProcAttr) that a function starts a process
// with, on its caller's thread, that is, without locking it first: func
// start(path string, attr *syscall.SysProcAttr) error, which stores attr
// into the command it starts.
type paramStart struct {
	Param int    // the index of the parameter among the call's arguments, a receiver first
	Name  string // the parameter's name
}

// A paramAttr is a thread-bound attribute that a function sets on what
// one of its parameters (an *exec.Cmd, *os.ProcAttr or
// *syscall.SysProcAttr) points to.
type paramAttr struct {
	Param int    // the index of the parameter among the call's arguments, a receiver first
	Name  string // the parameter's name
	Field string // "Pdeathsig" or "Ptrace"
}

// What a call leaves of the goroutine's lock to its thread.
const (
	threadLocked   = "locked"   // every return leaves it locked (runtime.LockOSThread without the unlock)
	threadUnlocked = "unlocked" // some return may leave it unlocked

	// threadLockedOnSuccess: a return with a nil error leaves it locked,
	// one with an error as it was (a helper that locks the thread, and
	// unlocks it again when what follows fails: cilium's lockOSThread).
	threadLockedOnSuccess = "locked on success"
)

func (*exitFact) AFact() {}

func (f *exitFact) String() string {
	var parts []string
	switch f.Thread {
	case threadLocked:
		parts = append(parts, "leaves the thread locked")
	case threadUnlocked:
		parts = append(parts, "may leave the thread unlocked")
	case threadLockedOnSuccess:
		parts = append(parts, "leaves the thread locked if it succeeds")
	}
	if f.ReturnsUnlock {
		parts = append(parts, "returns the unlock")
	}
	for _, p := range f.Params {
		parts = append(parts, "sets "+p.Field+" through "+p.Name)
	}
	for _, p := range f.Starts {
		parts = append(parts, "starts a process with the attributes of "+p.Name)
	}
	return strings.Join(parts, "; ")
}

// importedExit returns the exitFact of fn, a function of another package,
// or nil.
func (c *checker) importedExit(fn *types.Func) *exitFact {
	return importedFact[exitFact](c, fn, func(pf *packageFact) bool { return pf.Exits })
}

// A lockFact marks a function that leaves mutexes locked or unlocked for
// its caller (its lock summary, locks.go): each mutex is reached from a
// parameter (the receiver first) or is a package-level variable, so that
// the caller can name it as it names the argument.
type lockFact struct {
	Effects []lockEffect // releases first, then acquisitions, then Maybe acquisitions, each in the order of their keys
}

func (*lockFact) AFact() {}

func (f *lockFact) String() string { return effectsString(f.Effects) }

// A lockEffect is one mutex that a function leaves released or acquired.
type lockEffect struct {
	Release bool       // released on some path; otherwise acquired and still held at some return
	Maybe   bool       // acquired and held on some paths to some return only: it cancels a later release by the caller, and is never a witness
	First   bool       // released, and maybe already at each fork and process start of the function
	Mode    string     // "w" or "r"
	Param   int        // the parameter the mutex is reached from (the receiver is 0); -1 for a package-level variable or a captured one
	Capture int        // for a function literal: 1 + the index of the captured variable the mutex is reached from; 0 if none (never in a fact)
	PkgPath string     // for a package-level variable: its package's path,
	PkgName string     // its package's name,
	Var     string     // and its name
	Steps   []lockStep // the fields and loads from the parameter or variable to the mutex
	Result  int        // see heldOnResult: 0 when held on every return, else which result says it is
	Name    string     // how the function names the mutex: "s.mu", "syscall.ForkLock"
}

// A sourcePos is a token.Position that survives gob encoding between the
// processes of go vet.
type sourcePos struct {
	File         string
	Line, Column int
}

func positionOf(fset *token.FileSet, pos token.Pos) sourcePos {
	p := fset.Position(pos)
	return sourcePos{File: p.Filename, Line: p.Line, Column: p.Column}
}

// importedFact returns the fact of type F that fn, a function of another
// package, carries, or nil. It asks only when the package fact of fn's
// package says (has) that some of its functions carry one: the lookup of
// an object fact is the costly part.
func importedFact[F any, PF interface {
	*F
	analysis.Fact
}](c *checker, fn *types.Func, has func(*packageFact) bool) *F {
	fn = fn.Origin()
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil // a builtin, or ours: summarized, not imported
	}
	if pf := c.packageFactOf(fn.Pkg()); pf == nil || !has(pf) {
		return nil
	}
	f := new(F)
	if !c.pass.ImportObjectFact(fn, PF(f)) {
		return nil
	}
	return f
}

// packageFactOf returns the fact of pkg, another package whose objects the
// package uses (a direct import, or one whose methods it calls through a
// value), or nil. Looked up once per package: it gates the costlier lookups
// of object facts.
func (c *checker) packageFactOf(pkg *types.Package) *packageFact {
	if f, ok := c.imported[pkg.Path()]; ok {
		return f
	}
	f, ok := c.pkgFacts[pkg]
	if !ok {
		f = new(packageFact)
		if !c.pass.ImportPackageFact(pkg, f) {
			f = nil
		}
		c.pkgFacts[pkg] = f
	}
	return f
}

// importedPackageFacts returns the facts of the packages pass imports that
// have one, ordered by import path.
func importedPackageFacts(pass *analysis.Pass) map[string]*packageFact {
	facts := make(map[string]*packageFact)
	for _, imp := range pass.Pkg.Imports() {
		var f packageFact
		if pass.ImportPackageFact(imp, &f) {
			facts[imp.Path()] = &f
		}
	}
	return facts
}

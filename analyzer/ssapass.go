package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// An ssaPass is the SSA phase of a pass: the checker, the SSA form of the
// package and the memos of the analyses over it. It exists only once the
// SSA form is built, so that no helper can reach a memo before it is made:
// a method that needs SSA state is a method of ssaPass.
type ssaPass struct {
	*checker
	pkg     *ssa.Package
	fns     []*ssa.Function                     // the functions of the package, in source order
	callers map[*ssa.Function][]ssa.Instruction // in-package call sites (calls, go, defer; a closure's creation when nothing calls it)

	runs         map[*ssa.Function][]bool            // memo of mayRun
	entry        map[*ssa.Function]witnesses         // memo of entryWitnesses
	flows        map[*ssa.Function][]*witnessState   // memo of flowOf
	lockOps      map[ssa.CallInstruction][]lockOp    // memo of lockOpsOf
	summaries    map[*ssa.Function][]lockEffect      // memo of lockSummary
	firsts       map[*ssa.Function]map[string]bool   // memo of releasesFirst, made when the lock facts are exported
	fieldVals    map[*types.Var]*ssa.Global          // memo of storedFieldGlobals
	storeIdx     *storeIndex                         // memo of stores (cloexec's flags, rawfork's numbers)
	calls        map[token.Pos]*ast.CallExpr         // the package's calls by left parenthesis, made on first use
	cursor       map[*ssa.BasicBlock]*blockCursor    // memo of stateBefore: the last state replayed in a block
	solving      map[*ssa.Function]bool              // the functions whose flow is being computed
	after        map[*ssa.Function]bool              // memo of runsAfterInit
	unlocked     [4]map[*ssa.Function][]bool         // memo of unlockedOnEntry, by entry mode (threadlock.go)
	initLocked   *bool                               // memo of initLocksThread
	invokes      map[string][]ssa.CallInstruction    // the package's calls through interfaces, by method name (invokeSites)
	executors    map[*types.Var]bool                 // memo of lockedExecutor
	lockedParams map[*ssa.Parameter]bool             // memo of callsOnlyLocked
	valueUses    map[*ssa.Function][]ssa.Instruction // the uses of the package's declared functions as values, made on first use (passedToLockedRunner)

	forkLockTaken *bool                           // memo of startsTakeForkLock
	forkers       map[*ssa.Function]*forkFact     // rawfork: the functions of the package that may fork
	wrappers      map[*ssa.Function]*trapWrapFact // rawfork: the functions that pass a parameter as a system call number, made on first use
	exits         *exitSummaries                  // threadattr: what calls leave for their callers, made on first use

	forgetFuncVars func() // forgets what code.IndexFuncVars recorded of the package, at the end of run
}

func newSSAPass(c *checker, pkg *ssa.Package) *ssaPass {
	s := &ssaPass{
		checker:      c,
		pkg:          pkg,
		fns:          code.SourceFunctions(c.pass.Files, c.pass.TypesInfo, pkg),
		runs:         make(map[*ssa.Function][]bool),
		entry:        make(map[*ssa.Function]witnesses),
		flows:        make(map[*ssa.Function][]*witnessState),
		lockOps:      make(map[ssa.CallInstruction][]lockOp),
		summaries:    make(map[*ssa.Function][]lockEffect),
		cursor:       make(map[*ssa.BasicBlock]*blockCursor),
		solving:      make(map[*ssa.Function]bool),
		after:        make(map[*ssa.Function]bool),
		unlocked:     [4]map[*ssa.Function][]bool{{}, {}, {}, {}},
		executors:    make(map[*types.Var]bool),
		lockedParams: make(map[*ssa.Parameter]bool),
		forkers:      make(map[*ssa.Function]*forkFact),
	}
	s.forgetFuncVars = code.IndexFuncVars(pkg, s.fns)
	s.callers = code.CallSites(s.fns, s.mayRun)
	return s
}

// mayRun reports whether b may run on the target platform: it is
// reachable from the entry of its function, or from its recover block,
// without taking the branch of an if on a constant that is never taken.
func (s *ssaPass) mayRun(b *ssa.BasicBlock) bool {
	fn := b.Parent()
	runs, ok := s.runs[fn]
	if !ok {
		runs = code.RunnableBlocks(fn)
		s.runs[fn] = runs
	}
	return runs == nil || runs[b.Index]
}

// runsAfterInit reports whether fn may run after the package has
// initialized: it is not part of the initialization, and some chain of
// callers in the package leads to it from a function that nothing in the
// package calls (main, an exported function, a method called through an
// interface).
func (s *ssaPass) runsAfterInit(fn *ssa.Function) bool {
	if after, ok := s.after[fn]; ok {
		return after
	}
	s.after[fn] = false // breaks cycles
	after := false
	if !code.IsInitFunc(fn) {
		sites := s.callers[fn]
		after = len(sites) == 0
		for _, site := range sites {
			after = after || s.runsAfterInit(site.Parent())
		}
	}
	s.after[fn] = after
	return after
}

// callAt returns the call of the package whose left parenthesis is at
// lparen, or nil, from an index of the package's calls made once.
func (s *ssaPass) callAt(lparen token.Pos) *ast.CallExpr {
	if s.calls == nil {
		s.calls = make(map[token.Pos]*ast.CallExpr)
		for _, file := range s.pass.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				if ce, ok := n.(*ast.CallExpr); ok {
					s.calls[ce.Lparen] = ce
				}
				return true
			})
		}
	}
	return s.calls[lparen]
}

// calleeRange is checker.calleeRange through the index of calls: a
// function with a finding at each of its thousands of calls costs one scan.
func (s *ssaPass) calleeRange(lparen token.Pos) (token.Pos, token.Pos) {
	if ce := s.callAt(lparen); ce != nil {
		return ce.Fun.Pos(), ce.Fun.End()
	}
	return lparen, lparen
}

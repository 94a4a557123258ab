package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/ssa"
)

// witnesses say what makes a fork worse than it always is: a goroutine
// started on some path before it, and the mutexes held across it.
type witnesses struct {
	goroutine *related  // the earliest go statement found; nil if none
	locks     []related // one per acquisition that may still hold at the fork
}

// A related is a secondary position of a diagnostic.
type related struct {
	pos, end token.Pos
	message  string
	mutex    string // the mutex's name, for a lock acquisition
	key      string // the mutex's mutexKey and mode, for a lock acquisition
}

func (w *witnesses) addGoroutine(r *related) {
	if r != nil && (w.goroutine == nil || r.pos < w.goroutine.pos) {
		w.goroutine = r
	}
}

func (w *witnesses) merge(o witnesses) {
	w.addGoroutine(o.goroutine)
	for _, l := range o.locks {
		if !slices.Contains(w.locks, l) {
			w.locks = append(w.locks, l)
		}
	}
	slices.SortFunc(w.locks, func(a, b related) int { return cmp.Compare(a.pos, b.pos) })
}

// phrase returns the words a message adds for the witnesses, such as
// " after a goroutine is started and while mu is locked".
func (w witnesses) phrase() string {
	var names []string
	for _, l := range w.locks {
		if !slices.Contains(names, l.mutex) {
			names = append(names, l.mutex)
		}
	}
	var parts []string
	if w.goroutine != nil {
		parts = append(parts, "after a goroutine is started")
	}
	switch len(names) {
	case 0:
	case 1:
		parts = append(parts, "while "+names[0]+" is locked")
	default:
		last := len(names) - 1
		parts = append(parts, "while "+strings.Join(names[:last], ", ")+" and "+names[last]+" are locked")
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " and ")
}

// witnessesAt returns the witnesses of a fork at instr in fn: those on the
// paths through fn to instr, and those on the paths through the callers of fn
// in the package to their calls of it.
func (s *ssaPass) witnessesAt(fn *ssa.Function, instr ssa.Instruction) witnesses {
	w := witnesses{goroutine: s.goroutineBefore(fn, instr), locks: s.locksHeldAt(instr)}
	w.merge(s.entryWitnesses(fn))
	return w
}

// entryWitnesses returns the witnesses that hold when fn is entered from any
// of its callers in the package. A function started by a go statement has
// that statement as its witness. Recursion ends at functions without callers
// in the package; a cycle contributes what was found before it closed.
func (s *ssaPass) entryWitnesses(fn *ssa.Function) witnesses {
	if w, ok := s.entry[fn]; ok {
		return w
	}
	s.entry[fn] = witnesses{} // breaks cycles
	var w witnesses
	for _, site := range s.callers[fn] {
		if g, ok := site.(*ssa.Go); ok {
			w.addGoroutine(&related{pos: g.Pos(), message: "goroutine started here"})
			continue
		}
		w.merge(s.witnessesAt(site.Parent(), site))
	}
	s.entry[fn] = w
	return w
}

// goroutineBefore returns the earliest go statement that runs on some path
// through fn before instr: a go statement of fn, or one in a function of the
// package that fn calls before instr.
func (s *ssaPass) goroutineBefore(fn *ssa.Function, instr ssa.Instruction) *related {
	var found *related
	for _, b := range fn.Blocks {
		if !s.mayRun(b) {
			continue
		}
		for _, in := range b.Instrs {
			pos := s.startsGoroutine(in)
			if !pos.IsValid() || (found != nil && pos >= found.pos) || !code.Reaches(in, instr) {
				continue
			}
			found = &related{pos: pos, message: "goroutine started here"}
		}
	}
	return found
}

// startsGoroutine returns the position of the go statement that instr runs:
// instr itself, or one in the function of the package it calls.
func (c *checker) startsGoroutine(instr ssa.Instruction) token.Pos {
	switch instr := instr.(type) {
	case *ssa.Go:
		return instr.Pos()
	case *ssa.Call:
		for _, callee := range code.Callees(instr.Common()) {
			if pos := c.goStartOfFunction(callee); pos.IsValid() {
				return pos
			}
		}
	}
	return token.NoPos
}

// goStartOfFunction returns the position of a go statement that a call of fn
// may run, if fn belongs to the package.
func (c *checker) goStartOfFunction(fn *ssa.Function) token.Pos {
	if obj, ok := code.SourceOf(fn).Object().(*types.Func); ok {
		return c.goStart(obj)
	}
	if lit, ok := fn.Syntax().(*ast.FuncLit); ok && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
		return c.goStartIn(lit.Body) // a function literal, called
	}
	return token.NoPos
}

// initWitness returns the go statement that package initialization runs
// before fn: always that of an imported package, and the package's own when
// fn may run after initialization.
func (s *ssaPass) initWitness(fn *ssa.Function) *related {
	if f := s.importedInitGoroutine(); f != nil {
		return &related{pos: s.factPos(*f.InitGoroutine), message: "goroutine started here while " + f.InitPackage + " initializes"}
	}
	if pos := s.initGoroutine(); pos.IsValid() && s.runsAfterInit(fn) {
		return &related{pos: pos, message: "goroutine started here while the package initializes"}
	}
	return nil
}

// witnessRelated returns the related information of w, in position order.
func (c *checker) witnessRelated(w witnesses) []related {
	var rel []related
	if w.goroutine != nil {
		rel = append(rel, *w.goroutine)
	}
	for _, l := range w.locks {
		rel = append(rel, c.lockRelated(l))
	}
	c.sortByPosition(rel)
	return rel
}

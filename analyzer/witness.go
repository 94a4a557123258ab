package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

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
func (c *checker) witnessesAt(fn *ssa.Function, instr ssa.Instruction) witnesses {
	w := witnesses{goroutine: c.goroutineBefore(fn, instr), locks: c.locksHeldAt(instr)}
	w.merge(c.entryWitnesses(fn))
	return w
}

// entryWitnesses returns the witnesses that hold when fn is entered from any
// of its callers in the package. A function started by a go statement has
// that statement as its witness. Recursion ends at functions without callers
// in the package; a cycle contributes what was found before it closed.
func (c *checker) entryWitnesses(fn *ssa.Function) witnesses {
	if w, ok := c.entry[fn]; ok {
		return w
	}
	c.entry[fn] = witnesses{} // breaks cycles
	var w witnesses
	for _, site := range c.callers[fn] {
		if g, ok := site.(*ssa.Go); ok {
			w.addGoroutine(&related{pos: g.Pos(), message: "goroutine started here"})
			continue
		}
		w.merge(c.witnessesAt(site.Parent(), site))
	}
	c.entry[fn] = w
	return w
}

// goroutineBefore returns the earliest go statement that runs on some path
// through fn before instr: a go statement of fn, or one in a function of the
// package that fn calls before instr.
func (c *checker) goroutineBefore(fn *ssa.Function, instr ssa.Instruction) *related {
	var found *related
	for _, b := range fn.Blocks {
		if !c.isLive(b) {
			continue
		}
		for _, in := range b.Instrs {
			pos := c.startsGoroutine(in)
			if !pos.IsValid() || (found != nil && pos >= found.pos) || !reaches(in, instr) {
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
		for _, callee := range calleesOf(instr.Common()) {
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
	if obj, ok := sourceOf(fn).Object().(*types.Func); ok {
		return c.goStart(obj)
	}
	if lit, ok := fn.Syntax().(*ast.FuncLit); ok && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
		return c.goStartIn(lit.Body) // a function literal, called
	}
	return token.NoPos
}

// reaches reports whether some path leads from instruction from to
// instruction to, in the same function, without passing a call that does
// not return.
func reaches(from, to ssa.Instruction) bool {
	fb, tb := from.Block(), to.Block()
	fi, ti := indexOf(from), indexOf(to)
	if fb == tb && fi < ti {
		return !exitsWithin(fb.Instrs[fi+1 : ti])
	}
	if exitsWithin(fb.Instrs[fi+1:]) {
		return false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	queue := slices.Clone(succs(fb))
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if seen[b] {
			continue
		}
		seen[b] = true
		if b == tb && !exitsWithin(b.Instrs[:ti]) {
			return true
		}
		if !exitsWithin(b.Instrs) {
			queue = append(queue, succs(b)...)
		}
	}
	return false
}

// noReturn lists functions that never return to their caller; the SSA form
// does not know them.
var noReturn = map[string]bool{
	"os.Exit": true, "syscall.Exit": true, "golang.org/x/sys/unix.Exit": true, "runtime.Goexit": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
}

// exitsWithin reports whether instrs hold a call that does not return.
func exitsWithin(instrs []ssa.Instruction) bool {
	return slices.ContainsFunc(instrs, func(instr ssa.Instruction) bool {
		return noReturn[staticCalleeName(instr)] // a dynamic call is assumed to return
	})
}

package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

const deadlock = "the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead"

// reportFork reports call, which forks as what describes ("syscall.RawSyscall(SYS_FORK)",
// "call of lib.Detach"), with the witnesses that make it worse. via is the
// fact of the called function of another package, whose primitive becomes
// related information. It returns the fact the calling function inherits.
func (c *checker) reportFork(call ssa.CallInstruction, what string, via *forkFact) *forkFact {
	fn := call.Parent()
	w := c.witnessesAt(fn, call)
	w.addGoroutine(c.initWitness(fn))
	pos, end := c.calleeRange(call.Common().Pos())
	rel := c.witnessRelated(w)
	if via != nil {
		rel = append([]related{{pos: c.factPos(via.Pos), message: viaMessage(via)}}, rel...)
	}
	c.diag("rawfork", pos, end, what+" forks without exec"+w.phrase()+": "+deadlock, rel)
	return &forkFact{Primitive: what, Pos: positionOf(c.pass.Fset, pos)}
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

// viaMessage describes where the primitive behind a function of another
// package is.
func viaMessage(f *forkFact) string {
	msg := f.Primitive + " forks here"
	for i, fn := range f.Via {
		if i == 0 {
			msg += ", through " + fn
		} else {
			msg += " and " + fn
		}
	}
	return msg
}

// initWitness returns the go statement that package initialization runs
// before fn: always that of an imported package, and the package's own when
// fn may run after initialization.
func (c *checker) initWitness(fn *ssa.Function) *related {
	if f := c.importedInitGoroutine(); f != nil {
		return &related{pos: c.factPos(*f.InitGoroutine), message: "goroutine started here while " + f.InitPackage + " initializes"}
	}
	if pos := c.initGoroutine(); pos.IsValid() && c.runsAfterInit(fn) {
		return &related{pos: pos, message: "goroutine started here while the package initializes"}
	}
	return nil
}

// reportLinkname reports a go:linkname directive into fork internals.
func (c *checker) reportLinkname(link linkname) {
	end := link.pos + token.Pos(len("//go:linkname"))
	c.diag("rawfork", link.pos, end, "go:linkname to "+link.target+" reaches the runtime's fork internals to fork without exec: "+deadlock, nil)
}

// sortByPosition sorts rel by file name, line and column.
func (c *checker) sortByPosition(rel []related) {
	slices.SortStableFunc(rel, func(a, b related) int { return c.comparePos(a.pos, b.pos) })
}

// comparePos orders positions by file name, line and column: the order of
// token.Pos across files depends on the order in which a driver loaded
// them, which the standalone driver does in parallel.
func (c *checker) comparePos(a, b token.Pos) int {
	pa, pb := c.pass.Fset.Position(a), c.pass.Fset.Position(b)
	return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Column, pb.Column))
}

// diag records a diagnostic with its related information in the order
// given; report sends the diagnostics in position order.
func (c *checker) diag(category string, pos, end token.Pos, message string, rel []related) {
	d := analysis.Diagnostic{Pos: pos, End: end, Category: category, Message: message}
	for _, r := range rel {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.pos, End: max(r.pos, r.end), Message: r.message})
	}
	c.diags = append(c.diags, d)
}

// report sends the findings that no directive suppresses, and the
// findings about the directives, in position order.
func (c *checker) report() {
	c.suppress()
	slices.SortStableFunc(c.diags, func(a, b analysis.Diagnostic) int {
		return cmp.Or(c.comparePos(a.Pos, b.Pos), cmp.Compare(a.Message, b.Message))
	})
	for _, d := range c.diags {
		c.pass.Report(d)
	}
}

// lockRelated returns a lock witness positioned at the Lock call's callee
// ("mu.Lock"): SSA records the call's parenthesis.
func (c *checker) lockRelated(l related) related {
	l.pos, l.end = c.calleeRange(l.pos)
	return l
}

// calleeRange returns the range of the called function's expression
// ("syscall.RawSyscall") in the call whose left parenthesis is at lparen, or
// lparen if the syntax is not found.
func (c *checker) calleeRange(lparen token.Pos) (token.Pos, token.Pos) {
	for _, file := range c.pass.Files {
		if file.FileStart <= lparen && lparen < file.FileEnd {
			path, _ := astutil.PathEnclosingInterval(file, lparen, lparen)
			for _, n := range path {
				if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == lparen {
					return ce.Fun.Pos(), ce.Fun.End()
				}
			}
		}
	}
	return lparen, lparen
}

// qualifiedName returns how a message names fn: "lib.Detach",
// "(*lib.T).Detach", "lib.T.Detach".
func qualifiedName(fn *types.Func) string {
	qualified := fn.Pkg().Name() + "."
	recv := fn.Signature().Recv()
	if recv == nil {
		return qualified + fn.Name()
	}
	t, star := recv.Type(), ""
	if ptr, ok := t.(*types.Pointer); ok {
		t, star = ptr.Elem(), "*"
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		qualified += named.Obj().Name()
	}
	if star != "" {
		return "(*" + qualified + ")." + fn.Name()
	}
	return qualified + "." + fn.Name()
}

// factPos returns a position in the pass's file set for p, a position
// recorded in a fact by the analysis of another package. The file is found
// by name when the driver loaded it (the standalone driver loads the source
// of every package; go vet only the declarations of the imported ones, with
// one-byte lines). Otherwise a stand-in file of that name is added whose
// line table places p, so that every driver prints the recorded position.
func (c *checker) factPos(p sourcePos) token.Pos {
	if p.Line < 1 || p.Column < 1 {
		return token.NoPos
	}
	if f := c.fileNamed(p.File); f != nil && p.Line <= f.LineCount() {
		start := f.LineStart(p.Line)
		lineEnd := f.Base() + f.Size()
		if p.Line < f.LineCount() {
			lineEnd = int(f.LineStart(p.Line + 1))
		}
		if int(start)+p.Column-1 < lineEnd {
			return start + token.Pos(p.Column-1)
		}
		return start
	}
	f := c.pass.Fset.AddFile(p.File, -1, p.Line+p.Column)
	lines := make([]int, p.Line)
	for i := range lines {
		lines[i] = i
	}
	f.SetLines(lines)
	return f.LineStart(p.Line) + token.Pos(p.Column-1)
}

// fileNamed returns the file of the pass's file set named name, or nil.
func (c *checker) fileNamed(name string) *token.File {
	var found *token.File
	c.pass.Fset.Iterate(func(f *token.File) bool {
		if f.Name() == name {
			found = f
		}
		return found == nil
	})
	return found
}

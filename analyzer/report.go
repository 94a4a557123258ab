package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"slices"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/analysis"
)

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

// diag records a diagnostic, built once with its related information in
// the order given and its fixes; report sends the diagnostics in position
// order.
func (c *checker) diag(category string, pos, end token.Pos, message string, rel []related, fixes ...analysis.SuggestedFix) {
	d := analysis.Diagnostic{Pos: pos, End: end, Category: category, Message: message, SuggestedFixes: fixes}
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
// ("syscall.RawSyscall") in the call of the package whose left parenthesis
// is at lparen, or lparen if the syntax is not found.
func (c *checker) calleeRange(lparen token.Pos) (token.Pos, token.Pos) {
	return code.CalleeRange(c.pass.Files, lparen)
}

// fileOf returns the file of the package that holds pos, or nil.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	return code.FileOf(c.pass.Files, pos)
}

// factPos returns a position in the pass's file set for p, a position
// recorded in a fact by the analysis of another package. The file is found
// by name when the driver loaded it (the standalone driver loads the source
// of every package; go vet only the declarations of the imported ones, with
// one-byte lines). Otherwise a stand-in file of that name is added whose
// line table places p, so that every driver prints the recorded position.
// A position past a //line directive that names no column (//line gen.y:100)
// has column 0: it stands for the line's start.
func (c *checker) factPos(p sourcePos) token.Pos {
	if p.Line < 1 {
		return token.NoPos
	}
	p.Column = max(p.Column, 1)
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

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
// by name when the driver loaded its source and p lies within one of its
// lines (the standalone driver loads the source of the packages it
// analyzes). Otherwise a stand-in file of one byte is added, which says p
// as a //line directive would (token.File.AddLineColumnInfo): under go vet
// the importer's files of an imported package have one-byte lines, which
// hold no column, and a //line directive may name a line far beyond any
// file's end. The stand-in costs the same whatever p's line number: a line
// table that reaches p would cost eight bytes a line (2.4 GB for
// "//line huge.go:300000000"). Column 0 is a column that a //line
// directive without one left unknown; the stand-in keeps it unknown.
func (c *checker) factPos(p sourcePos) token.Pos {
	if p.Line < 1 || p.Column < 0 {
		return token.NoPos
	}
	if f := c.fileNamed(p.File); f != nil && p.Column > 0 && p.Line <= f.LineCount() {
		start := f.LineStart(p.Line)
		lineEnd := f.Base() + f.Size()
		if p.Line < f.LineCount() {
			lineEnd = int(f.LineStart(p.Line + 1))
		}
		if int(start)+p.Column-1 < lineEnd {
			return start + token.Pos(p.Column-1)
		}
	}
	f := c.pass.Fset.AddFile(p.File, -1, 1)
	f.AddLineColumnInfo(0, p.File, p.Line, p.Column)
	return token.Pos(f.Base())
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

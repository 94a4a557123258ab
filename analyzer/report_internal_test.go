package analyzer

import (
	"go/token"
	"runtime"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestFactPosCost checks that a position recorded in a fact costs what
// its file costs, not what its line number says: a //line directive in a
// dependency may name line 300,000,000. It measures the bytes allocated,
// not time.
func TestFactPosCost(t *testing.T) {
	c := &checker{pass: &analysis.Pass{Fset: token.NewFileSet()}}
	for _, col := range []int{15, 0} { // //line huge.go:300000000:15, and without a column
		p := sourcePos{File: "huge.go", Line: 300_000_000, Column: col}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		pos := c.factPos(p)
		runtime.ReadMemStats(&after)
		want := token.Position{Filename: p.File, Line: p.Line, Column: p.Column}
		if got := c.pass.Fset.Position(pos); got.String() != want.String() {
			t.Errorf("factPos placed %v at %s, want %s", p, got, want)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("factPos(%v) allocated %d bytes, want at most 1 MiB", p, n)
		}
	}
}

// TestFactPosColumn checks that a position in a file whose lines are one
// byte long (go vet's importer gives an imported package's files no more)
// keeps its column.
func TestFactPosColumn(t *testing.T) {
	fset := token.NewFileSet()
	f := fset.AddFile("lib.go", -1, 10)
	f.SetLines([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) // one byte a line
	c := &checker{pass: &analysis.Pass{Fset: fset}}
	for _, p := range []sourcePos{{"lib.go", 6, 15}, {"lib.go", 6, 1}} {
		if got, want := fset.Position(c.factPos(p)), (token.Position{Filename: p.File, Line: p.Line, Column: p.Column}); got.String() != want.String() {
			t.Errorf("factPos(%v) = %s, want %s", p, got, want)
		}
	}
}

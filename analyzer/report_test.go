package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestReportOrder checks that findings come in the order of file names, not
// of token.Pos, which depends on the order in which the driver added the
// files to its file set (the standalone driver parses in parallel).
func TestReportOrder(t *testing.T) {
	const src = "package lib\n\nimport \"syscall\"\n\nfunc %s(p []int) { syscall.Pipe(p) }\n"
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range []string{"b.go", "a.go"} { // b.go gets the lower positions
		f, err := parser.ParseFile(fset, filepath.Join("lib", name), fmt.Sprintf(src, name[:1]), 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue),
		Defs:  make(map[*ast.Ident]types.Object),
		Uses:  make(map[*ast.Ident]types.Object),
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("lib", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	runPass(t, fset, pkg, files, info, func(d analysis.Diagnostic) {
		got = append(got, filepath.Base(fset.Position(d.Pos).Filename))
	})
	if len(got) != 2 || got[0] != "a.go" || got[1] != "b.go" {
		t.Errorf("findings in files %v, want [a.go b.go]", got)
	}
}

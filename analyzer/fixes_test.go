package analyzer_test

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"
)

// TestRawFixesTypeCheck applies the TextEdits of the suggested fixes as they
// are, the way consumers of -json and SARIF and go vet -fix apply them
// (forkcheck -fix, like analysistest's golden files, also drops the imports
// a fix leaves unused), to every testdata package that has a .golden file,
// and type-checks the result: each fix alone, then the first fix of every
// finding together, as go vet -fix applies them.
func TestRawFixesTypeCheck(t *testing.T) {
	target(t, "linux", "amd64")
	dir := testdata(t)
	paths := goldenPackages(t, dir)
	results := analysistest.Run(t, dir, analyzer.Analyzer, paths...)
	imports := loadImports(t, dir, paths)
	fixes := 0
	for _, r := range results {
		pkg := r.Action.Package
		if strings.HasSuffix(pkg.ID, ".test]") || strings.HasSuffix(pkg.ID, ".test") {
			continue // a test variant repeats the package's fixes
		}
		var first []analysis.TextEdit
		for _, d := range r.Action.Diagnostics {
			for i, fix := range d.SuggestedFixes {
				fixes++
				at := fmt.Sprintf("%s: fix %q", pkg.Fset.Position(d.Pos), fix.Message)
				checkFixed(t, at, pkg, imports, fix.TextEdits)
				if i == 0 {
					first = append(first, fix.TextEdits...)
				}
			}
		}
		checkFixed(t, pkg.PkgPath+": the first fix of every finding", pkg, imports, first)
	}
	if fixes == 0 {
		t.Fatal("no suggested fix found in the packages with golden files")
	}
}

// goldenPackages returns the import paths of the testdata packages that
// hold a .golden file.
func goldenPackages(t *testing.T, dir string) []string {
	src := filepath.Join(dir, "src")
	var paths []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".golden") {
			rel, _ := filepath.Rel(src, filepath.Dir(path))
			paths = append(paths, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// loadImports returns, by path, the types of the packages that the fixed
// files may import: those of the packages at paths and their
// dependencies, and those the fixes add.
func loadImports(t *testing.T, dir string, paths []string) map[string]*types.Package {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedTypes,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, append([]string{"os", "os/exec", "syscall", "golang.org/x/sys/unix"}, paths...)...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*types.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			t.Errorf("loading %s: %v", p.PkgPath, p.Errors)
		}
		byPath[p.PkgPath] = p.Types
	})
	return byPath
}

// checkFixed applies edits to the files of pkg and type-checks the result.
func checkFixed(t *testing.T, what string, pkg *packages.Package, imports map[string]*types.Package, edits []analysis.TextEdit) {
	t.Helper()
	byFile := make(map[string][]analysis.TextEdit)
	for _, e := range edits {
		name := pkg.Fset.File(e.Pos).Name()
		if !slices.ContainsFunc(byFile[name], func(o analysis.TextEdit) bool {
			return o.Pos == e.Pos && o.End == e.End && bytes.Equal(o.NewText, e.NewText)
		}) {
			byFile[name] = append(byFile[name], e) // two findings may add the same import
		}
	}
	for name := range byFile {
		if !slices.Contains(pkg.CompiledGoFiles, name) {
			t.Errorf("%s: edits of %s, not a file of %s", what, name, pkg.PkgPath)
		}
	}
	fset := token.NewFileSet()
	var files []*ast.File
	var fixed strings.Builder
	for _, name := range pkg.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if es := byFile[name]; len(es) > 0 {
			if src, err = applyEdits(pkg.Fset.File(es[0].Pos), src, es); err != nil {
				t.Errorf("%s: %v", what, err)
				return
			}
			fmt.Fprintf(&fixed, "--- %s\n%s", name, src)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: the fixed file does not parse: %v\n%s", what, err, fixed.String())
			return
		}
		files = append(files, f)
	}
	var errs []string
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if p := imports[path]; p != nil {
				return p, nil
			}
			return nil, fmt.Errorf("package %s not loaded", path)
		}),
		Error: func(err error) { errs = append(errs, err.Error()) },
	}
	conf.Check(pkg.PkgPath, fset, files, nil)
	if len(errs) > 0 {
		t.Errorf("%s: the fixed package does not type-check:\n\t%s\n%s", what, strings.Join(errs, "\n\t"), fixed.String())
	}
}

// applyEdits applies edits, all in tf, to src, its content.
func applyEdits(tf *token.File, src []byte, edits []analysis.TextEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return cmp.Compare(a.Pos, b.Pos) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		start, end := tf.Offset(e.Pos), tf.Offset(max(e.Pos, e.End))
		if start < last {
			return nil, fmt.Errorf("overlapping edits at %s", tf.Position(e.Pos))
		}
		out.Write(src[last:start])
		out.Write(e.NewText)
		last = end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

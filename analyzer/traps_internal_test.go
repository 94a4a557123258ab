package analyzer

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
)

// TestClone3Number checks, on every linux GOARCH that the syscall package
// has numbers for, that the number clone3Number derives from the exported
// constants is the one the syscall package names for itself (_SYS_clone3,
// which export data lacks): 435, 4435 on mips, 5435 on mips64.
func TestClone3Number(t *testing.T) {
	dir := filepath.Join(runtime.GOROOT(), "src", "syscall")
	arches, err := filepath.Glob(filepath.Join(dir, "zsysnum_linux_*.go"))
	if err != nil || len(arches) == 0 {
		t.Fatalf("no zsysnum_linux_*.go in %s: %v", dir, err)
	}
	for _, file := range arches {
		goarch := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), "zsysnum_linux_"), ".go")
		t.Run(goarch, func(t *testing.T) {
			pkg, own := syscallNumbers(t, dir, goarch)
			got, ok := clone3Number(pkg)
			if !ok || got != own {
				t.Errorf("clone3Number = %d, %v; the syscall package's _SYS_clone3 is %d", got, ok, own)
			}
		})
	}
}

// syscallNumbers type-checks the constants named SYS_… of the syscall
// package for linux/goarch, as export data has them, and returns them
// with the value of its unexported _SYS_clone3.
func syscallNumbers(t *testing.T, dir, goarch string) (*types.Package, int64) {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", goarch, false
	bp, err := ctx.ImportDir(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var specs []ast.Spec
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.CONST {
				for _, spec := range gen.Specs {
					if vs := spec.(*ast.ValueSpec); len(vs.Names) == 1 && len(vs.Values) == 1 && strings.HasPrefix(strings.TrimPrefix(vs.Names[0].Name, "_"), "SYS_") {
						specs = append(specs, vs)
					}
				}
			}
		}
	}
	file := &ast.File{Name: ast.NewIdent("syscall"), Decls: []ast.Decl{&ast.GenDecl{Tok: token.CONST, Specs: specs}}}
	pkg, err := new(types.Config).Check("syscall", fset, []*ast.File{file}, nil)
	if err != nil {
		t.Fatal(err)
	}
	own, ok := code.IntConst(pkg, "_SYS_clone3")
	if !ok {
		t.Fatal("no _SYS_clone3")
	}
	exported := types.NewPackage("syscall", "syscall")
	for _, name := range pkg.Scope().Names() {
		if obj := pkg.Scope().Lookup(name); obj.Exported() {
			exported.Scope().Insert(obj)
		}
	}
	return exported, own
}

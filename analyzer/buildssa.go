package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Unless wholeSSA is set, buildSSA creates of each import only what the
// package names, and lockBodies leaves out the bodies that the lock
// analysis cannot need. TestPartialSSA sets it to check that the facts and
// findings are the same with the whole SSA form, and reads prunedBodies,
// the number of bodies left out, to check that the test is not vacuous.
var (
	wholeSSA     atomic.Bool
	prunedBodies atomic.Int64
)

// buildSSA builds the SSA form of the package alone. Its imports are
// created without bodies, each with only the functions, methods and
// variables that the package names: the builder looks up package-level
// functions and variables in created packages, code.Targets sees through
// a method value to a method of a created package, and the builder makes
// the other methods it needs from their types on demand. A whole import is
// costly to create: golang.org/x/sys/unix has 11,000 names, and creating
// it cost more than building most packages. BareInits leaves out the
// package initializer's calls of its imports' initializers, which would
// need every import.
//
// If bodies is not nil, the functions declared outside it are built
// without their bodies, as if declared in assembly, and what only those
// bodies name is not created.
func buildSSA(pass *analysis.Pass, bodies map[*ast.FuncDecl]bool) *ssa.Package {
	files := pass.Files
	var prog *ssa.Program
	if wholeSSA.Load() {
		prog = ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
		for _, imp := range pass.Pkg.Imports() {
			prog.CreatePackage(imp, nil, nil, true)
		}
	} else {
		prog = ssa.NewProgram(pass.Fset, ssa.BareInits)
		var left []*ast.BlockStmt
		if bodies != nil {
			files, left = withoutBodies(files, bodies)
		}
		named := namedMembers(pass, left)
		for _, imp := range pass.Pkg.Imports() {
			if objs := named[imp]; len(objs) > 0 {
				createImport(prog, imp, objs)
			}
		}
	}
	pkg := prog.CreatePackage(pass.Pkg, files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// withoutBodies returns shallow copies of files in which each function
// declared outside keep has no body, and the bodies left out, in order of
// position. The declarations in keep, and all other nodes, are shared with
// files.
func withoutBodies(files []*ast.File, keep map[*ast.FuncDecl]bool) ([]*ast.File, []*ast.BlockStmt) {
	copies := make([]*ast.File, len(files))
	var left []*ast.BlockStmt
	for i, file := range files {
		f := *file
		f.Decls = slices.Clone(file.Decls)
		for j, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil && !keep[fd] {
				stub := *fd
				stub.Body = nil
				f.Decls[j] = &stub
				left = append(left, fd.Body)
			}
		}
		copies[i] = &f
	}
	slices.SortFunc(left, func(a, b *ast.BlockStmt) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return copies, left
}

// namedMembers returns, for each other package, the functions (generic
// ones as declared), methods and package-level variables of it that
// pass.Pkg names outside the bodies left out (in order of position),
// sorted by position.
func namedMembers(pass *analysis.Pass, left []*ast.BlockStmt) map[*types.Package][]types.Object {
	seen := make(map[types.Object]bool)
	named := make(map[*types.Package][]types.Object)
	for id, obj := range pass.TypesInfo.Uses {
		switch o := obj.(type) {
		case *types.Func:
			obj = o.Origin()
		case *types.Var:
			if o.IsField() || o.Pkg() == nil || o.Parent() != o.Pkg().Scope() {
				continue // not a package-level variable
			}
		default:
			continue
		}
		if obj.Pkg() == nil || obj.Pkg() == pass.Pkg || seen[obj] || inBodies(left, id.Pos()) {
			continue // a builtin's method, ours, seen, or named where nothing is built
		}
		seen[obj] = true
		named[obj.Pkg()] = append(named[obj.Pkg()], obj)
	}
	for _, objs := range named {
		slices.SortFunc(objs, func(a, b types.Object) int {
			return cmp.Or(cmp.Compare(a.Pos(), b.Pos()), cmp.Compare(types.ObjectString(a, nil), types.ObjectString(b, nil)))
		})
	}
	return named
}

// inBodies reports whether pos lies in one of bodies, which are in order of
// position.
func inBodies(bodies []*ast.BlockStmt, pos token.Pos) bool {
	i, _ := slices.BinarySearchFunc(bodies, pos, func(b *ast.BlockStmt, pos token.Pos) int { return cmp.Compare(b.End(), pos+1) })
	return i < len(bodies) && bodies[i].Pos() <= pos
}

// createImport creates imp in prog with the members objs only, functions
// and methods without bodies. ssa.Program.CreatePackage creates a package
// from its types with every member; from syntax, with the members its
// declarations define. So imp is created from syntax made for the purpose:
// a declaration without body for each function and method, and one for
// each variable, whose names types.Info.Defs maps to the objects of imp.
func createImport(prog *ssa.Program, imp *types.Package, objs []types.Object) {
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object, len(objs))}
	file := &ast.File{Name: ast.NewIdent(imp.Name())}
	for _, obj := range objs {
		id := ast.NewIdent(obj.Name())
		info.Defs[id] = obj
		switch obj.(type) {
		case *types.Func:
			file.Decls = append(file.Decls, &ast.FuncDecl{Name: id, Type: &ast.FuncType{}})
		case *types.Var:
			file.Decls = append(file.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id}}}})
		}
	}
	prog.CreatePackage(imp, []*ast.File{file}, info, true)
}

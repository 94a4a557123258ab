package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// funcRefs records, for each function declaration of the package, the
// objects its body refers to (function literals included): what the syntax
// phase needs to know which functions to walk at all. It is made from one
// pass over TypesInfo.Uses, which costs a third of a walk of the syntax.
type funcRefs struct {
	c     *checker
	refs  map[*ast.FuncDecl][]types.Object // distinct, in no particular order
	goMem map[*ast.FuncDecl]bool           // memo of hasGo
}

// funcRefs returns the references of the package's functions, made once.
func (c *checker) funcRefs() *funcRefs {
	if c.refsByFunc != nil {
		return c.refsByFunc
	}
	var decls []*ast.FuncDecl // with a body, by position
	for _, decl := range c.funcDecls() {
		if decl.Body != nil {
			decls = append(decls, decl)
		}
	}
	slices.SortFunc(decls, func(a, b *ast.FuncDecl) int { return int(a.Pos() - b.Pos()) })
	r := &funcRefs{c: c, refs: make(map[*ast.FuncDecl][]types.Object), goMem: make(map[*ast.FuncDecl]bool)}
	type ref struct {
		decl *ast.FuncDecl
		obj  types.Object
	}
	seen := make(map[ref]bool)
	for id, obj := range c.pass.TypesInfo.Uses {
		decl := enclosingDecl(decls, id.Pos())
		if decl == nil || seen[ref{decl, obj}] {
			continue // outside any function body, or counted
		}
		seen[ref{decl, obj}] = true
		r.refs[decl] = append(r.refs[decl], obj)
	}
	c.refsByFunc = r
	return r
}

// enclosingDecl returns the declaration among decls, sorted by position,
// whose body holds pos, or nil.
func enclosingDecl(decls []*ast.FuncDecl, pos token.Pos) *ast.FuncDecl {
	i, _ := slices.BinarySearchFunc(decls, pos, func(decl *ast.FuncDecl, pos token.Pos) int { return int(decl.Pos() - pos) })
	if i == 0 {
		return nil // before the first
	}
	if decl := decls[i-1]; decl.Body.Pos() <= pos && pos < decl.Body.End() {
		return decl
	}
	return nil
}

// hasGo reports whether decl's body has a go statement, function
// literals included.
func (r *funcRefs) hasGo(decl *ast.FuncDecl) bool {
	found, ok := r.goMem[decl]
	if !ok {
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			_, isGo := n.(*ast.GoStmt)
			found = found || isGo
			return !found
		})
		r.goMem[decl] = found
	}
	return found
}

// reaching returns the function declarations of the package for which
// direct holds, and those that refer to one of them, directly or through
// others (a reference, not only a call: it may be one).
func (r *funcRefs) reaching(direct func(decl *ast.FuncDecl, refs []types.Object) bool) map[*ast.FuncDecl]bool {
	decls := r.c.funcDecls()
	referrers := make(map[*ast.FuncDecl][]*ast.FuncDecl)
	var queue []*ast.FuncDecl
	reach := make(map[*ast.FuncDecl]bool)
	for _, decl := range decls {
		if decl.Body == nil {
			continue // declared without a body
		}
		refs := r.refs[decl] // none at all: go func() {}() still starts one
		if direct(decl, refs) {
			reach[decl] = true
			queue = append(queue, decl)
		}
		for _, obj := range refs {
			if fn, ok := obj.(*types.Func); ok {
				if callee := decls[fn.Origin()]; callee != nil && callee != decl {
					referrers[callee] = append(referrers[callee], decl)
				}
			}
		}
	}
	for len(queue) > 0 {
		decl := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, caller := range referrers[decl] {
			if !reach[caller] {
				reach[caller] = true
				queue = append(queue, caller)
			}
		}
	}
	return reach
}

package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// A bodyMatch is a node that a bodySummary matched.
type bodyMatch struct {
	pos  token.Pos
	what string // what the node does, as messages name it
}

// A bodySummary finds, for the functions of the package, the first node
// that a call of the function may run and that match accepts: in its body,
// or in a function of the package that it calls, directly or through
// others. It reads the syntax, not SSA, because the package facts of every
// package depend on it and most packages never need SSA. A function
// literal counts where it is called on the spot; one that is only made
// (stored, passed, a sync.Pool's New) counts only if intoLiterals is set.
type bodySummary struct {
	c            *checker
	match        func(n ast.Node) *bodyMatch
	intoLiterals bool
	memo         map[*types.Func]*bodyMatch
}

func newBodySummary(c *checker, match func(n ast.Node) *bodyMatch, intoLiterals bool) *bodySummary {
	return &bodySummary{c: c, match: match, intoLiterals: intoLiterals, memo: make(map[*types.Func]*bodyMatch)}
}

// of returns what a call of fn, a function of the package, may run, or nil.
func (s *bodySummary) of(fn *types.Func) *bodyMatch {
	fn = fn.Origin()
	if f, ok := s.memo[fn]; ok {
		return f
	}
	s.memo[fn] = nil // breaks cycles
	decl := s.c.funcDecls()[fn]
	if decl == nil || decl.Body == nil {
		return nil // another package's, or declared without a body
	}
	f := s.in(decl.Body)
	s.memo[fn] = f
	return f
}

// exportFacts exports, for each function of the package (but init, which
// nothing calls) that may run a match, the fact that fact makes of it, and
// reports whether there was any. It visits the functions in source order:
// the summary breaks cycles where it meets them.
func (s *bodySummary) exportFacts(fact func(*bodyMatch) analysis.Fact) bool {
	any := false
	for _, file := range s.c.pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue // not a function
			}
			fn, ok := s.c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok || fn.Name() == "init" {
				continue // no object, or an init function nothing calls
			}
			if f := s.of(fn); f != nil {
				s.c.pass.ExportObjectFact(fn, fact(f))
				any = true
			}
		}
	}
	return any
}

// in returns the first match, in source order, that running node may
// execute, or nil.
func (s *bodySummary) in(node ast.Node) *bodyMatch {
	var found *bodyMatch
	ast.Inspect(node, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false // found, or the end of a node
		}
		if found = s.match(n); found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return s.intoLiterals // made, not run here
		case *ast.CallExpr:
			if lit, ok := astutil.Unparen(n.Fun).(*ast.FuncLit); ok && !s.intoLiterals {
				found = s.in(lit.Body) // called on the spot
			} else if fn := typeutil.StaticCallee(s.c.pass.TypesInfo, n); fn != nil && fn.Pkg() == s.c.pass.Pkg {
				found = s.of(fn)
			}
		}
		return found == nil
	})
	return found
}

// first returns the earliest match, by position, that a call of a function
// of the package for which runs holds may run, or nil. Unless inTests, the
// functions and matches of _test.go files are left out, so that a package
// and its test variant name the same place.
func (s *bodySummary) first(inTests bool, runs func(*ast.FuncDecl) bool) *bodyMatch {
	var first *bodyMatch
	for fn, decl := range s.c.funcDecls() {
		if !runs(decl) || !inTests && s.c.inTestFile(decl.Pos()) {
			continue // not run, or only in the test variant
		}
		if m := s.of(fn); m != nil && (inTests || !s.c.inTestFile(m.pos)) && (first == nil || s.c.comparePos(m.pos, first.pos) < 0) {
			first = m
		}
	}
	return first
}

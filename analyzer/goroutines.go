package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// A finding is a node that a bodySummary matched.
type finding struct {
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
	match        func(n ast.Node) *finding
	intoLiterals bool
	memo         map[*types.Func]*finding
}

func newBodySummary(c *checker, match func(n ast.Node) *finding, intoLiterals bool) *bodySummary {
	return &bodySummary{c: c, match: match, intoLiterals: intoLiterals, memo: make(map[*types.Func]*finding)}
}

// of returns what a call of fn, a function of the package, may run, or nil.
func (s *bodySummary) of(fn *types.Func) *finding {
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
func (s *bodySummary) exportFacts(fact func(*finding) analysis.Fact) bool {
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
func (s *bodySummary) in(node ast.Node) *finding {
	var found *finding
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

// matchGoStmt matches a go statement.
func matchGoStmt(n ast.Node) *finding {
	if g, ok := n.(*ast.GoStmt); ok {
		return &finding{pos: g.Go, what: "goroutine started here"}
	}
	return nil
}

// goStart returns the position of a go statement that a call of fn, a
// function of the package, may run, or token.NoPos.
func (c *checker) goStart(fn *types.Func) token.Pos {
	if f := c.goStarts.of(fn); f != nil {
		return f.pos
	}
	return token.NoPos
}

// goStartIn returns the position of the first go statement that running
// node may execute, or token.NoPos.
func (c *checker) goStartIn(node ast.Node) token.Pos {
	if f := c.goStarts.in(node); f != nil {
		return f.pos
	}
	return token.NoPos
}

// funcDecls returns the declarations of the package's functions and
// methods by their objects.
func (c *checker) funcDecls() map[*types.Func]*ast.FuncDecl {
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, file := range c.pass.Files {
			for _, decl := range file.Decls {
				if decl, ok := decl.(*ast.FuncDecl); ok {
					if fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
						c.decls[fn] = decl
					}
				}
			}
		}
	}
	return c.decls
}

// initGoroutine returns the go statement that the package's own
// initialization may run: in an init function or in the initializer of a
// package-level variable. It returns token.NoPos if there is none.
func (c *checker) initGoroutine() token.Pos {
	if c.initGo != nil {
		return *c.initGo
	}
	var starts []token.Pos
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			var pos token.Pos
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Name.Name == "init" && decl.Recv == nil && decl.Body != nil {
					pos = c.goStartIn(decl.Body)
				}
			case *ast.GenDecl:
				if decl.Tok == token.VAR {
					pos = c.goStartIn(decl)
				}
			}
			if pos.IsValid() {
				starts = append(starts, pos)
			}
		}
	}
	first := token.NoPos
	if len(starts) > 0 {
		first = slices.Min(starts)
	}
	c.initGo = &first
	return first
}

// importedInitGoroutine returns the package fact of the first import, by
// path, whose initialization starts a goroutine, or nil. Imported packages
// initialize before any code of this one runs.
func (c *checker) importedInitGoroutine() *packageFact {
	for _, path := range slices.Sorted(maps.Keys(c.imported)) {
		if f := c.imported[path]; f.InitGoroutine != nil {
			return f
		}
	}
	return nil
}

package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
)

// Goroutine starts, a shared analysis: the go statements a function may
// run, and those that package initialization runs, here or in an import.

// matchGoStmt matches a go statement.
func matchGoStmt(n ast.Node) *bodyMatch {
	if g, ok := n.(*ast.GoStmt); ok {
		return &bodyMatch{pos: g.Go, what: "goroutine started here"}
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

package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/types/typeutil"
)

// goStart returns the position of a go statement that a call of fn, a
// function of the package, may run: in its body, or in a function of the
// package that it calls, directly or through others. It reads the syntax,
// not SSA, because it also decides the package fact of every package,
// most of which never need SSA. A go statement in a function literal counts
// whether or not the literal is called. It returns token.NoPos if there is
// none.
func (c *checker) goStart(fn *types.Func) token.Pos {
	fn = fn.Origin()
	if pos, ok := c.goStarts[fn]; ok {
		return pos
	}
	c.goStarts[fn] = token.NoPos // breaks cycles
	decl := c.funcDecls()[fn]
	if decl == nil || decl.Body == nil {
		return token.NoPos // another package's, or declared without a body
	}
	pos := c.goStartIn(decl.Body)
	c.goStarts[fn] = pos
	return pos
}

// goStartIn returns the position of the first go statement, in source
// order, that running node may execute.
func (c *checker) goStartIn(node ast.Node) token.Pos {
	found := token.NoPos
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			found = n.Go
		case *ast.CallExpr:
			if fn := typeutil.StaticCallee(c.pass.TypesInfo, n); fn != nil && fn.Pkg() == c.pass.Pkg {
				found = c.goStart(fn)
			}
		}
		return !found.IsValid()
	})
	return found
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
	if len(starts) == 0 {
		return token.NoPos
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	return starts[0]
}

// importedInitGoroutine returns the package fact of the first import, by
// path, whose initialization starts a goroutine, or nil. Imported packages
// initialize before any code of this one runs.
func (c *checker) importedInitGoroutine() *packageFact {
	paths := make([]string, 0, len(c.imported))
	for path := range c.imported {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if f := c.imported[path]; f.InitGoroutine != nil {
			return f
		}
	}
	return nil
}

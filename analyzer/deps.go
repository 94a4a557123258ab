package analyzer

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// DependencyMatters reports whether forkcheck must see the source of a
// dependency (a package that the packages the user asked for import, not
// one of them) to know its facts: whether the package can carry a fact of
// its own. It judges from the paths the package imports, the tokens of its
// Go files (after cgo) and factName, which says whether an object of the
// package's dependencies with that name carries a fact.
//
// A package carries a fact of its own only if its code names something
// that forkcheck knows starts a process, forks, sets a thread attribute or
// locks a thread (all of which have fixed names), or a function of another
// package that carries a fact (whose name factName knows), or if it calls
// a system call package, has a go statement (its initialization may start
// a goroutine) or a go:linkname directive. When it reports false, a driver
// may load the package from export data and run the analyzer on it without
// files: the facts the analyzer then exports, which the package's imports
// give it, are those that its source would give. The standalone driver does
// so to spare type-checking most dependencies from source.
func DependencyMatters(imports []string, files [][]byte, factName func(name string) bool) bool {
	for _, path := range imports {
		if std.IsSyscallPackage(path) {
			return true // system calls: trap syntax, cgo's errno
		}
	}
	for _, src := range files {
		if tokensMatter(src, factName) {
			return true
		}
	}
	return false
}

// tokensMatter reports whether the tokens of src name something that can
// give a package a fact of its own (see DependencyMatters). A file that
// does not scan is taken to matter: the type checker will say why.
func tokensMatter(src []byte, factName func(string) bool) bool {
	var s scanner.Scanner
	fset := token.NewFileSet()
	broken := false
	s.Init(fset.AddFile("", -1, len(src)), src, func(token.Position, string) { broken = true }, scanner.ScanComments)
	for {
		_, tok, lit := s.Scan()
		switch {
		case broken:
			return true
		case tok == token.EOF:
			return false
		case tok == token.GO:
			return true
		case tok == token.COMMENT && strings.HasPrefix(lit, "//go:linkname"):
			return true
		case tok == token.IDENT && (factSourceNames[lit] || factName(lit)):
			return true
		}
	}
}

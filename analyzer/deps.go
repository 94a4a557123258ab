package analyzer

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// ReadsWhole reports whether the analysis of a package reads the package
// of path whole when the package imports it, directly or not: its scope,
// beyond the objects the package's code names. These are:
//   - the system call packages (syscall, golang.org/x/sys/unix), whose
//     SYS_ constants make the table of system call numbers for a
//     go:linkname alias of a raw system call (numbersPackage), whose
//     SysProcAttr says whether the platform takes syscall.ForkLock to start
//     a process (syscallPackage), and whose flags the cloexec check and
//     its fixes look up;
//   - os, os/exec and testing, whose ProcAttr, Cmd and T, B or TB
//     code.IsType finds by name in the package of a struct's fields, for a
//     type defined from one of them in another package (type Cmd exec.Cmd).
//
// A driver that loads a dependency's types only where a package it
// type-checks imports it must load these whole wherever they are in the
// graph.
func ReadsWhole(path string) bool {
	return std.IsSyscallPackage(path) || path == "os" || path == "os/exec" || path == "testing"
}

// DependencyMatters reports whether forkcheck must see the source of a
// dependency (a package that the packages the user asked for import, not
// one of them) to know its facts: whether the package can carry a fact of
// its own. It judges from the paths the package imports, the tokens of its
// Go files (after cgo) and factName, which says whether an object of the
// package's dependencies with that name carries a fact.
//
// A package carries a fact of its own only if its code names something that
// forkcheck knows starts a process, forks, sets a thread attribute, or
// locks or unlocks a thread (all of which have fixed names), or a function
// of another package that carries a fact (whose name factName knows), or if
// it calls a system call package, has a go statement (its initialization
// may start a goroutine) or a go:linkname directive, or if one of its
// functions may leave a mutex locked or unlocked for its caller (a
// lockFact): a file that calls Lock, Unlock or their kin is parsed, and
// matters when a function of it does not unlock each mutex it locks, as
// written, in each mode, or uses such a method as a value (see
// checker.unbalanced, which judges the same from the types and so never
// finds more). When it reports false, a driver may load the package from
// export data and run the analyzer on it without files: the facts the
// analyzer then exports, which the package's imports give it, are those
// that its source would give. The standalone driver does so to spare
// type-checking most dependencies from source.
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
	locks := false // a name of a method that locks or unlocks
	for {
		_, tok, lit := s.Scan()
		switch {
		case broken:
			return true
		case tok == token.EOF:
			return locks && leavesLocksInSyntax(src)
		case tok == token.IDENT && lockMethodModes[lit] != "":
			locks = true
		case tok == token.GO:
			return true
		case tok == token.COMMENT && strings.HasPrefix(lit, "//go:linkname"):
			return true
		case tok == token.IDENT && (factSourceNames[lit] || factName(lit)):
			return true
		}
	}
}

// lockMethodModes are the names of the methods of sync.Mutex and
// sync.RWMutex that lock or unlock, with their mode, and RLocker, whose
// locker locks for reading.
var lockMethodModes = func() map[string]string {
	modes := map[string]string{std.RLocker[strings.LastIndex(std.RLocker, ".")+1:]: "r"}
	for full, op := range std.LockOps {
		modes[full[strings.LastIndex(full, ".")+1:]] = op.Mode
	}
	return modes
}()

// leavesLocksInSyntax reports whether a function of src (a declared
// function or a function literal, each on its own but for the literals
// that run in place, as in checker.leavesLocks) may leave a mutex
// locked or unlocked for its caller, from the syntax alone: it calls a
// method named as a lock operation (lockMethodModes) on some operand and
// not its counterpart on the same operand, in the same mode, or uses such
// a method as a value or calls RLocker. Every method of those names counts,
// whatever its receiver, so that it reports true whenever the types would
// (checker.unbalanced). A file that does not parse is taken to matter.
func leavesLocksInSyntax(src []byte) bool {
	file, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return true // the type checker will say why
	}
	return code.AnyFuncBody(file, unbalancedSyntax)
}

// unbalancedSyntax reports whether body, outside its function literals but
// for those that run in place (as checker.unbalanced), locks an operand it
// does not unlock or unlocks one it does not lock, in a mode, or uses a
// lock operation other than by calling it.
func unbalancedSyntax(body *ast.BlockStmt) bool {
	var b code.LockBalance
	called := make(map[*ast.SelectorExpr]bool)
	code.InspectBody(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok || lockMethodModes[sel.Sel.Name] == "" {
				return true // not a lock operation
			}
			called[sel] = true
			name := sel.Sel.Name
			if name == "RLocker" {
				b.Other = true
			} else {
				b.Add(types.ExprString(sel.X)+"/"+lockMethodModes[name], !strings.Contains(name, "Unlock"))
			}
		case *ast.SelectorExpr:
			b.Other = b.Other || lockMethodModes[n.Sel.Name] != "" && !called[n] // a method value or expression
		}
		return true
	})
	return b.Unbalanced()
}

package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/analysis"
)

// A linkname is a go:linkname directive that binds a local name to a fork
// internal of the runtime or the syscall package.
type linkname struct {
	pos    token.Pos
	local  string // the local name
	target string // "syscall.runtime_BeforeFork"
}

// forkLinknames returns the go:linkname directives of the package that
// bind to fork internals. They need import "unsafe".
func forkLinknames(pass *analysis.Pass) []linkname {
	var links []linkname
	for _, file := range pass.Files {
		if code.ImportsPath(file, "unsafe") {
			links = append(links, fileLinknames(file)...)
		}
	}
	return links
}

// fileLinknames returns the go:linkname directives of file that bind to
// fork internals. A directive that pushes a function of the file, with a
// body, to the name (as the runtime provides syscall.runtime_BeforeFork)
// implements the internal rather than reaching it.
func fileLinknames(file *ast.File) []linkname {
	var links []linkname
	for _, group := range file.Comments {
		for _, comment := range group.List {
			fields := strings.Fields(comment.Text)
			if len(fields) == 3 && fields[0] == "//go:linkname" && isForkInternal(fields[2]) && !definesBody(file, fields[1]) {
				links = append(links, linkname{pos: comment.Pos(), local: fields[1], target: fields[2]})
			}
		}
	}
	return links
}

// definesBody reports whether file declares the function name with a body.
func definesBody(file *ast.File, name string) bool {
	for _, decl := range file.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name && fn.Body != nil {
			return true
		}
	}
	return false
}

// isForkInternal reports whether a go:linkname target ("syscall.runtime_BeforeFork")
// is one of the runtime's or the syscall package's fork internals.
func isForkInternal(target string) bool {
	dot := strings.LastIndex(target, ".")
	if dot < 0 {
		return false
	}
	pkg, name := target[:dot], target[dot+1:]
	return (pkg == "runtime" || pkg == "syscall") && strings.Contains(strings.ToLower(name), "fork")
}

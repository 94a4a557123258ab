package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"github.com/forkcheck/forkcheck/analyzer/internal/std"
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
// is one of the runtime's or the syscall package's fork internals. An entry
// point that takes a system call number (syscall.rawVforkSyscall) is none:
// its calls fork or not by their numbers (trapAliases).
func isForkInternal(target string) bool {
	if _, ok := std.TrapEntries[target]; ok {
		return false
	}
	dot := strings.LastIndex(target, ".")
	if dot < 0 {
		return false
	}
	pkg, name := target[:dot], target[dot+1:]
	return (pkg == "runtime" || pkg == "syscall") && strings.Contains(strings.ToLower(name), "fork")
}

// A trapEntry is a function that takes a system call number first: a
// function of a system call package (isTrapFunc), or a function of the
// package declared without a body and bound by go:linkname to an entry
// point that does (std.TrapEntries), which is that entry point.
type trapEntry struct {
	pkg     *types.Package // the system call package whose numbers it takes; nil if the package sees none
	name    string         // as messages name the call: "syscall.RawSyscall", "rawSyscall"
	raw     bool           // it runs none of the scheduler's code: safe in a forked child
	link    token.Pos      // for a go:linkname alias: its directive
	wrapped token.Pos      // for a wrapper (trapwrap.go): the call of the entry point at the bottom
	target  string         // and the entry point it is bound to, or that it calls: "syscall.RawSyscall"
}

// trapEntryOf returns fn as an entry point that takes a system call number,
// if it is one.
func (c *checker) trapEntryOf(fn *types.Func) (trapEntry, bool) {
	if isTrapFunc(fn) {
		raw := strings.HasPrefix(strings.ToLower(fn.Name()), "raw") // Syscall runs entersyscall and exitsyscall
		return trapEntry{pkg: fn.Pkg(), name: fn.Pkg().Name() + "." + fn.Name(), raw: raw}, true
	}
	e, ok := c.aliases[fn]
	return e, ok
}

// related returns the related information of a call of e: where a
// go:linkname alias is bound to its entry point, or where a wrapper calls
// the entry point.
func (e trapEntry) related() []related {
	switch {
	case e.link.IsValid():
		return []related{{pos: e.link, message: e.name + " is " + e.target + " by go:linkname"}}
	case e.wrapped.IsValid():
		return []related{{pos: e.wrapped, message: e.target + " makes the system call here"}}
	}
	return nil
}

// trapAliases returns the functions of the package declared without a
// body and bound by go:linkname to an entry point that takes a system call
// number (//go:linkname rawSyscall syscall.RawSyscall), by their objects.
func trapAliases(pass *analysis.Pass) map[*types.Func]trapEntry {
	aliases := make(map[*types.Func]trapEntry)
	for _, file := range pass.Files {
		if !code.ImportsPath(file, "unsafe") {
			continue // go:linkname needs import "unsafe"
		}
		for _, group := range file.Comments {
			for _, comment := range group.List {
				fields := strings.Fields(comment.Text)
				if len(fields) != 3 || fields[0] != "//go:linkname" {
					continue // not a directive that names a target
				}
				raw, ok := std.TrapEntries[fields[2]]
				fn, isFunc := pass.Pkg.Scope().Lookup(fields[1]).(*types.Func)
				if !ok || !isFunc || slices.ContainsFunc(pass.Files, func(f *ast.File) bool { return definesBody(f, fields[1]) }) {
					continue // another target, not a function, or one that provides the entry point
				}
				pkgPath := fields[2][:strings.LastIndex(fields[2], ".")]
				aliases[fn] = trapEntry{pkg: numbersPackage(pass.Pkg, pkgPath), name: fn.Name(), raw: raw, link: comment.Pos(), target: fields[2]}
			}
		}
	}
	return aliases
}

// numbersPackage returns the system call package whose numbers an entry
// point of the package at path takes, among those pkg imports directly or
// not: that package itself, or syscall, or golang.org/x/sys/unix (the
// kernel's numbers, which both name); nil if pkg sees none.
func numbersPackage(pkg *types.Package, path string) *types.Package {
	found := make(map[string]*types.Package)
	seen := make(map[*types.Package]bool)
	queue := []*types.Package{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		if std.IsSyscallPackage(p.Path()) {
			found[p.Path()] = p
		}
		queue = append(queue, p.Imports()...)
	}
	for _, want := range []string{path, "syscall", "golang.org/x/sys/unix"} {
		if p := found[want]; p != nil {
			return p
		}
	}
	return nil
}

package driver

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
)

// A pkg is a listed package as the driver loads and analyzes it.
type pkg struct {
	*listed
	imports []*pkg        // by ID, resolved
	keyed   chan struct{} // closed when it has its key, and its facts or a root's result if the cache had them (see loadAll)
	checked chan struct{} // closed when importers may type-check against it (see loadAll)
	done    chan struct{} // closed when the package is loaded and analyzed
	root    bool          // matched by the patterns: analyzed from source and reported
	source  bool          // type-checked from source, function bodies included (else its declarations only, or not at all)

	rootImp bool // imported by a root other than a test main

	// A root's files, read for its key, until it is type-checked
	// (checkRoot); none if the cache had its result.
	names []string
	srcs  [][]byte

	// types is p's package, made with the graph: one per package of the
	// run, so that the export data of any importer can name p's objects
	// in it, whether or not p itself is loaded (see typesOf).
	types    *types.Package
	typed    bool      // types holds p's declarations: loaded from export data, or type-checked (with errors, what that gave)
	lazy     sync.Once // loads types from p's export data for the first importer that needs them
	lazyErr  error     // why that failed
	errs     []string  // go list's, parse and type errors, as packages.PrintErrors prints them
	diags    []analysis.Diagnostic
	syntax   []*ast.File // what begin type-checked, for end to analyze
	info     *types.Info // its types, nil if there is nothing to analyze
	err      error       // why the analysis did not run or failed
	panicked bool        // the analysis panicked: err says so; importers run without its facts

	key      key         // what its facts are computed from, if the fact cache is on
	cached   bool        // its facts came from the fact cache (its types, from export data, only where needed)
	fresh    bool        // a dependency whose facts this run computes (for the fact cache)
	complete bool        // it has a key, and it and its imports were analyzed without error
	own      []objectKey // the object facts its analysis exported, in order

	// factNames are the names of the objects of the package that carry
	// the facts its analysis exported (see analyzer.DependencyMatters and
	// inheritedFactNames; those of facts from the cache are the store's).
	factNames map[string]bool
}

// A loader loads the packages of one run: from source those that the
// analysis needs, from export data the others, and of those only the
// ones that a package loaded from source imports (typesOf). Every package
// has its *types.Package from the start, so the export data of the
// packages loaded fills in, as go/packages does, the objects they name of
// the packages that are not: a dependency whose facts come from the fact
// cache costs its key and its facts, not its types.
type loader struct {
	analyzer *analysis.Analyzer
	facts    *facts // what the analyses of the packages loaded so far exported
	fset     *token.FileSet
	sizes    types.Sizes
	matters  DependencyMatters
	whole    Whole      // nil: none
	cache    *factCache // nil if off
	// exportMu is held to write by gcexportdata.Read (one at a time, as
	// go/packages does), which adds objects to the scopes of packages not
	// loaded and sets the imports of the one it reads; and to read by the
	// analysis (runPass), which may read the scope and imports of any
	// package.
	exportMu sync.RWMutex
}

// graph returns the listed packages, linked to their imports, in the order
// of list (dependencies first).
func graph(list []*listed) []*pkg {
	byID := make(map[string]*pkg, len(list))
	pkgs := make([]*pkg, len(list))
	for i, l := range list {
		p := &pkg{listed: l, keyed: make(chan struct{}), checked: make(chan struct{}), done: make(chan struct{}), root: !l.DepOnly, types: types.NewPackage(pkgPath(l.ImportPath), l.Name)}
		if l.ImportPath == "unsafe" {
			p.types, p.typed = types.Unsafe, true
		}
		byID[l.ImportPath] = p
		pkgs[i] = p
	}
	for _, p := range pkgs {
		for _, id := range p.Imports {
			if imp := byID[id]; imp != nil {
				p.imports = append(p.imports, imp)
			}
		}
	}
	breakCycles(pkgs)
	for _, p := range pkgs {
		if p.root && !p.isTestMain() {
			for _, imp := range p.imports {
				imp.rootImp = true
			}
		}
		if p.types != types.Unsafe {
			// As export data would give them, for an analysis that walks
			// the import graph; fromExport sets them again.
			imports := make([]*types.Package, len(p.imports))
			for i, imp := range p.imports {
				imports[i] = imp.types
			}
			p.types.SetImports(imports)
		}
	}
	return pkgs
}

// breakCycles drops the imports that close a cycle. go list -e reports an
// import cycle as an error of the package and keeps the imports, and a
// package waits for its imports to be loaded; without its cyclic import
// the type checker says it "could not import" it, as go/packages does.
func breakCycles(pkgs []*pkg) {
	const (
		unseen = iota
		visiting
		visited
	)
	state := make(map[*pkg]int, len(pkgs))
	var visit func(p *pkg)
	visit = func(p *pkg) {
		state[p] = visiting
		imports := p.imports[:0]
		for _, imp := range p.imports {
			switch state[imp] {
			case visiting:
				continue // p imports a package that imports p
			case unseen:
				visit(imp)
			}
			imports = append(imports, imp)
		}
		p.imports = imports
		state[p] = visited
	}
	for _, p := range pkgs {
		if state[p] == unseen {
			visit(p)
		}
	}
}

// begin loads p: its key, and its types or its facts from the fact cache.
// A root gets only its key and, if the cache has it, the result of its
// analysis; checkRoot type-checks it if not, as soon as its imports are
// (see loadAll). Any other package is analyzed too, since whether its
// source matters depends on its imports' facts. end analyzes what begin
// or checkRoot type-checked.
func (ld *loader) begin(p *pkg) {
	if p.Error != nil && !p.compileError() {
		p.errs = append(p.errs, p.listError())
	}
	switch {
	case p.ImportPath == "unsafe":
		p.key = ld.cache.unsafeKey()
	case p.isTestMain():
		// Generated: nothing imports it and nothing in it is the user's.
	case p.Standard && !p.root:
		ld.standard(p)
	default:
		ld.fromSourceOrExport(p)
	}
	if !p.root && ld.readsWhole(p) {
		// Now, before any importer reads export data that names its
		// objects: the analysis reads the scope of a package it reads
		// whole, which must then be whole and unchanging (a root's are
		// loaded once its imports are: see loadAll). An error waits for
		// the importers, as typesOf's.
		_, _ = ld.typesOf(p)
	}
}

// readsWhole reports whether the analysis reads the scope of p whole.
func (ld *loader) readsWhole(p *pkg) bool {
	return ld.whole != nil && ld.whole(pkgPath(p.ImportPath))
}

// checkRoot type-checks p, a root whose result the cache did not have.
func (ld *loader) checkRoot(p *pkg) {
	if p.srcs != nil {
		p.syntax, p.info = ld.check(p, p.names, p.srcs)
		p.names, p.srcs = nil, nil
	}
}

// checksRoot reports whether p is a root that is type-checked: not a test
// main, and the cache did not have its result. Called once p is keyed.
func (p *pkg) checksRoot() bool {
	return p.root && !p.isTestMain() && !p.cached
}

// end analyzes p, once its imports are done, if begin left it
// type-checked, and puts the facts of a dependency analyzed from source in
// the fact cache.
func (ld *loader) end(p *pkg) {
	if p.info != nil {
		ld.analyze(p, p.syntax, p.info)
		p.syntax, p.info = nil, nil
	}
	if len(p.errs) > 0 && p.err == nil {
		p.err = errors.New("analysis skipped due to errors in package")
	}
	// Not if facts from the cache did not decode: what p's analysis
	// found without them is not to be kept.
	p.complete = p.importsComplete() && p.err == nil && len(p.errs) == 0 && len(ld.facts.unreadable()) == 0
	switch {
	case p.fresh:
		ld.cache.put(ld, p)
	case p.root && p.source:
		ld.cache.putResult(ld, p)
	}
}

// listError formats p's error from go list as go/packages does.
func (p *pkg) listError() string {
	msg := strings.TrimSpace(p.Error.Err)
	if (msg == "import cycle not allowed" || msg == "import cycle not allowed in test") && len(p.Error.ImportStack) > 0 {
		stack := make([]string, len(p.Error.ImportStack))
		for i, id := range p.Error.ImportStack {
			stack[i] = strings.TrimSuffix(id, " (test)")
		}
		msg += fmt.Sprintf(": import stack: %v", stack)
	}
	pos := p.Error.Pos
	if pos == "" {
		pos = "-" // like token.Position{}.String()
	}
	return pos + ": " + msg
}

// compileError reports whether p's error from go list is one that only
// compiling p for its export data gives, where p is then loaded from
// source as go/packages loading from source sees it:
//   - what the compiler printed when it failed, or refused to run (see
//     toolexec.go): the type checker reports the type errors itself, and
//     does not refuse what only the compiler does (a function without
//     body nor assembly); for the main package that go test generates,
//     never analyzed, there is nothing to report. What cgo printed when
//     it failed (and left no files after cgo) is kept: the type checker
//     then only says it "could not import C";
//   - that a package has no Go file for the platform, though go list
//     knows its name (a cgo package when cgo is off, or one with tests
//     only): an empty package, to go list without -export. (Without a
//     name, go list without -export says so too: the error stays.)
func (p *pkg) compileError() bool {
	compiled := strings.HasPrefix(p.Error.Err, "# ") && p.Export == "" && (len(p.CompiledGoFiles) > 0 || p.isTestMain())
	empty := p.Name != "" && len(p.GoFiles)+len(p.CgoFiles)+len(p.CompiledGoFiles) == 0
	return compiled || empty
}

// standard keys p, a dependency in the standard library, which the
// analyzer models and never analyzes. Its declarations are loaded when an
// importer needs them, from export data (typesOf); without export data,
// they are type-checked from source now (see eagerDeclarations).
func (ld *loader) standard(p *pkg) {
	names := p.files()
	var srcs [][]byte
	if k, ok := ld.cache.fileKey(p, names); ok {
		p.key = k
	} else if srcs = readFiles(p, names); srcs == nil {
		return
	} else {
		p.key = ld.cache.sourceKey(p, names, srcs)
	}
	if err := ld.eagerDeclarations(p, names, srcs); err != nil {
		p.errs = append(p.errs, err.Error())
	}
}

// eagerDeclarations type-checks the declarations of p from source if it
// has no export data, and so typesOf cannot load them later: now, before
// any importer loads, since the export data of an importer may name p's
// objects, which must then be the ones its source declares.
func (ld *loader) eagerDeclarations(p *pkg, names []string, srcs [][]byte) error {
	if p.Export != "" {
		return nil
	}
	return ld.declarations(p, names, srcs)
}

// typesOf returns p's package with its declarations, for an importer
// (p's load is done): those its load gave it or, for a package loaded
// from export data only where needed (a dependency whose facts came from
// the cache, or of the standard library), loaded from its export data
// now, once. It returns an error if they cannot be loaded.
func (ld *loader) typesOf(p *pkg) (*types.Package, error) {
	p.lazy.Do(func() {
		switch {
		case p.typed:
		case p.Export != "":
			p.lazyErr = ld.fromExport(p)
		case p.root && p.cached: // its result from the cache, never built; its imports are typed (see loadAll)
			p.lazyErr = ld.declarations(p, p.files(), nil)
		default:
			p.lazyErr = fmt.Errorf("no metadata for %s", pkgPath(p.ImportPath)) // as go/packages says
		}
	})
	return p.types, p.lazyErr
}

// fromSourceOrExport keys p and, for a root, takes the result of its
// analysis from the fact cache or leaves it to type-check (checkRoot). It
// loads any other package from source, function bodies included, if the
// analysis needs its source to know its facts, or if its declarations do
// not load; else its declarations only (see declarations); and leaves it
// to analyze (p.info) unless its facts came from the fact cache.
func (ld *loader) fromSourceOrExport(p *pkg) {
	p.factNames = make(map[string]bool)
	names := p.files()
	var srcs [][]byte
	if k, ok := ld.cache.fileKey(p, names); ok && !p.root {
		p.key = k // and its files are read only if its facts are not in the cache
	} else if srcs = readFiles(p, names); srcs == nil {
		return
	} else {
		p.key = ld.cache.sourceKey(p, names, srcs)
	}
	switch {
	case p.root:
		if !ld.cache.getResult(ld, p) {
			p.names, p.srcs = names, srcs
		}
		return
	case ld.cache.get(ld, p, names):
		return // its facts computed by an earlier run
	}
	if srcs == nil {
		if srcs = readFiles(p, names); srcs == nil {
			return
		}
	}
	p.fresh = true
	if !ld.matters(importPaths(p), srcs, ld.inheritedFactNames(p)) {
		if err := ld.declarations(p, names, srcs); err == nil {
			p.info = new(types.Info)
			return
		} // else type-check it all from source, which says what is wrong
	}
	p.syntax, p.info = ld.check(p, names, srcs)
}

// inheritedFactNames returns whether an object of a package that p
// imports, directly or not, carries a fact, by the object's name: what
// DependencyMatters asks. Made only for a dependency whose facts this run
// computes, it unites the names of its dependencies once.
func (ld *loader) inheritedFactNames(p *pkg) func(name string) bool {
	var names map[string]bool
	return func(name string) bool {
		if names == nil {
			names = make(map[string]bool)
			for _, dep := range closure(p) {
				depNames := dep.factNames
				if dep.cached {
					depNames = ld.facts.factNames(dep.types)
				}
				for n := range depNames {
					names[n] = true
				}
			}
		}
		return names[name]
	}
}

// readFiles returns the contents of the files of p, or nil with an
// error of p if one cannot be read.
func readFiles(p *pkg, names []string) [][]byte {
	srcs := make([][]byte, len(names))
	for i, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			p.errs = append(p.errs, err.Error())
			return nil
		}
		srcs[i] = src
	}
	return srcs
}

// importPaths returns the package paths that p imports.
func importPaths(p *pkg) []string {
	paths := make([]string, len(p.Imports))
	for i, id := range p.Imports {
		paths[i] = pkgPath(id)
	}
	return paths
}

// declarations loads p's types without what its function bodies hold:
// from its export data if the build cache holds it, else from its files'
// declarations (read if srcs is nil), type-checked without function
// bodies, which is what the export data would hold (and costs what
// compiling for it would avoid: see toolexec.go). It returns the first
// error, and leaves p untyped and without error, with a new empty
// package, if that fails.
func (ld *loader) declarations(p *pkg, names []string, srcs [][]byte) error {
	if p.Export != "" {
		err := ld.fromExport(p)
		if err != nil {
			p.types = types.NewPackage(pkgPath(p.ImportPath), p.Name) // no importer has seen it yet
		}
		return err
	}
	files := make([]*ast.File, len(names))
	for i, name := range names {
		var src any // the parser reads the file
		if srcs != nil {
			src = srcs[i]
		}
		f, err := parser.ParseFile(ld.fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files[i] = f
	}
	conf := ld.config(p)
	conf.IgnoreFuncBodies = true
	if err := types.NewChecker(conf, ld.fset, p.types, nil).Files(files); err != nil {
		p.types = types.NewPackage(pkgPath(p.ImportPath), p.Name) // no importer has seen it yet
		return err
	}
	p.typed = true
	return nil
}

// config returns the type checker's configuration for p.
func (ld *loader) config(p *pkg) *types.Config {
	conf := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) { return ld.importOf(p, path) }),
		Sizes:    ld.sizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	return conf
}

// fromExport loads p's declarations from its export data into p.types,
// which objects of p that other export data named may already be in.
func (ld *loader) fromExport(p *pkg) error {
	f, err := os.Open(p.Export)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return fmt.Errorf("reading export data of %s: %v", p.ImportPath, err)
	}
	// The packages p's export data may name, by path: p and those it
	// imports, directly or not, loaded or not.
	view := make(map[string]*types.Package)
	for _, dep := range closure(p) {
		view[pkgPath(dep.ImportPath)] = dep.types
	}
	view[pkgPath(p.ImportPath)] = p.types
	ld.exportMu.Lock()
	defer ld.exportMu.Unlock()
	if _, err := gcexportdata.Read(r, ld.fset, view, pkgPath(p.ImportPath)); err != nil {
		return fmt.Errorf("reading export data of %s: %v", p.ImportPath, err)
	}
	// Export data lists the packages it names, not those p imports; the
	// analysis looks at p's imports.
	imports := make([]*types.Package, len(p.imports))
	for i, imp := range p.imports {
		imports[i] = imp.types
	}
	p.types.SetImports(imports)
	p.typed = true
	return nil
}

// analyze runs the analysis on p if it and its imports are free of errors.
func (ld *loader) analyze(p *pkg, files []*ast.File, info *types.Info) {
	var failed []string
	for _, imp := range p.imports {
		if imp.err != nil && !imp.panicked { // without the facts of one that panicked, as go vet
			failed = append(failed, ld.analyzer.Name+"@"+imp.ImportPath)
		}
	}
	switch {
	case len(failed) > 0:
		p.err = fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))
	case len(p.errs) == 0:
		ld.runPass(p, files, info)
	}
}

// closure returns the packages that p imports, directly or not.
func closure(p *pkg) []*pkg {
	seen := make(map[*pkg]bool)
	var all []*pkg
	var visit func(*pkg)
	visit = func(q *pkg) {
		for _, imp := range q.imports {
			if !seen[imp] {
				seen[imp] = true
				all = append(all, imp)
				visit(imp)
			}
		}
	}
	visit(p)
	return all
}

// check parses and type-checks p from source.
func (ld *loader) check(p *pkg, names []string, srcs [][]byte) ([]*ast.File, *types.Info) {
	p.source = true
	var files []*ast.File
	for i, name := range names {
		f, err := parser.ParseFile(ld.fset, name, srcs[i], parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			p.errs = append(p.errs, parseErrors(err)...)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	conf := ld.config(p)
	conf.Error = func(err error) { p.errs = append(p.errs, err.Error()) }
	// p.types has the name go list gives, as go/packages does: a package
	// without files for the platform has one too.
	_ = types.NewChecker(conf, ld.fset, p.types, info).Files(files) // errors went to conf.Error
	p.typed = true
	return files, info
}

// parseErrors returns the errors of parser.ParseFile, one per line.
func parseErrors(err error) []string {
	var list scanner.ErrorList
	if !errors.As(err, &list) {
		return []string{err.Error()}
	}
	msgs := make([]string, len(list))
	for i, e := range list {
		msgs[i] = e.Error()
	}
	return msgs
}

// importOf returns the package that path, as p's source imports it, names.
func (ld *loader) importOf(p *pkg, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	id := path
	if mapped, ok := p.ImportMap[path]; ok {
		id = mapped
	}
	i := slices.IndexFunc(p.imports, func(imp *pkg) bool { return imp.ImportPath == id })
	if i < 0 {
		return nil, fmt.Errorf("no metadata for %s", path) // as go/packages says
	}
	tpkg, err := ld.typesOf(p.imports[i])
	if err != nil {
		return nil, err // the type checker makes a package of its own for it
	}
	return tpkg, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

package driver

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// facts holds the facts that the analysis of every package exported.
// Objects and packages are unique across the run, so one store serves all.
//
// The facts of a package that came from the fact cache stay as the cache
// holds them, gob-encoded (encoded), until the analysis asks for a fact
// of the package or of one of its objects (decode): a warm run's roots
// ask about few of their dependencies (on kube-router, of 1,038, the
// hundred or so that they or their direct imports name), and decoding
// them all cost a tenth of the CPU that loading them does. Its object
// facts are then kept by object path (stored) until the analysis asks for
// a fact of one of its objects (resolve): the package's types may never
// be loaded, and its objects exist only as far as the export data of
// other packages names them.
type facts struct {
	types    []analysis.Fact // the analyzer's
	mu       sync.RWMutex
	objs     map[objectKey]analysis.Fact
	pkgs     map[packageKey]analysis.Fact
	encoded  map[*types.Package][]byte // a cachedFacts, gob-encoded
	stored   map[*types.Package]map[objectpath.Path][]analysis.Fact
	names    map[*types.Package]map[string]bool // of a stored package: its objects with facts, by name
	resolved map[types.Object]bool              // the objects of stored packages whose facts are in objs
	corrupt  []string                           // what went wrong decoding encoded facts, by package
}

type objectKey struct {
	obj types.Object
	typ reflect.Type
}

type packageKey struct {
	pkg *types.Package
	typ reflect.Type
}

// newFacts returns an empty store for facts of the types factTypes.
func newFacts(factTypes []analysis.Fact) *facts {
	return &facts{
		types:    factTypes,
		objs:     make(map[objectKey]analysis.Fact),
		pkgs:     make(map[packageKey]analysis.Fact),
		encoded:  make(map[*types.Package][]byte),
		stored:   make(map[*types.Package]map[objectpath.Path][]analysis.Fact),
		names:    make(map[*types.Package]map[string]bool),
		resolved: make(map[types.Object]bool),
	}
}

// keep keeps data, the gob-encoded cachedFacts that the cache holds for
// pkg, to decode when the analysis asks for one of them.
func (fs *facts) keep(pkg *types.Package, data []byte) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.encoded[pkg] = data
}

// decoded decodes the facts of pkg if they wait to be.
func (fs *facts) decoded(pkg *types.Package) {
	fs.mu.RLock()
	_, wait := fs.encoded[pkg]
	fs.mu.RUnlock()
	if wait {
		fs.mu.Lock()
		fs.decode(pkg)
		fs.mu.Unlock()
	}
}

// decode stores the facts of pkg that wait to be decoded, if they do.
// The cache verified that the bytes are those this executable wrote (its
// entries are named by the hash of their content, and keyed by the
// executable's), so they decode unless something is badly wrong: then the
// package has no facts, and the run says so and fails (see run). fs.mu is
// held to write.
func (fs *facts) decode(pkg *types.Package) {
	data, ok := fs.encoded[pkg]
	if !ok {
		return
	}
	delete(fs.encoded, pkg)
	var cf cachedFacts
	err := gob.NewDecoder(bytes.NewReader(data)).Decode(&cf)
	if err == nil && !fs.known(&cf) {
		err = errors.New("a fact of a type not the analyzer's")
	}
	if err != nil {
		fs.corrupt = append(fs.corrupt, fmt.Sprintf("%s: %v", pkg.Path(), err))
		cf = cachedFacts{}
	}
	fs.storeLocked(pkg, &cf)
}

// unreadable returns, sorted, what went wrong decoding facts from the
// cache, by package: "path: error".
func (fs *facts) unreadable() []string {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return slices.Sorted(slices.Values(fs.corrupt))
}

// known reports whether every fact of cf is of one of fs's types.
func (fs *facts) known(cf *cachedFacts) bool {
	known := func(f analysis.Fact) bool {
		return f != nil && slices.ContainsFunc(fs.types, func(t analysis.Fact) bool { return reflect.TypeOf(t) == reflect.TypeOf(f) })
	}
	return !slices.ContainsFunc(cf.Objects, func(f cachedObjectFact) bool { return !known(f.Fact) }) &&
		!slices.ContainsFunc(cf.Package, func(f analysis.Fact) bool { return !known(f) })
}

// decodeAll decodes the facts of the packages among pkgs that wait to
// be. fs.mu is held to write.
func (fs *facts) decodeAll(pkgs map[*types.Package]bool) {
	for pkg := range fs.encoded {
		if pkgs[pkg] {
			fs.decode(pkg)
		}
	}
}

// store keeps cf, the facts the cache holds for pkg: its package facts,
// and its object facts by path until they are asked for.
func (fs *facts) store(pkg *types.Package, cf *cachedFacts) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.storeLocked(pkg, cf)
}

// storeLocked is store with fs.mu held to write.
func (fs *facts) storeLocked(pkg *types.Package, cf *cachedFacts) {
	byPath := make(map[objectpath.Path][]analysis.Fact, len(cf.Objects))
	names := make(map[string]bool, len(cf.Objects))
	for _, f := range cf.Objects {
		byPath[f.Path] = append(byPath[f.Path], f.Fact)
		names[f.Name] = true
	}
	fs.stored[pkg] = byPath
	fs.names[pkg] = names
	for _, f := range cf.Package {
		fs.pkgs[packageKey{pkg, reflect.TypeOf(f)}] = f
	}
}

// factNames returns the names of the objects of pkg, a package whose facts
// came from the cache, that carry facts.
func (fs *facts) factNames(pkg *types.Package) map[string]bool {
	fs.decoded(pkg)
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return fs.names[pkg]
}

// unresolved reports whether obj belongs to a stored package and its
// facts were not looked for yet. fs.mu is held.
func (fs *facts) unresolved(obj types.Object) bool {
	return fs.stored[obj.Pkg()] != nil && !fs.resolved[obj]
}

// resolve gives obj, an object of a stored package, the facts stored for
// its path. path is obj's object path, "" if it has none.
func (fs *facts) resolve(obj types.Object, path objectpath.Path) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if !fs.unresolved(obj) {
		return
	}
	fs.give(obj, fs.stored[obj.Pkg()][path]) // none if path is ""
}

// give records that obj, an object of a stored package, has the facts
// stored for it. fs.mu is held to write.
func (fs *facts) give(obj types.Object, facts []analysis.Fact) {
	fs.resolved[obj] = true
	for _, f := range facts {
		fs.objs[objectKey{obj, reflect.TypeOf(f)}] = f
	}
}

// copyFact copies the value of fact into ptr, a pointer of the same type.
func copyFact(ptr, fact analysis.Fact) {
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
}

// runPass runs the analyzer on p, a package without errors, and keeps
// what it reports on a root.
func (ld *loader) runPass(p *pkg, files []*ast.File, info *types.Info) {
	a := ld.analyzer
	if err := ld.runRecovered(p, files, info); err != nil {
		p.err = err
	} else if !p.root {
		p.diags = nil // reported only for the roots
	} else if err := resolveURLs(a, p.diags); err != nil {
		p.err = err
	}
}

// runRecovered runs the analyzer on p. A panic of the analyzer is p's
// error, as go vet makes it (there the tool's process dies on that package
// alone): the error names it, with its value and where it happened, and
// the facts p exported before it are dropped, so that p's importers are
// analyzed without them, as go vet analyzes them without the facts of a
// package whose analysis failed. p's findings are dropped too.
func (ld *loader) runRecovered(p *pkg, files []*ast.File, info *types.Info) (err error) {
	defer func() {
		if v := recover(); v != nil {
			p.panicked = true
			p.diags = nil
			ld.facts.forget(p.types)
			err = fmt.Errorf("internal error: analysis of %s panicked: %v\n%s", p.ImportPath, v, shortStack(3, 8))
		}
	}()
	ld.exportMu.RLock() // no gcexportdata.Read adds to a scope the analysis may read
	defer ld.exportMu.RUnlock()
	_, err = ld.analyzer.Run(ld.pass(p, files, info))
	return err
}

// shortStack returns at most n frames of the stack of the panicking
// goroutine, from the function that panicked up to the analyzer's Run, one
// "\tfunction (file:line)" a line. skip counts the frames above it to leave
// out: runtime.Callers, shortStack and the deferred function that
// recovered.
func shortStack(skip, n int) string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(skip, pcs)])
	var b strings.Builder
	for f, more := frames.Next(); more && n > 0; f, more = frames.Next() {
		if strings.HasSuffix(f.Function, "(*loader).runRecovered") {
			break // the driver's frames: the same for every panic
		}
		if strings.HasPrefix(f.Function, "runtime.") {
			continue // gopanic, panicIndex, …: where the panic was raised, not why
		}
		fmt.Fprintf(&b, "\t%s (%s:%d)\n", f.Function, f.File, f.Line)
		n--
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// forget drops the facts exported about pkg and its objects.
func (fs *facts) forget(pkg *types.Package) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	delete(fs.encoded, pkg)
	delete(fs.stored, pkg)
	delete(fs.names, pkg)
	for k := range fs.objs {
		if k.obj.Pkg() == pkg {
			delete(fs.objs, k)
		}
	}
	for k := range fs.pkgs {
		if k.pkg == pkg {
			delete(fs.pkgs, k)
		}
	}
}

// pass returns the pass of the analyzer over p.
func (ld *loader) pass(p *pkg, files []*ast.File, info *types.Info) *analysis.Pass {
	a, fs := ld.analyzer, ld.facts
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       ld.fset,
		Files:      files,
		Pkg:        p.types,
		TypesInfo:  info,
		TypesSizes: ld.sizes,
		Module:     &analysis.Module{},
		ResultOf:   make(map[*analysis.Analyzer]any),
		Report:     func(d analysis.Diagnostic) { p.diags = append(p.diags, d) },
		ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
			fs.decoded(obj.Pkg())
			fs.mu.RLock()
			unresolved := fs.unresolved(obj)
			fs.mu.RUnlock()
			if unresolved {
				fs.resolve(obj, pathOf(obj))
			}
			fs.mu.RLock()
			defer fs.mu.RUnlock()
			fact, ok := fs.objs[objectKey{obj, reflect.TypeOf(ptr)}]
			if ok {
				copyFact(ptr, fact)
			}
			return ok
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != p.types {
				panic(fmt.Sprintf("internal error: in analysis %s of package %s: Fact.Set(%s, %T): can't set facts on objects belonging another package", a, p.ImportPath, obj, fact))
			}
			fs.mu.Lock()
			defer fs.mu.Unlock()
			k := objectKey{obj, reflect.TypeOf(fact)}
			fs.objs[k] = fact
			p.own = append(p.own, k)
			p.factNames[obj.Name()] = true
		},
		ImportPackageFact: func(pkg *types.Package, ptr analysis.Fact) bool {
			fs.decoded(pkg)
			fs.mu.RLock()
			defer fs.mu.RUnlock()
			fact, ok := fs.pkgs[packageKey{pkg, reflect.TypeOf(ptr)}]
			if ok {
				copyFact(ptr, fact)
			}
			return ok
		},
		ExportPackageFact: func(fact analysis.Fact) {
			fs.mu.Lock()
			defer fs.mu.Unlock()
			fs.pkgs[packageKey{p.types, reflect.TypeOf(fact)}] = fact
		},
		AllObjectFacts:  func() []analysis.ObjectFact { return ld.allObjectFacts(p) },
		AllPackageFacts: func() []analysis.PackageFact { return fs.allPackageFacts(p) },
	}
	if m := p.Module; m != nil {
		pass.Module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	pass.ReadFile = func(name string) ([]byte, error) {
		if !slices.ContainsFunc(files, func(f *ast.File) bool { return ld.fset.File(f.FileStart).Name() == name }) {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", name)
		}
		return os.ReadFile(name)
	}
	return pass
}

// pathOf returns the object path of obj, "" if it has none. Called by the
// analysis, in runPass, which holds exportMu to read: obj's package may be
// one that a gcexportdata.Read adds to.
func pathOf(obj types.Object) objectpath.Path {
	path, _ := objectpath.For(obj)
	return path
}

// resolveAll gives the objects of the stored packages among pkgs that
// are loaded (those that some export data named, or all of a package
// loaded whole) their stored facts. Called by the analysis, in runPass,
// which holds exportMu to read.
func (ld *loader) resolveAll(pkgs map[*types.Package]bool) {
	fs := ld.facts
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.decodeAll(pkgs)
	for pkg, byPath := range fs.stored {
		if !pkgs[pkg] {
			continue
		}
		for path, facts := range byPath {
			if obj, err := objectpath.Object(pkg, path); err == nil && !fs.resolved[obj] {
				fs.give(obj, facts) // else not loaded, or resolved already
			}
		}
	}
}

// visible returns the packages whose facts the analysis of p may see: p's
// and those of its dependencies.
func visible(p *pkg) map[*types.Package]bool {
	pkgs := map[*types.Package]bool{p.types: true}
	for _, dep := range closure(p) {
		pkgs[dep.types] = true
	}
	return pkgs
}

// allObjectFacts returns the object facts the analysis of p may see: of
// a package whose facts came from the cache, those of its objects that
// are loaded, all that p can name.
func (ld *loader) allObjectFacts(p *pkg) []analysis.ObjectFact {
	fs := ld.facts
	ld.resolveAll(visible(p))
	return visibleFacts(fs, fs.objs, p, func(k objectKey, fact analysis.Fact) (*types.Package, analysis.ObjectFact) {
		return k.obj.Pkg(), analysis.ObjectFact{Object: k.obj, Fact: fact}
	})
}

func (fs *facts) allPackageFacts(p *pkg) []analysis.PackageFact {
	fs.mu.Lock()
	fs.decodeAll(visible(p))
	fs.mu.Unlock()
	return visibleFacts(fs, fs.pkgs, p, func(k packageKey, fact analysis.Fact) (*types.Package, analysis.PackageFact) {
		return k.pkg, analysis.PackageFact{Package: k.pkg, Fact: fact}
	})
}

// visibleFacts returns the entries of facts, one of the maps of fs, that
// belong to a package the analysis of p may see.
func visibleFacts[K comparable, E any](fs *facts, facts map[K]analysis.Fact, p *pkg, entry func(K, analysis.Fact) (*types.Package, E)) []E {
	see := visible(p)
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	var all []E
	for k, fact := range facts {
		if pkg, e := entry(k, fact); see[pkg] {
			all = append(all, e)
		}
	}
	return all
}

// resolveURLs gives each diagnostic the URL that checker.Analyze would:
// its own, or its category's anchor in the analyzer's URL.
func resolveURLs(a *analysis.Analyzer, diags []analysis.Diagnostic) error {
	for i, d := range diags {
		if d.URL == "" && d.Category == "" && a.URL == "" {
			continue
		}
		raw := d.URL
		if raw == "" && d.Category != "" {
			raw = "#" + d.Category
		}
		u, err := url.Parse(raw)
		if err != nil {
			return fmt.Errorf("invalid Diagnostic.URL %q: %s", raw, err)
		}
		base, err := url.Parse(a.URL)
		if err != nil {
			return fmt.Errorf("invalid Analyzer.URL %q: %s", a.URL, err)
		}
		diags[i].URL = base.ResolveReference(u).String()
	}
	return nil
}

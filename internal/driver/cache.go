package driver

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/cache"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// The fact cache keeps the facts of the dependencies (but the standard
// library, never analyzed), so that the next run loads each from export
// data (or, where the build cache has none, its declarations from source)
// and reads its facts instead of computing them again: it neither
// type-checks function bodies for the dependencies whose facts need them
// (DependencyMatters) nor reads the files of the others to decide.
//
// It is the go command's build cache design (a copy of it,
// github.com/rogpeppe/go-internal/cache): files named by the hash of what
// they are computed from, written atomically, checked against their hash
// when read, their modification time kept as the time of last use, and
// those unused for five days removed (at most once a day). Its directory is
// $FORKCHECK_CACHE, by default forkcheck in the user's cache directory
// (os.UserCacheDir: ~/.cache/forkcheck on Linux); FORKCHECK_CACHE=off
// turns it off. Removing the directory clears it.
//
// A package's key is the hash of everything its facts are computed from:
// forkcheck's executable, the analyzer's flags, GOOS and GOARCH, the
// package's ID, name, directory and Go version, the name and content of each
// of its files (after cgo, so the build tags and cgo's output count; for a
// file of the module cache or GOROOT its name, size and time, for one of
// the build cache its name: see fileKey), and the keys of its imports. A
// package of the standard library (never analyzed) is keyed the same way,
// so the keys do not depend on what the build cache holds. So a change in
// a dependency changes the keys of all its importers.
// Only a package analyzed without error, whose imports all were too, is
// stored, with the facts of the objects that an object path names: those
// an importer can refer to (go vet passes on only these too).
// Whatever goes wrong reading an entry (missing, corrupt, an object not in
// the export data) makes the driver compute the facts from source, as
// without a cache; a cache it cannot write is no cache. An entry that the
// cache verifies but whose facts do not decode, which this executable
// never writes, fails the run (facts.decode). An entry without facts is
// empty and not read. The roots' results are kept apart: see results.go.

// cacheEnv names the environment variable that says where the cache is.
const cacheEnv = "FORKCHECK_CACHE"

// A key identifies what a package's facts are computed from.
type key = cache.ActionID

// A factCache is the fact cache of one run.
type factCache struct {
	dir    *cache.Cache
	path   string   // dir's
	salt   key      // what every key starts from: the tool, the analyzer's flags, the platform
	stable []string // GOMODCACHE and GOROOT, whose files are keyed by name, size and time
	build  string   // GOCACHE, whose files are keyed by name (their content's hash)
}

// cacheDir returns the directory of the fact cache, or "" if it is off.
func cacheDir() string {
	dir := os.Getenv(cacheEnv)
	switch {
	case dir == "off":
		return ""
	case dir != "":
		abs, err := filepath.Abs(dir)
		if err != nil {
			return ""
		}
		return abs
	}
	user, err := os.UserCacheDir()
	if err != nil {
		return "" // no home: no cache
	}
	return filepath.Join(user, "forkcheck")
}

// openCache opens the fact cache for analyzer a on the platform, or
// returns nil if it is off or cannot be used.
func openCache(a *analysis.Analyzer, plat platform) *factCache {
	dir := cacheDir()
	if dir == "" {
		return nil
	}
	tool, err := toolID()
	if err != nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil
	}
	c, err := cache.Open(dir)
	if err != nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "forkcheck facts 2\ntool %x\nanalyzer %s\nplatform %s/%s\n", tool, a.Name, plat.goos, plat.goarch)
	a.Flags.VisitAll(func(f *flag.Flag) { fmt.Fprintf(h, "flag %s=%q\n", f.Name, f.Value.String()) })
	for _, f := range a.FactTypes {
		gob.Register(f) // the facts are stored as interface values
	}
	fc := &factCache{dir: c, path: dir, build: plat.buildCache}
	for _, d := range []string{plat.modCache, plat.goroot} {
		if d != "" {
			fc.stable = append(fc.stable, d+string(filepath.Separator))
		}
	}
	h.Sum(fc.salt[:0])
	return fc
}

// ToolID returns the SHA-256 of the running executable, computed once: a
// new build of forkcheck has new cache keys, as go vet keys its results by
// the vet tool's, and -V=full reports it as the build ID.
func ToolID() ([sha256.Size]byte, error) { return toolID() }

// toolID is ToolID's computation; a test stands in another build.
var toolID = sync.OnceValues(func() ([sha256.Size]byte, error) {
	var id [sha256.Size]byte
	exe, err := os.Executable()
	if err != nil {
		return id, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return id, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return id, err
	}
	h.Sum(id[:0])
	return id, nil
})

// trim removes the entries unused for five days, and the least recently
// used ones while the cache holds more than maxCacheBytes, at most once a
// day each.
func (fc *factCache) trim() {
	if fc != nil {
		_ = fc.dir.Trim() // a cache not trimmed is still right
		_ = capSize(fc.path, maxCacheBytes, time.Now())
	}
}

// maxCacheBytes bounds the size of the fact cache. An entry holds the facts
// of one dependency, rarely more than a few KiB: the 12 modules of x/tools'
// dependencies take 1.2 MiB.
var maxCacheBytes int64 = 1 << 30

// sizeCheckInterval is how often capSize walks the cache.
const sizeCheckInterval = 24 * time.Hour

// capSize removes the least recently used files of the cache in dir (whose
// modification times are their last use: see the cache package) until they
// take at most max bytes, if it did not check within sizeCheckInterval
// (size.txt's modification time says when it did). A missing file of an
// entry makes the entry a miss: its facts are computed again.
func capSize(dir string, max int64, now time.Time) error {
	stamp := filepath.Join(dir, "size.txt")
	if info, err := os.Stat(stamp); err == nil && now.Sub(info.ModTime()) < sizeCheckInterval && info.ModTime().Before(now.Add(time.Hour)) {
		return nil
	}
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	for i := range 256 {
		entries, _ := os.ReadDir(filepath.Join(dir, fmt.Sprintf("%02x", i)))
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			files = append(files, file{filepath.Join(dir, fmt.Sprintf("%02x", i), e.Name()), info.Size(), info.ModTime()})
			total += info.Size()
		}
	}
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	for _, f := range files {
		if total <= max {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
		}
	}
	return os.WriteFile(stamp, []byte(now.Format(time.RFC3339)+"\n"), 0o666)
}

// sourceKey returns the key of p, a package loaded from its files srcs
// (or that could be), with the keys of its imports.
func (fc *factCache) sourceKey(p *pkg, names []string, srcs [][]byte) key {
	if fc == nil {
		return key{}
	}
	h := sha256.New()
	b := fc.packageLine(p)
	for i, name := range names {
		b = appendLine(b, "file", name, strconv.Itoa(len(srcs[i])))
		h.Write(b)
		h.Write(srcs[i])
		b = b[:0]
	}
	h.Write(appendImports(b, p))
	var k key
	h.Sum(k[:0])
	return k
}

// packageLine returns the salt and what p's facts are computed from but
// its files and imports, as a key starts.
func (fc *factCache) packageLine(p *pkg) []byte {
	goVersion := ""
	if p.Module != nil {
		goVersion = p.Module.GoVersion
	}
	b := append(make([]byte, 0, 1024), fc.salt[:]...)
	return appendLine(b, "package", p.ImportPath, p.Name, p.Dir, "go"+goVersion)
}

// appendLine appends to b a line of what a key is computed from: what,
// then each of the words, quoted.
func appendLine(b []byte, what string, words ...string) []byte {
	b = append(b, what...)
	for _, w := range words {
		b = strconv.AppendQuote(append(b, ' '), w)
	}
	return append(b, '\n')
}

// appendImports appends to b a line for each import of p, with its key.
func appendImports(b []byte, p *pkg) []byte {
	for _, imp := range p.imports {
		b = appendLine(b, "import", imp.ImportPath, hex.EncodeToString(imp.key[:]))
	}
	return b
}

// fileKey returns the key of p, a package whose files are all in the
// module cache or GOROOT (the module cache holds a module version's files,
// extracted once, read-only, and the go command never changes them; GOROOT's
// change with a new installation) or, made by cgo, in the build cache,
// named by their content's hash. It keys the first by their names, sizes
// and modification times, the others by their names: no need to read
// them. It returns false if some file is elsewhere or cannot be stat'ed.
func (fc *factCache) fileKey(p *pkg, names []string) (key, bool) {
	if fc == nil {
		return key{}, false
	}
	b := fc.packageLine(p)
	for _, name := range names {
		switch {
		case fc.isStable(name):
			info, err := os.Stat(name)
			if err != nil {
				return key{}, false
			}
			b = appendLine(b, "file", name, strconv.FormatInt(info.Size(), 10), strconv.FormatInt(info.ModTime().UnixNano(), 10))
		case fc.build != "" && filepath.Dir(filepath.Dir(name)) == fc.build && strings.HasSuffix(name, "-d"):
			b = appendLine(b, "file", name) // $GOCACHE/xx/HASH-d
		default:
			return key{}, false
		}
	}
	return sha256.Sum256(appendImports(b, p)), true
}

// isStable reports whether the file name is in the module cache or GOROOT.
func (fc *factCache) isStable(name string) bool {
	return slices.ContainsFunc(fc.stable, func(dir string) bool { return strings.HasPrefix(name, dir) })
}

// unsafeKey returns the key of package unsafe.
func (fc *factCache) unsafeKey() key {
	if fc == nil {
		return key{}
	}
	h := sha256.New()
	h.Write(fc.salt[:])
	fmt.Fprintf(h, "unsafe\n")
	var k key
	h.Sum(k[:0])
	return k
}

// cachedFacts are the facts of one package as the cache stores them.
type cachedFacts struct {
	Objects []cachedObjectFact
	Package []analysis.Fact // p's package facts, one per type
}

type cachedObjectFact struct {
	Path objectpath.Path
	Name string // the object's: for DependencyMatters, without loading the package
	Fact analysis.Fact
}

// put stores the facts that the analysis of p exported, if p and all its
// imports were analyzed without error.
func (fc *factCache) put(ld *loader, p *pkg) {
	if fc == nil || !p.complete {
		return
	}
	data, err := ld.encodeFacts(p)
	if err != nil {
		return // computed again next time
	}
	_ = fc.dir.PutBytes(p.key, data) // a cache that cannot be written is no cache
}

// get gives p the facts the cache holds for it, and reports whether it
// did. When it did not, p is as before. p's types are loaded when an
// importer needs them (typesOf), and its objects get their facts when
// the analysis asks for them (facts.resolve); without export data, its
// declarations are type-checked from source now (eagerDeclarations).
func (fc *factCache) get(ld *loader, p *pkg, names []string) bool {
	if fc == nil || !p.importsComplete() {
		return false
	}
	data, ok := fc.bytes(p.key)
	if !ok {
		return false
	}
	if ld.eagerDeclarations(p, names, nil) != nil {
		return false
	}
	if len(data) > 0 {
		ld.facts.keep(p.types, data) // decoded when the analysis asks (facts.decode)
	}
	p.cached = true
	return true
}

// emptyOutput is the output ID of an empty entry: a package without facts.
var emptyOutput = sha256.Sum256(nil)

// bytes returns the content of the entry k, verified (the hash of its
// content names it), as cache.GetBytes does, and reports whether there
// is one; an empty entry, most of them, is not read.
func (fc *factCache) bytes(k key) ([]byte, bool) {
	entry, err := fc.dir.Get(k)
	if err != nil {
		return nil, false
	}
	if entry.OutputID == emptyOutput && entry.Size == 0 {
		return nil, true
	}
	data, err := os.ReadFile(fc.dir.OutputFile(entry.OutputID))
	return data, err == nil && sha256.Sum256(data) == entry.OutputID
}

// encodeFacts returns the facts of p, sorted, gob-encoded; nothing if it
// has none.
func (ld *loader) encodeFacts(p *pkg) ([]byte, error) {
	cf := ld.cachedFactsOf(p)
	if len(cf.Objects) == 0 && len(cf.Package) == 0 {
		return nil, nil // most packages: an empty entry, nothing to decode
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&cf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cachedFactsOf returns the facts of p that an importer can refer to,
// sorted.
func (ld *loader) cachedFactsOf(p *pkg) cachedFacts {
	fs := ld.facts
	var cf cachedFacts
	enc := new(objectpath.Encoder).For
	fs.mu.RLock()
	seen := make(map[objectKey]bool)
	for _, k := range p.own {
		if seen[k] {
			continue // set twice: the last value counts
		}
		seen[k] = true
		path, err := enc(k.obj)
		if err != nil {
			continue // unexported: no importer can name it (go vet drops these facts too)
		}
		cf.Objects = append(cf.Objects, cachedObjectFact{path, k.obj.Name(), fs.objs[k]})
	}
	for _, t := range ld.analyzer.FactTypes {
		if fact, ok := fs.pkgs[packageKey{p.types, reflect.TypeOf(t)}]; ok {
			cf.Package = append(cf.Package, fact)
		}
	}
	fs.mu.RUnlock()
	slices.SortFunc(cf.Objects, func(a, b cachedObjectFact) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(reflect.TypeOf(a.Fact).String(), reflect.TypeOf(b.Fact).String()))
	})
	return cf
}

// importsComplete reports whether p has a key and the facts of its
// imports are complete: each has a key and it and its own imports were
// analyzed without error (or are never analyzed).
func (p *pkg) importsComplete() bool {
	return p.key != (key{}) && !slices.ContainsFunc(p.imports, func(imp *pkg) bool { return !imp.complete })
}

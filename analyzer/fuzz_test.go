package analyzer_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis"
)

// FuzzAnalyzer mutates Go source, seeded with the testdata, and runs the
// analyzer on every mutant that parses and type-checks: it must never
// panic. The seeds run in go test; "go test -fuzz FuzzAnalyzer ./analyzer"
// explores further.
func FuzzAnalyzer(f *testing.F) {
	err := filepath.WalkDir(filepath.Join(testdata(f), "src"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") {
			var src []byte
			if src, err = os.ReadFile(path); err == nil {
				f.Add(string(src))
			}
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) { analyzeSource(t, src) })
}

// TestFuzzHarness checks that the fuzz target's harness reaches the
// analyzer: a seed that forks gets findings through it.
func TestFuzzHarness(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testdata(t), "src", "rawfork", "basic", "basic.go"))
	if err != nil {
		t.Fatal(err)
	}
	if n := analyzeSource(t, string(src)); n == 0 {
		t.Error("the harness reported nothing on rawfork/basic")
	}
}

// analyzeSource parses and type-checks src and, if it is a valid package,
// runs the analyzer on it; it returns the number of diagnostics.
func analyzeSource(t *testing.T, src string) int {
	file, err := parser.ParseFile(fuzzFset, "fuzz.go", src, parser.ParseComments)
	if err != nil {
		return 0 // not Go
	}
	info := newInfo()
	fuzzMu.Lock() // the importer and the file set are shared
	defer fuzzMu.Unlock()
	conf := types.Config{Importer: fuzzImporter, Error: func(error) {}}
	pkg, err := conf.Check(file.Name.Name, fuzzFset, []*ast.File{file}, info)
	if err != nil {
		return 0 // does not type-check
	}
	reports := 0
	runPass(t, fuzzFset, pkg, []*ast.File{file}, info, func(analysis.Diagnostic) { reports++ })
	return reports
}

// newInfo returns a types.Info that records everything the analyzer reads.
func newInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

var (
	fuzzMu       sync.Mutex
	fuzzFset     = token.NewFileSet()
	fuzzImporter = importer.ForCompiler(fuzzFset, "source", nil)
)

// runPass runs the analyzer on a type-checked package, with facts kept in
// memory, as a driver would for a package without dependencies' facts, and
// passes each diagnostic to report.
func runPass(t testing.TB, fset *token.FileSet, pkg *types.Package, files []*ast.File, info *types.Info, report func(analysis.Diagnostic)) {
	objectFacts := make(map[types.Object][]analysis.Fact)
	var packageFacts []analysis.Fact
	pass := &analysis.Pass{
		Analyzer:   analyzer.Analyzer,
		Fset:       fset,
		Files:      files,
		Pkg:        pkg,
		TypesInfo:  info,
		TypesSizes: types.SizesFor("gc", "amd64"),
		ResultOf:   map[*analysis.Analyzer]any{},
		Report:     report,
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			return copyFact(objectFacts[obj], fact)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) { objectFacts[obj] = append(objectFacts[obj], fact) },
		ImportPackageFact: func(_ *types.Package, fact analysis.Fact) bool {
			return copyFact(packageFacts, fact)
		},
		ExportPackageFact: func(fact analysis.Fact) { packageFacts = append(packageFacts, fact) },
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
		ReadFile:          os.ReadFile,
	}
	if _, err := analyzer.Analyzer.Run(pass); err != nil {
		t.Errorf("run: %v", err)
	}
}

// copyFact copies into fact the fact of its type among facts.
func copyFact(facts []analysis.Fact, fact analysis.Fact) bool {
	for _, f := range facts {
		if reflect.TypeOf(f) == reflect.TypeOf(fact) {
			reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
			return true
		}
	}
	return false
}

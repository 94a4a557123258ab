package analyzer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestPartialSSA checks that building the SSA form in part (buildSSA:
// imports with only the members the package names; lockBodies: only the
// bodies the lock analysis needs) changes nothing: on every package of the
// testdata and its tests, on three platforms, the findings, the facts of
// objects that other packages can name (exported names) and the package
// facts are those of the whole SSA form. (A body that no exported function
// reaches, in a package where nothing can be reported, is left out; its
// function's facts are then never exported, and could never be read.) It also checks that
// the test is not vacuous: some bodies were left out.
func TestPartialSSA(t *testing.T) {
	for _, platform := range factPlatforms {
		t.Run(platform[0]+"/"+platform[1], func(t *testing.T) {
			pkgs := loadTestdata(t, platform, true)
			before := analyzer.SetWholeSSA(false)
			partial := outcomes(t, pkgs)
			after := analyzer.SetWholeSSA(true)
			defer analyzer.SetWholeSSA(false)
			whole := outcomes(t, pkgs)
			for path, want := range whole {
				if got := partial[path]; got != want {
					t.Errorf("%s: with the SSA form in part:\n%s\nwhole:\n%s", path, got, want)
				}
			}
			t.Logf("%d bodies left out", after-before)
			if after == before {
				t.Error("no body was left out: the test checks nothing")
			}
		})
	}
}

// outcomes runs the analyzer on pkgs and returns, for each package of the
// testdata, its findings and the facts of its package and of its own
// objects with exported names, one per line, sorted.
func outcomes(t *testing.T, pkgs []*packages.Package) map[string]string {
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string)
	for act := range graph.All() {
		pkg := act.Package
		if !strings.Contains(pkg.PkgPath, "/") {
			continue // the standard library
		}
		var lines []string
		if act.Err != nil {
			lines = append(lines, "error: "+act.Err.Error())
		}
		for _, d := range act.Diagnostics {
			line := fmt.Sprintf("%v: %s", pkg.Fset.Position(d.Pos), d.Message)
			for _, r := range d.Related {
				line += fmt.Sprintf(" [%v: %s]", pkg.Fset.Position(r.Pos), r.Message)
			}
			lines = append(lines, line)
		}
		own, _ := objectFacts(act)
		for _, f := range own {
			if !f.Object.Exported() {
				continue // no other package reads it
			}
			lines = append(lines, fmt.Sprintf("%v: %v", f.Object, f.Fact))
		}
		for _, f := range packageFacts(act) {
			lines = append(lines, fmt.Sprintf("package: %v", f))
		}
		slices.Sort(lines)
		out[pkg.ID] = strings.Join(lines, "\n")
	}
	return out
}

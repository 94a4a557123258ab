// Command noop is a vet tool whose only analyzer does nothing.
//
// It is the baseline of bench/run.sh: driven like forkcheck, by go vet
// (go vet -vettool=$(which noop) PATTERNS) or standalone (noop PATTERNS),
// it pays only the cost that no analyzer can avoid: loading, parsing and
// type-checking the packages. Its analyzer has no facts and requires no
// other analyzer. go vet still runs it on every dependency, which it
// parses and type-checks to pass their types on; the standalone driver
// loads the dependencies from export data.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop does nothing: the baseline for benchmarking vet tools",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }

// Command checker is forkcheck's analyzer under x/tools' own driver
// (singlechecker, that is go/analysis/checker), which loads every package
// from source, the standard library included, as soon as an analyzer has
// facts. bench/run.sh -m cold measures it as the cost of type-checking
// everything from source, with nothing compiled.
package main

import (
	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(analyzer.Analyzer) }

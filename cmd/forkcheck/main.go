// Command forkcheck reports unsafe fork usage in Go programs.
//
// Run it on packages, or as a vet tool:
//
//	forkcheck ./...
//	go vet -vettool=$(which forkcheck) ./...
//
// Exit codes: 0 when nothing is found, 3 when the standalone run finds
// something (go vet exits 1 then), 1 on bad input or errors.
// Run forkcheck -help for the checks and the flags.
package main

import (
	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(analyzer.Analyzer) }

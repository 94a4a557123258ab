// Command forkcheck reports unsafe fork usage in Go programs.
//
// Run it on packages, or as a vet tool:
//
//	forkcheck ./...
//	go vet -vettool=$(which forkcheck) ./...
//
// "forkcheck explain CATEGORY" prints the guide to one check;
// "forkcheck -json ./... | forkcheck sarif" turns findings into SARIF 2.1.0;
// "forkcheck version" prints the version.
//
// The standalone driver is forkcheck's own (internal/driver): it loads from
// source only the packages matched and the dependencies whose facts need
// it. -fix, -diff and go vet's protocol go to x/tools' singlechecker. The
// command checks the command line first (usage.go), ends each finding's
// message with its category (category.go), and under go vet collects no
// garbage until the heap nears 64 MiB (gc.go).
//
// Exit codes: 0 when nothing is found, 3 when the standalone run finds
// something (go vet exits 1 then), 1 on bad input or errors, 2 on an unknown
// flag or -diff without -fix. Run forkcheck -help for the checks, the
// flags and the exit codes.
package main

import (
	"flag"
	"os"

	"github.com/forkcheck/forkcheck/analyzer"
	"github.com/forkcheck/forkcheck/internal/driver"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	args := os.Args[1:]
	if isVetRun(args) {
		setGCFloor(vetGCFloor)
	}
	if code, ok := driver.Toolexec(args); ok { // the driver's go list runs it so
		os.Exit(code)
	}
	if len(args) > 0 {
		switch args[0] {
		case "explain":
			os.Exit(explain(os.Stdout, os.Stderr, args[1:]))
		case "sarif":
			os.Exit(sarif(os.Stdout, os.Stderr, args[1:]))
		case "version":
			os.Exit(printVersion(os.Stdout, os.Stderr, args[1:]))
		}
	}
	if code, done := checkCommandLine(os.Stdout, os.Stderr, args); done {
		os.Exit(code)
	}
	args = moveTags(args) // honoured through GOFLAGS (tags.go)
	a := withCategory(analyzer.Analyzer)
	if code, ok := driver.Main(a, analyzer.DependencyMatters, analyzer.ReadsWhole, args); ok {
		os.Exit(code)
	}
	// -fix, -diff, go vet's protocol, -flags; a flag it rejects gets the
	// short usage, not the whole guide.
	flag.CommandLine.Usage = func() { printUsage(os.Stderr) }
	singlechecker.Main(a)
}

// Command forkcheck reports unsafe fork usage in Go programs.
//
// Run it on packages, or as a vet tool:
//
//	forkcheck ./...
//	go vet -vettool=$(which forkcheck) ./...
//
// "forkcheck explain CATEGORY" prints the guide to one check;
// "forkcheck -json ./... | forkcheck sarif" turns findings into SARIF 2.1.0.
//
// The standalone driver is forkcheck's own (internal/driver): it loads from
// source only the packages matched and the dependencies whose facts need
// it. -fix, -diff and go vet's protocol go to x/tools' singlechecker.
//
// Exit codes: 0 when nothing is found, 3 when the standalone run finds
// something (go vet exits 1 then), 1 on bad input or errors, 2 on an unknown
// flag. Run forkcheck -help for the checks and the flags.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer"
	"github.com/forkcheck/forkcheck/internal/driver"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "explain":
			os.Exit(explain(os.Stdout, os.Stderr, os.Args[2:]))
		case "sarif":
			os.Exit(sarif(os.Args[2:]))
		}
	}
	if code, ok := driver.Main(analyzer.Analyzer, analyzer.DependencyMatters, os.Args[1:]); ok {
		os.Exit(code)
	}
	singlechecker.Main(analyzer.Analyzer) // -fix, -diff, go vet's protocol, -help, …
}

// sarif runs "forkcheck sarif [FILE]": the JSON of forkcheck -json, from
// FILE or standard input, as SARIF on standard output, with file names
// relative to the current directory.
func sarif(args []string) int {
	in := io.Reader(os.Stdin)
	if len(args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: forkcheck -json PATTERN | forkcheck sarif [FILE]")
		return 1
	}
	if len(args) == 1 {
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintf(os.Stderr, "forkcheck sarif: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(os.Stderr, "forkcheck sarif: %v\n", err)
		return 1
	}
	return sarifCommand(in, os.Stdout, os.Stderr, root)
}

// explain prints the guide to each category in args and returns the exit
// code: 1 for an unknown category or none.
func explain(stdout, stderr io.Writer, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "usage: forkcheck explain CATEGORY...\ncategories: %s\n", strings.Join(analyzer.Categories, ", "))
		return 1
	}
	for i, category := range args {
		text, ok := analyzer.Explain(category)
		if !ok {
			fmt.Fprintf(stderr, "forkcheck: unknown category %q; the categories are %s\n", category, strings.Join(analyzer.Categories, ", "))
			return 1
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, text)
	}
	return 0
}

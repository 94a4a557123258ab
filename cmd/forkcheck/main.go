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
// command checks the command line first (usage.go) and ends each finding's
// message with its category (category.go).
//
// Exit codes: 0 when nothing is found, 3 when the standalone run finds
// something (go vet exits 1 then), 1 on bad input or errors, 2 on an unknown
// flag. Run forkcheck -help for the checks and the flags.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer"
	"github.com/forkcheck/forkcheck/internal/driver"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	args := os.Args[1:]
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
	a := withCategory(analyzer.Analyzer)
	if code, ok := driver.Main(a, analyzer.DependencyMatters, args); ok {
		os.Exit(code)
	}
	flag.CommandLine.Usage = func() { printUsage(os.Stderr) } // not the whole guide
	singlechecker.Main(a)                                     // -fix, -diff, go vet's protocol, -flags
}

// sarifUsage is the usage of forkcheck sarif.
const sarifUsage = `usage: forkcheck -json PACKAGE... | forkcheck sarif [FILE]

forkcheck sarif converts the JSON of forkcheck -json, or of
go vet -json -vettool=forkcheck, from FILE or standard input, to a
SARIF 2.1.0 log on standard output. It exits 1 when the input records
errors (a package that does not type-check), or holds no JSON.
`

// sarif runs "forkcheck sarif [FILE]": the JSON of forkcheck -json, from
// FILE or standard input, as SARIF on standard output, with file names
// relative to the current directory.
func sarif(stdout, stderr io.Writer, args []string) int {
	in := io.Reader(os.Stdin)
	switch {
	case len(args) == 1 && isHelpFlag(args[0]):
		fmt.Fprint(stdout, sarifUsage)
		return 0
	case len(args) > 1:
		fmt.Fprintf(stderr, "forkcheck sarif: one file at most\n%s", sarifUsage)
		return 2
	case len(args) == 1 && strings.HasPrefix(args[0], "-") && args[0] != "-":
		fmt.Fprintf(stderr, "forkcheck sarif: flag provided but not defined: %s\n%s", args[0], sarifUsage)
		return 2
	case len(args) == 1 && args[0] != "-":
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintf(stderr, "forkcheck sarif: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "forkcheck sarif: %v\n", err)
		return 1
	}
	return sarifCommand(in, stdout, stderr, root)
}

// isHelpFlag reports whether arg asks for help: -h, -help, --help.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "-help", "--h", "--help":
		return true
	}
	return false
}

// explain prints the guide to each category in args and returns the exit
// code: 1 for an unknown category or none.
func explain(stdout, stderr io.Writer, args []string) int {
	categories := strings.Join(slices.Concat(analyzer.Categories, []string{"ignore"}), ", ")
	if len(args) == 0 || len(args) == 1 && isHelpFlag(args[0]) {
		fmt.Fprintf(stderr, "usage: forkcheck explain CATEGORY...\ncategories: %s\n", categories)
		return 1
	}
	for i, category := range args {
		text, ok := explainCategory(category)
		if !ok {
			fmt.Fprintf(stderr, "forkcheck: unknown category %q; the categories are %s\n", category, categories)
			return 1
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, text)
	}
	return 0
}

// ignoreSummary says what the findings of category ignore are.
const ignoreSummary = "ignore reports a //forkcheck:ignore directive without a reason, with an unknown category, or that suppresses nothing."

// explainCategory returns the guide's section about category: for ignore,
// the findings about suppression directives, the section on suppression.
func explainCategory(category string) (string, bool) {
	if text, ok := analyzer.Explain(category); ok || category != "ignore" {
		return text, ok
	}
	_, section, ok := strings.Cut(analyzer.Analyzer.Doc, "# Suppression\n")
	if !ok {
		return "", false
	}
	section, _, _ = strings.Cut(section, "\n# ")
	return "# Check ignore\n\n" + ignoreSummary + "\n\n" + strings.TrimSpace(section) + "\n", true
}

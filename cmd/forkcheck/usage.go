package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer"
)

// usageLines are the ways to run forkcheck.
const usageLines = `Usage:
  forkcheck [-flag] PACKAGE...          analyze packages
  go vet -vettool=$(which forkcheck) [-flag] PACKAGE...
  forkcheck explain CATEGORY...         print one check's part of the guide
  forkcheck -json PACKAGE... | forkcheck sarif [FILE]
                                        convert the findings to SARIF 2.1.0
  forkcheck version                     print forkcheck's version
`

// exitCodes are the exit codes, as -help prints them.
const exitCodes = `Exit codes:
  0  nothing found; with -json or -fix (and -fix -diff), found or not
     (go vet -vettool=forkcheck -fix -diff exits 1 when it prints a diff)
  1  errors: a package that does not type-check, a package named whose
     files build constraints all exclude (cgo files when CGO_ENABLED=0),
     a pattern that matches nothing, input that forkcheck sarif cannot
     read or that records errors, an unknown category for forkcheck
     explain
  2  an unknown flag, -diff without -fix
  3  findings (go vet -vettool=forkcheck exits 1 then)
`

// hiddenFlags are flags that the drivers accept and -help does not list:
// go vet's legacy flags, which do nothing, and what only go vet or x/tools'
// developers use.
var hiddenFlags = map[string]bool{"all": true, "source": true, "v": true, "debug": true, "flags": true, "V": true, "trace": true}

// A commandLine is the command line of an analysis run, parsed.
type commandLine struct {
	fix, diff, printFlags bool
	version               string // the value of -V, "" without it
}

// driverFlags returns the flags that the drivers accept (the analyzer's,
// forkcheck's standalone driver's, x/tools' singlechecker's and go vet's
// protocol's), which set cl.
func driverFlags(cl *commandLine) *flag.FlagSet {
	fs := flag.NewFlagSet("forkcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Bool("json", false, "print the findings as JSON; exit 0 with findings")
	fs.Int("c", -1, "print each finding's line of source with `N` lines of context")
	fs.BoolVar(&cl.fix, "fix", false, "apply the suggested fixes; exit 0, printing nothing else")
	fs.BoolVar(&cl.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.Bool("test", true, "analyze the packages' tests too")
	fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
	fs.String("memprofile", "", "write a memory profile to `FILE`")
	fs.String("trace", "", "write a trace log to `FILE`")
	fs.String("debug", "", "x/tools' debug flags")
	fs.BoolVar(&cl.printFlags, "flags", false, "print the flags in JSON, for go vet")
	fs.Var(versionFlag{&cl.version}, "V", "print the version, for go vet (-V=full)")
	for _, name := range []string{"all", "source", "v"} {
		fs.Bool(name, false, "no effect (deprecated)")
	}
	fs.String("tags", "", "a comma-separated list of build `tags` that select files, as for go build")
	return fs
}

// versionFlag is -V: -V=full, or -V alone.
type versionFlag struct{ value *string }

func (versionFlag) IsBoolFlag() bool { return true }

func (v versionFlag) String() string {
	if v.value == nil {
		return ""
	}
	return *v.value
}

func (v versionFlag) Set(s string) error {
	if s != "full" && s != "true" {
		return fmt.Errorf("unsupported value %q (use -V=full)", s)
	}
	*v.value = s
	return nil
}

// checkCommandLine checks args, the command line of an analysis run,
// before a driver sees it, and answers what it can itself: -help, -V, a
// flag misused, no package. It returns done and the exit code when it has
// answered.
func checkCommandLine(stdout, stderr io.Writer, args []string) (code int, done bool) {
	var cl commandLine
	fs := driverFlags(&cl)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printHelp(stdout, fs)
		return 0, true
	case err != nil:
		fmt.Fprintln(stderr, err)
		printUsage(stderr)
		return 2, true
	case cl.version != "":
		return printToolID(stdout, stderr), true
	case cl.printFlags:
		return 0, false // go vet asks for the flags: singlechecker prints them
	case cl.diff && !cl.fix:
		fmt.Fprintln(stderr, "forkcheck: -diff flag requires -fix")
		return 2, true
	case fs.NArg() == 0:
		printUsage(stderr)
		return 1, true
	}
	return 0, false
}

// title returns the guide's title: "report fork without exec and …".
func title() string {
	t, _, _ := strings.Cut(analyzer.Analyzer.Doc, "\n\n")
	return t
}

// printUsage prints the short usage: the title, the ways to run forkcheck,
// and where to read more.
func printUsage(w io.Writer) {
	fmt.Fprintf(w, "forkcheck: %s\n\n%s\nRun \"forkcheck -help\" for the guide, the flags and the exit codes.\n", title(), usageLines)
}

// printHelp prints the whole guide: the ways to run forkcheck, the user
// guide of the analyzer, the exit codes and the flags.
func printHelp(w io.Writer, fs *flag.FlagSet) {
	_, guide, _ := strings.Cut(analyzer.Analyzer.Doc, "\n\n")
	fmt.Fprintf(w, "forkcheck: %s\n\n%s\n%s\n\n%s\nFlags:\n", title(), usageLines, guide, exitCodes)
	fs.VisitAll(func(f *flag.Flag) {
		if hiddenFlags[f.Name] {
			return
		}
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		if f.DefValue == "true" {
			usage += " (default true)"
		}
		fmt.Fprintf(w, "  -%s%s\n    \t%s\n", f.Name, name, usage)
	})
}

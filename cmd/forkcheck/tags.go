package main

import (
	"os"
	"strings"
)

// -tags selects files by build tags, as for go build. go vet takes it
// itself and hands the tool the files it selected; forkcheck's drivers
// list packages with go list (the standalone driver) or go/packages
// (singlechecker, for -fix), which both read GOFLAGS: the tags go there.

// moveTags returns args without -tags, and adds its value, if any, to
// GOFLAGS for the go commands that the drivers run. args is a command line
// that checkCommandLine accepted: its flags end where its first pattern,
// or "--", is.
func moveTags(args []string) []string {
	var cl commandLine
	fs := driverFlags(&cl)
	if fs.Parse(args) != nil {
		return args
	}
	nflags := len(args) - fs.NArg()
	var kept []string
	tags, set := "", false
	for i := 0; i < nflags; i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") || name != "tags" {
			kept = append(kept, args[i])
			continue
		}
		if !hasValue && i+1 < nflags {
			i++
			value = args[i]
		}
		tags, set = value, true
	}
	if !set {
		return args
	}
	// Commas, as go build wants them: the old list separated by spaces
	// would split GOFLAGS.
	tags = strings.Join(strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }), ",")
	os.Setenv("GOFLAGS", strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+tags))
	return append(kept, args[nflags:]...)
}

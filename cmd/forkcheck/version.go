package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/forkcheck/forkcheck/internal/driver"
)

// version returns forkcheck's version from the build information: the
// module version when it was built as a dependency or with go install
// PATH@VERSION; "devel" and the VCS revision, if stamped, when it was built
// in its own checkout.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	settings := make(map[string]string)
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	v := "devel"
	if rev := settings["vcs.revision"]; rev != "" {
		v += " " + rev[:min(len(rev), 12)]
		if settings["vcs.modified"] == "true" {
			v += "+modified"
		}
	}
	return v
}

// printVersion runs "forkcheck version": forkcheck's version and the Go
// version it was built with.
func printVersion(stdout, stderr io.Writer, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: forkcheck version")
		return 2
	}
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintf(stdout, "forkcheck %s %s %s/%s\n", version(info, ok), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}

// printToolID runs "forkcheck -V=full", which go vet runs to identify a
// vet tool: go vet keys its cache of the tool's results by the line. Of a
// release ("forkcheck version v0.1.0 …") it takes the whole line; of a
// development build ("forkcheck version devel …") only the buildID field.
// The line ends with the hash of the executable in both, so the key changes
// whenever the binary does (a rebuild, other dependencies, another Go) and
// stays the same otherwise.
func printToolID(stdout, stderr io.Writer) int {
	hash, err := driver.ToolID()
	if err != nil {
		fmt.Fprintf(stderr, "forkcheck: %v\n", err)
		return 1
	}
	id := fmt.Sprintf("%x", hash)
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintf(stdout, "forkcheck version %s buildID=%s\n", version(info, ok), id)
	return 0
}

package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// go list -export compiles every package whose export data the build
// cache does not hold yet: on a cold build cache, that is every dependency,
// the standard library included, which costs many times what
// type-checking them costs (x/tools alone: 43 s against 5.6 s). The driver
// needs the export data the cache holds, not the rest: it type-checks
// those packages from source.
//
// So go list runs with forkcheck itself as its -toolexec program, which
// runs every tool the go command asks for (cgo, for -compiled; asm; the
// compiler's -V=full, whose output is part of every action ID, so that
// the cache keys stay those of a plain go list) but refuses to compile.
// A package whose export data is in the build cache needs no compiler and
// gets its Export file; the first packages that would need it fail with
// the error "# pkg\nnot compiled ..." (which compileError then discards)
// and their importers are not even tried: no export data either. The go
// command documents -toolexec for wrappers of the toolchain (it asks the
// wrapped compiler its -V=full for the action IDs because of them).
//
// Measured (fresh GOCACHE, examples/ after go build os): go list gives
// Export to exactly the 54 packages that go build os compiled, runs no
// compiler and writes nothing to the build cache; with a warm build cache
// its output is byte for byte that of go list without -toolexec, at the
// same cost. (go list's Stale field says the same thing, but asking for it
// costs a second go list run, 0.6 s of a 5 s run on x/tools, warm.)

// toolexecEnv names the environment variable by which the driver tells the
// forkcheck that go list runs as its -toolexec program to refuse to
// compile; toolexecValue is its value.
const (
	toolexecEnv   = "FORKCHECK_TOOLEXEC"
	toolexecValue = "go-list-without-compiling"
)

// Toolexec runs as go list's -toolexec program if the driver started the
// program as one, and returns the exit code: args are the tool and its
// arguments. It reports false, having done nothing, otherwise. The
// program's main (and a test's TestMain) calls it first.
func Toolexec(args []string) (code int, ok bool) {
	if os.Getenv(toolexecEnv) != toolexecValue || len(args) == 0 {
		return 0, false
	}
	tool := strings.TrimSuffix(filepath.Base(args[0]), ".exe")
	if tool == "compile" && !(len(args) == 2 && args[1] == "-V=full") {
		fmt.Fprintln(os.Stderr, "not compiled: forkcheck type-checks it from source")
		return 1, true
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
			return exit.ExitCode(), true
		}
		fmt.Fprintln(os.Stderr, err)
		return 1, true
	}
	return 0, true
}

// toolexecArgs returns the go command's arguments and environment
// variables that make go list take export data only where the build cache
// holds it, or none if the running program cannot be found (go list then
// compiles what it must, as go/packages has it do).
func toolexecArgs() (args, env []string) {
	exe, err := os.Executable()
	if err != nil {
		return nil, nil
	}
	// The go command splits -toolexec into words, with quotes around one
	// and no escapes inside.
	var quoted string
	switch {
	case !strings.Contains(exe, `"`):
		quoted = `"` + exe + `"`
	case !strings.Contains(exe, "'"):
		quoted = "'" + exe + "'"
	default:
		return nil, nil
	}
	return []string{"-toolexec=" + quoted}, []string{toolexecEnv + "=" + toolexecValue}
}

// runCgo gives the cgo packages of pkgs that go list did not run cgo for
// their files after cgo. With -export, go list runs cgo for a package only
// once its imports are compiled: on a cold build cache, never (runtime/cgo,
// net, and any cgo package of the user's then "could not import C"). Without
// -export, go list runs cgo and compiles nothing: go/packages, which
// type-checks from source, asks it so. So runCgo lists them again so, with
// patterns and tests as goList has them, but only if there are some.
func runCgo(ctx context.Context, pkgs []*listed, patterns []string, tests bool) error {
	need := make(map[string]*listed)
	for _, p := range pkgs {
		if len(p.CgoFiles) > 0 && len(p.CompiledGoFiles) == 0 && p.Export == "" {
			need[p.ImportPath] = p
		}
	}
	if len(need) == 0 {
		return nil // the build cache held them all, or cgo failed
	}
	out, err := goCommand(ctx, append([]string{"list", "-e", "-json=ImportPath,CompiledGoFiles,Error", "-compiled", "-deps", "-pgo=off", fmt.Sprintf("-test=%t", tests), "--"}, patterns...)...)
	if err != nil {
		return err
	}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var q listed
		if err := dec.Decode(&q); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("reading go list's output: %v", err)
		}
		if p := need[q.ImportPath]; p != nil {
			p.CompiledGoFiles = q.CompiledGoFiles
			if q.Error != nil {
				p.Error = q.Error // cgo's, not "not compiled"
			}
		}
	}
}

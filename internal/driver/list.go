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
	"slices"
	"strings"
)

// A listed package is one package of go list -json: the fields the driver
// reads.
type listed struct {
	ImportPath      string // the package's ID: "p", or "p [p.test]" for a test variant
	Name            string
	Dir             string
	Standard        bool
	DepOnly         bool     // only a dependency of the packages matched
	Export          string   // the export data file; "" if the package did not compile
	GoFiles         []string // CgoFiles apart
	CgoFiles        []string
	CompiledGoFiles []string          // after cgo; none if cgo failed
	Imports         []string          // IDs
	ImportMap       map[string]string // import path in the source → ID, where they differ
	Module          *struct {
		Path, Version, GoVersion string
	}
	Error *struct {
		Pos, Err    string
		ImportStack []string
	}
}

// listFields are the fields the driver asks go list for.
const listFields = "ImportPath,Name,Dir,Standard,DepOnly,Export,GoFiles,CgoFiles,CompiledGoFiles,Imports,ImportMap,Module,Error"

// pkgPath returns the package path of a go list ID: "p" for "p [p.test]".
func pkgPath(id string) string {
	path, _, _ := strings.Cut(id, " ")
	return path
}

// isTestMain reports whether p is the main package that go test generates
// for a package's tests: one file of the build cache, without .go suffix.
func (p *listed) isTestMain() bool {
	return p.Name == "main" && strings.HasSuffix(p.ImportPath, ".test") &&
		len(p.CompiledGoFiles) == 0 && len(p.GoFiles) == 1 && !strings.HasSuffix(p.GoFiles[0], ".go")
}

// files returns the absolute names of the Go files to type-check: those
// after cgo or, if cgo failed, those before, as go/packages does (the type
// checker then says it "could not import C").
func (p *listed) files() []string {
	names := p.CompiledGoFiles
	if len(names) == 0 {
		names = slices.Concat(p.GoFiles, p.CgoFiles)
	}
	abs := make([]string, len(names))
	for i, name := range names {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		abs[i] = name
	}
	return abs
}

// goList lists the packages that patterns match and all their
// dependencies, with their tests if tests is set, dependencies first: the
// order of go list -deps. It takes their export data where the build
// cache holds it and compiles none (see toolexec.go): the others have no
// Export, and the loader type-checks them from source.
func goList(ctx context.Context, patterns []string, tests bool) ([]*listed, error) {
	toolexec, env := toolexecArgs() // export data only where the build cache holds it: see toolexec.go
	args := slices.Concat([]string{"list", "-e", "-json=" + listFields, "-compiled", "-export", "-deps", "-pgo=off", fmt.Sprintf("-test=%t", tests)}, toolexec, []string{"--"}, patterns)
	out, err := goCommandEnv(ctx, env, args...)
	if err != nil {
		return nil, err
	}
	var pkgs []*listed
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		p := new(listed)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list's output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	keepExcludedErrors(pkgs)
	return pkgs, runCgo(ctx, pkgs, patterns, tests)
}

// keepExcludedErrors keeps the error of each package matched by the
// patterns that build constraints exclude entirely (a cgo package when cgo
// is off, a package of another platform) and that no package imports: go
// vet reports it, and the standalone driver analyzed nothing and exited 0.
// load takes a package without files for an empty one when go list names
// it (compileError), as go/packages sees a dependency with only cgo files.
func keepExcludedErrors(pkgs []*listed) {
	imported := make(map[string]bool)
	for _, p := range pkgs {
		for _, id := range p.Imports {
			imported[id] = true
		}
	}
	for _, p := range pkgs {
		if !p.DepOnly && !imported[p.ImportPath] && p.Error != nil && strings.HasPrefix(p.Error.Err, "build constraints exclude all Go files") {
			p.Name = "" // as go list without -export lists it: the error stays
		}
	}
}

// goCommand runs the go command with args and returns its standard
// output, or an error that says what it printed on standard error.
func goCommand(ctx context.Context, args ...string) ([]byte, error) {
	return goCommandEnv(ctx, nil, args...)
}

// goCommandEnv is goCommand with env added to the environment.
func goCommandEnv(ctx context.Context, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return stdout.Bytes(), nil
}

// A platform is what go env says of the build.
type platform struct {
	goos, goarch string
	modCache     string // GOMODCACHE: its files never change
	goroot       string // GOROOT: its files change only with a new installation
	buildCache   string // GOCACHE: its files are named by their content's hash
}

// goPlatform returns the platform that go list builds for.
func goPlatform(ctx context.Context) (platform, error) {
	out, err := goCommand(ctx, "env", "GOOS", "GOARCH", "GOMODCACHE", "GOROOT", "GOCACHE")
	if err != nil {
		return platform{}, fmt.Errorf("go env: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 5 {
		return platform{}, fmt.Errorf("go env: unexpected output %q", out)
	}
	return platform{goos: lines[0], goarch: lines[1], modCache: lines[2], goroot: lines[3], buildCache: lines[4]}, nil
}

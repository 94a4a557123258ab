package std_test

import (
	"go/importer"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// TestGoroutineStarterNames checks the standard library's rows of
// GoroutineStarters and CallsArgument against its type-checked source: each
// names a function, and the argument it gives (if any) is a function.
func TestGoroutineStarterNames(t *testing.T) {
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	check := func(full string, arg int) {
		fn := lookup(t, imp, full)
		if fn == nil {
			t.Errorf("%s: no such function", full)
			return
		}
		if arg < 0 {
			return
		}
		params := fn.Signature().Params()
		if arg >= params.Len() {
			t.Errorf("%s: no argument %d", full, arg)
			return
		}
		if _, ok := params.At(arg).Type().Underlying().(*types.Signature); !ok {
			t.Errorf("%s: argument %d is a %s, not a function", full, arg, params.At(arg).Type())
		}
	}
	for full, arg := range std.GoroutineStarters {
		if !std.IsStdPath(pkgPath(full)) {
			continue // golang.org/x/sync/errgroup: not in GOROOT
		}
		check(full, arg)
	}
	for full, arg := range std.CallsArgument {
		check(full, arg)
	}
}

// pkgPath returns the package path of a full name: "os/signal" for
// "os/signal.Notify", "sync" for "(*sync.WaitGroup).Go".
func pkgPath(full string) string {
	full = strings.TrimPrefix(full, "(*")
	slash := strings.LastIndex(full, "/") + 1
	return full[:slash+strings.Index(full[slash:], ".")]
}

// lookup returns the function or method of full name full, or nil.
func lookup(t *testing.T, imp types.Importer, full string) *types.Func {
	pkg, err := imp.Import(pkgPath(full))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pkg.Scope().Names() {
		switch obj := pkg.Scope().Lookup(name).(type) {
		case *types.Func:
			if obj.FullName() == full {
				return obj
			}
		case *types.TypeName:
			mset := types.NewMethodSet(types.NewPointer(obj.Type()))
			for i := range mset.Len() {
				if fn, ok := mset.At(i).Obj().(*types.Func); ok && fn.FullName() == full {
					return fn
				}
			}
		}
	}
	return nil
}

func TestGoroutineStarterVendored(t *testing.T) {
	for _, tc := range []struct {
		full string
		arg  int
		ok   bool
	}{
		{"(*golang.org/x/sync/errgroup.Group).Go", 0, true},
		{"(*example.com/m/vendor/golang.org/x/sync/errgroup.Group).TryGo", 0, true},
		{"time.AfterFunc", 1, true},
		{"os/signal.Notify", -1, true},
		{"(*example.com/m/errgroup.Group).Go", 0, false},
		{"time.NewTimer", 0, false},
	} {
		arg, ok := std.GoroutineStarter(tc.full)
		if ok != tc.ok || ok && arg != tc.arg {
			t.Errorf("GoroutineStarter(%q) = %d, %v; want %d, %v", tc.full, arg, ok, tc.arg, tc.ok)
		}
	}
}

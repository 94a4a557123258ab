package code

import (
	"go/types"

	"github.com/forkcheck/forkcheck/analyzer/internal/std"
)

// Types are compared by what they are, never by how they are spelled: an
// alias (golang.org/x/sys/unix's SysProcAttr = syscall.SysProcAttr, a
// user's, a generic one) is the type it names, and a defined type made
// from another (type attrs syscall.SysProcAttr) has its fields.

// IsType reports whether t, or what t points to, is the type name of the
// package path, under any alias, or a type defined from it.
func IsType(t types.Type, path, name string) bool {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	if named, ok := t.(*types.Named); ok && named.Obj().Pkg() != nil &&
		named.Obj().Pkg().Path() == path && named.Obj().Name() == name {
		return true
	}
	return isDefinedFrom(t, path, name)
}

// isDefinedFrom reports whether t is a struct type identical to the
// underlying type of the type name of the package path, as a type
// defined from it is (type attrs syscall.SysProcAttr). The package is
// found through the struct's fields, which it declares.
func isDefinedFrom(t types.Type, path, name string) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok || st.NumFields() == 0 {
		return false
	}
	pkg := st.Field(0).Pkg()
	if pkg == nil || pkg.Path() != path {
		return false
	}
	tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
	return ok && types.Identical(st, tn.Type().Underlying())
}

// IsProcessAttrs reports whether t is, or points to, what carries the
// attributes of a process to start: exec.Cmd, os.ProcAttr or
// syscall.SysProcAttr, under any name.
func IsProcessAttrs(t types.Type) bool {
	return IsType(t, "os/exec", "Cmd") || IsType(t, "os", "ProcAttr") || IsType(t, "syscall", "SysProcAttr")
}

// IsTestingType reports whether t is *testing.T, *testing.B, *testing.F or
// testing.TB, under any name.
func IsTestingType(t types.Type) bool {
	for _, name := range []string{"T", "B", "F"} {
		if _, ptr := types.Unalias(t).(*types.Pointer); ptr && IsType(t, "testing", name) {
			return true
		}
	}
	return IsType(t, "testing", "TB")
}

// IsThreadField reports whether v is a field of syscall.SysProcAttr that
// belongs to the thread that starts the process (std.ThreadFields decides
// by name): the field is the same object however its struct is named.
func IsThreadField(v *types.Var) bool {
	return v != nil && v.IsField() && v.Pkg() != nil && v.Pkg().Path() == "syscall" && std.ThreadFields[v.Name()]
}

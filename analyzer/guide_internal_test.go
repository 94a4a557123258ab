package analyzer

import (
	"go/parser"
	"go/token"
	"testing"
)

// TestPackageComment checks packageComment against go/parser on doc.go and
// on comments that exercise each rule of (*ast.CommentGroup).Text.
func TestPackageComment(t *testing.T) {
	for _, src := range []string{
		doc,
		"// A.\npackage p\n",
		"//\n//\n// A.\n//\n//\n// B.  \n//\n//go:generate x\n//line f.go:1\n//\tC.\n//\npackage p\n",
		"// Not the package's.\n\n// A.\npackage p\n",
		"//nolint:all\n// A:\n//  b\npackage p\n",
		"//a: b\n//a:B\n//export F\n//extern g\n//Go:x\n// A.\npackage p\n",
		"//go:generate x  \n//export F \n// A.\r\n//\tB.\npackage p\n",
		"package p\n",
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := packageComment(src), f.Doc.Text(); got != want {
			t.Errorf("packageComment(%.40q) = %q, want %q", src, got, want)
		}
	}
}

package analyzer_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
)

// TestRegistry checks that every check of the registry is whole: a
// section "# Check CATEGORY" in doc.go (which Explain returns), and a
// testdata package under testdata/src/CATEGORY whose files expect a
// finding of it.
func TestRegistry(t *testing.T) {
	if len(analyzer.Categories) == 0 {
		t.Fatal("no categories")
	}
	seen := make(map[string]bool)
	for _, category := range analyzer.Categories {
		if seen[category] {
			t.Errorf("category %s registered twice", category)
		}
		seen[category] = true
		if !strings.Contains(analyzer.Analyzer.Doc, "\n# Check "+category+"\n") {
			t.Errorf("doc.go has no section # Check %s", category)
		}
		if text, ok := analyzer.Explain(category); !ok || !strings.Contains(text, category) {
			t.Errorf("Explain(%q) = %q, %v", category, text, ok)
		}
		if !hasExpectations(t, filepath.Join(testdata(t), "src", category)) {
			t.Errorf("testdata/src/%s has no file with a // want comment", category)
		}
	}
}

// hasExpectations reports whether a Go file under dir has a // want
// comment.
func hasExpectations(t *testing.T, dir string) bool {
	found := false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		found = found || strings.Contains(string(src), "// want ")
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return found
}

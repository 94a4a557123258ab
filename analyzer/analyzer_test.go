package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// testdata returns the absolute path of the repository's testdata: go list
// wants an absolute GOPATH.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRawfork(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "rawfork/...")
}

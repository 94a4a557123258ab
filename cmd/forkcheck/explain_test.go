package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
)

// TestExplain checks that every category has a section with wrong code,
// the message and the fix, and that bad input exits 1. ignore, the
// category of the findings about suppression directives, is explained too.
func TestExplain(t *testing.T) {
	for _, category := range slices.Concat(analyzer.Categories, []string{"ignore"}) {
		var stdout, stderr strings.Builder
		if code := explain(&stdout, &stderr, []string{category}); code != 0 {
			t.Errorf("explain %s: exit code %d: %s", category, code, &stderr)
			continue
		}
		text := stdout.String()
		if !strings.HasPrefix(text, "# Check "+category+"\n") || !strings.Contains(text, "forkcheck") || strings.Contains(text, "# Check "+category+"\n\n# ") {
			t.Errorf("explain %s printed:\n%s", category, text)
		}
		if category != "strict" && category != "ignore" && !strings.Contains(text, "WRONG:") {
			t.Errorf("explain %s has no WRONG example:\n%s", category, text)
		}
	}
	for _, args := range [][]string{nil, {"nosuchcheck"}} {
		var stdout, stderr strings.Builder
		if code := explain(&stdout, &stderr, args); code != 1 || stdout.Len() != 0 || stderr.Len() == 0 {
			t.Errorf("explain %q: exit code %d, stdout %q, stderr %q", args, code, &stdout, &stderr)
		}
	}
}

// TestExplainCommand runs the built command as a user does.
func TestExplainCommand(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	r := run(t, goEnv(""), t.TempDir(), tl.bin, "explain", "cloexec", "ignore")
	for _, want := range []string{"syscall.Pipe2(p[:], syscall.O_CLOEXEC)", "# Check ignore", "//forkcheck:ignore rawfork the child"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("explain cloexec ignore: want exit code 0 and %q:\n%v", want, r)
		}
	}
}

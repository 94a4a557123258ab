package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// hugeFunction returns a package with one function of n process starts
// and n go statements, interleaved, in a package that mentions
// syscall.ForkLock once (so that forklock asks for the locks held at every
// start), with -strict asking for every witness: about 6 lines per start.
func hugeFunction(n int) string {
	var b strings.Builder
	b.WriteString("package huge\n\nimport (\n\t\"os/exec\"\n\t\"syscall\"\n)\n\nvar _ = &syscall.ForkLock\n\nfunc work() {}\n\nfunc huge(p string) {\n")
	for i := range n {
		fmt.Fprintf(&b, "\tgo work()\n\tif err := exec.Command(p, %q).Run(); err != nil {\n\t\tprintln(err.Error())\n\t}\n\tsyscall.ForkLock.RLock()\n\tsyscall.ForkLock.RUnlock()\n", fmt.Sprint(i))
	}
	b.WriteString("}\n")
	return b.String()
}

// BenchmarkHugeFunction measures the witness queries on one huge function
// (issue 12, item 7): run it at two sizes and compare ns/op; near-linear
// growth is about the ratio of the sizes.
//
//	go test ./analyzer -run '^$' -bench HugeFunction -benchtime 3x
func BenchmarkHugeFunction(b *testing.B) {
	for _, n := range []int{400, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			setFlag(b, "strict", "true")
			src := hugeFunction(n)
			fuzzMu.Lock()
			defer fuzzMu.Unlock()
			file, err := parser.ParseFile(fuzzFset, "huge.go", src, 0)
			if err != nil {
				b.Fatal(err)
			}
			info := newInfo()
			pkg, err := (&types.Config{Importer: fuzzImporter}).Check("huge", fuzzFset, []*ast.File{file}, info)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				reports := 0
				runPass(b, fuzzFset, pkg, []*ast.File{file}, info, func(analysis.Diagnostic) { reports++ })
				if reports < n {
					b.Fatalf("%d reports, want at least %d", reports, n)
				}
			}
		})
	}
}

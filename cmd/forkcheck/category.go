package main

import "golang.org/x/tools/go/analysis"

// withCategory returns a copy of a whose diagnostics end with their
// category in parentheses, as staticcheck shows its check IDs:
//
//	c/c.go:9:15: syscall.RawSyscall(SYS_FORK) forks without exec: … (rawfork)
//
// A user needs the category for //forkcheck:ignore and forkcheck explain.
// go vet prints only a diagnostic's message, so the command puts the
// category there, for both its drivers. go vet runs the tool with -json
// whether it prints text or JSON, so JSON messages end with the category
// too, in both drivers alike (forkcheck sarif takes it off again).
// golangci-lint, nogo and gopls run the analyzer itself, without this.
func withCategory(a *analysis.Analyzer) *analysis.Analyzer {
	b := *a
	b.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if d.Category != "" {
				d.Message += " (" + d.Category + ")"
			}
			report(d)
		}
		return a.Run(pass)
	}
	return &b
}

package golangci_test

import (
	"testing"

	"github.com/forkcheck/forkcheck/analyzer"
	_ "github.com/forkcheck/forkcheck/golangci"
	"github.com/golangci/plugin-module-register/register"
)

// TestContract goes the way golangci-lint does: the registered plugin,
// New with the user's settings, then the analyzers and the load mode.
func TestContract(t *testing.T) {
	newPlugin, err := register.GetPlugin("forkcheck")
	if err != nil {
		t.Fatal(err)
	}
	defer analyzer.Analyzer.Flags.Set("strict", "false")
	for _, strict := range []bool{true, false} {
		p, err := newPlugin(map[string]any{"strict": strict})
		if err != nil {
			t.Fatal(err)
		}
		analyzers, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		if len(analyzers) != 1 || analyzers[0] != analyzer.Analyzer {
			t.Fatalf("BuildAnalyzers = %v, want forkcheck's analyzer", analyzers)
		}
		if got := analyzer.Analyzer.Flags.Lookup("strict").Value.String(); got != map[bool]string{true: "true", false: "false"}[strict] {
			t.Errorf("strict setting %v: the flag is %s", strict, got)
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("GetLoadMode = %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
		}
	}
	if _, err := newPlugin(nil); err != nil {
		t.Errorf("no settings: %v", err)
	}
	for _, bad := range []any{map[string]any{"nosuch": 1}, map[string]any{"strict": "yes"}} {
		if _, err := newPlugin(bad); err == nil {
			t.Errorf("settings %v: no error", bad)
		}
	}
}

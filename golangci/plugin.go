// Package golangci registers forkcheck as a golangci-lint v2 module plugin
// named "forkcheck".
//
// Build a golangci-lint with it (golangci-lint custom reads
// .custom-gcl.yml):
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/forkcheck/forkcheck
//	    import: github.com/forkcheck/forkcheck/golangci
//	    version: v0.1.0
//
// and enable it in .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable: [forkcheck]
//	  settings:
//	    custom:
//	      forkcheck:
//	        type: module
//	        description: finds unsafe fork usage
//	        settings:
//	          strict: false
//
// The settings map onto the analyzer's flags; an unknown setting is an
// error.
package golangci

import (
	"strconv"

	"github.com/forkcheck/forkcheck/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

func init() {
	register.Plugin("forkcheck", New)
}

// Settings are the plugin's settings, under
// linters.settings.custom.forkcheck.settings.
type Settings struct {
	Strict bool `json:"strict"` // the -strict flag
}

type plugin struct {
	settings Settings
}

// New returns the plugin for settings, rejecting unknown fields.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, err
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers returns forkcheck's analyzer with its flags set from the
// settings.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if err := analyzer.Analyzer.Flags.Set("strict", strconv.FormatBool(p.settings.Strict)); err != nil {
		return nil, err
	}
	return []*analysis.Analyzer{analyzer.Analyzer}, nil
}

// GetLoadMode returns the types-info load mode: forkcheck needs types and
// facts.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

package analyzer

import (
	"reflect"
	"testing"
)

// TestRegistryHooks checks that each row of the registry can run: it has
// a hook, a check that exports facts names the sources DependencyMatters
// must scan for, and FactTypes holds every fact of every check.
func TestRegistryHooks(t *testing.T) {
	types := make(map[reflect.Type]bool)
	for _, f := range Analyzer.FactTypes {
		types[reflect.TypeOf(f)] = true
	}
	for _, ch := range checks {
		if ch.syntax == nil && ch.call == nil && ch.ssa == nil && ch.report == nil {
			t.Errorf("check %s has no hook", ch.category)
		}
		if (ch.call != nil || ch.ssa != nil) && ch.needsSSA == nil {
			t.Errorf("check %s has SSA hooks but no gate", ch.category)
		}
		if len(ch.facts) > 0 && len(ch.factSources) == 0 && !ch.syscallFacts {
			t.Errorf("check %s exports facts but names no fact sources for DependencyMatters", ch.category)
		}
		for _, f := range ch.facts {
			if !types[reflect.TypeOf(f)] {
				t.Errorf("fact %T of check %s is not in FactTypes", f, ch.category)
			}
		}
		for _, name := range ch.factSources {
			if !factSourceNames[name] {
				t.Errorf("fact source %s of check %s is not scanned for", name, ch.category)
			}
		}
	}
}

package pruneexported

import "testing"

// TestFreeze is called by go test's generated main, but the package's
// external tests can call it too: it has a lockFact.
func TestFreeze(t *testing.T) { // want TestFreeze:"locks mu"
	Freeze()
}

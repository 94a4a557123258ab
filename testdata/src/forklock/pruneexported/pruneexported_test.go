package pruneexported

import "testing"

// TestDrain is exported, but only go test's generated main calls it: it
// reaches drain, and neither has a lockFact.
func TestDrain(t *testing.T) {
	p := new(Pool)
	p.drain()
}

// ExampleHold neither.
func ExampleHold() {
	p := new(Pool)
	p.drain()
}

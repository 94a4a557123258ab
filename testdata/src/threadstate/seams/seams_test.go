package seams

import "testing"

// TestEnter replaces the seam: the variable may hold either function.
func TestEnter(t *testing.T) { // want TestEnter:`starts a process: \(\*exec\.Cmd\)\.Run` TestEnter:`switches the thread's network namespace`
	setns = func(fd, kind int) error { return nil }
	if err := enter(3); err != nil {
		t.Fatal(err)
	}
}

package mid // want package:"starts processes"

import "forklock/runner"

// New returns a runner: its importers call its methods without importing
// package runner.
func New() *runner.Runner { return new(runner.Runner) }

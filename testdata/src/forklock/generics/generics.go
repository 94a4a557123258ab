package generics // want package:"starts processes"

// Generic functions and types of other packages, method values and
// expressions of imported types, and imported variables, in a package
// whose SSA form is built: buildSSA creates of each import only what the
// package names, and TestPartialSSA checks that this changes nothing.

import (
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

type table struct {
	mu   sync.Mutex
	rows []string
	last atomic.Pointer[string]
}

// sorted locks t.mu for its caller, through generic calls.
func (t *table) sorted() []string { // want sorted:"locks t.mu"
	t.mu.Lock()
	rows := slices.Clone(t.rows)
	slices.Sort(rows)
	t.last.Store(&rows[0])
	return rows
}

var loadOnce = sync.OnceValue(func() int { return len(syscall.Environ()) })

// startSorted starts a process while ForkLock is held, through a method
// value of an imported type and a method expression.
func startSorted(t *table) error { // want startSorted:`starts a process: \(\*exec.Cmd\).Run` startSorted:"locks syscall.ForkLock"
	lock := syscall.ForkLock.Lock
	lock()
	var b strings.Builder
	write := (*strings.Builder).WriteString
	write(&b, strings.Join(t.sorted(), ","))
	_ = loadOnce()
	return exec.Command("echo", b.String()).Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

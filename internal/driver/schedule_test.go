package driver

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// TestScheduler checks that a freed slot goes to the waiting work of
// highest priority, the earliest to wait among equals, and that no more
// work runs at once than there are slots.
func TestScheduler(t *testing.T) {
	s := newScheduler(1)
	s.acquire(0) // the slot is busy until all wait
	var mu sync.Mutex
	var order []int
	running := 0
	var wg sync.WaitGroup
	for i, prio := range []int{1, 5, 3, 5, 2} {
		wg.Go(func() {
			s.run(prio, func() {
				mu.Lock()
				running++
				if running > 1 {
					t.Error("two run at once in one slot")
				}
				order = append(order, i)
				mu.Unlock()
				time.Sleep(time.Millisecond)
				mu.Lock()
				running--
				mu.Unlock()
			})
		})
		for waiting(s) < i+1 {
			time.Sleep(time.Millisecond) // so that they wait in this order
		}
	}
	s.release()
	wg.Wait()
	if want := []int{1, 3, 2, 4, 0}; !slices.Equal(order, want) {
		t.Errorf("ran in order %v, want %v (by priority, then by arrival)", order, want)
	}
	if s.free != 1 {
		t.Errorf("%d slots free at the end, want 1", s.free)
	}
}

func waiting(s *scheduler) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waiting.Len()
}

// TestCriticalPaths checks the weights: a package weighs its heaviest
// chain of importers, a root its files.
func TestCriticalPaths(t *testing.T) {
	mk := func(root bool, files int) *pkg {
		return &pkg{listed: &listed{CompiledGoFiles: make([]string, files)}, root: root}
	}
	dep := mk(false, 9) // a dependency weighs 1, whatever its files
	a := mk(true, 3)
	b := mk(true, 10)
	c := mk(true, 2)
	a.imports = []*pkg{dep}
	b.imports = []*pkg{dep}
	c.imports = []*pkg{a}
	got := criticalPaths([]*pkg{dep, a, b, c})
	for p, want := range map[*pkg]int{c: 2, a: 5, b: 10, dep: 11} {
		if got[p] != want {
			t.Errorf("critical path of a package with %d files: %d, want %d", len(p.CompiledGoFiles), got[p], want)
		}
	}
}

// TestPriorities checks that every dependency comes before every root.
func TestPriorities(t *testing.T) {
	dep := &pkg{listed: &listed{}}
	lone := &pkg{listed: &listed{}} // imported by nothing
	root := &pkg{listed: &listed{CompiledGoFiles: make([]string, 50)}, root: true, imports: []*pkg{dep}}
	prio := priorities([]*pkg{dep, lone, root})
	if prio[lone] <= prio[root] || prio[dep] <= prio[lone] {
		t.Errorf("priorities: dependency %d, lone dependency %d, root %d: want the dependencies first, the one with a root importing it before the other", prio[dep], prio[lone], prio[root])
	}
}

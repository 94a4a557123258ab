package driver

import (
	"container/heap"
	"sync"
)

// A scheduler runs work in a fixed number of slots, giving a free slot to
// the waiting work of highest priority first (the earliest to wait among
// equals). loadAll gives the packages their priorities (see priorities).
type scheduler struct {
	mu      sync.Mutex
	free    int
	seq     int
	waiting waiters
}

func newScheduler(slots int) *scheduler {
	return &scheduler{free: slots}
}

// run runs f in a slot, once one is free for prio.
func (s *scheduler) run(prio int, f func()) {
	s.acquire(prio)
	defer s.release()
	f()
}

func (s *scheduler) acquire(prio int) {
	s.mu.Lock()
	if s.free > 0 {
		s.free--
		s.mu.Unlock()
		return
	}
	w := &waiter{prio: prio, seq: s.seq, ready: make(chan struct{})}
	s.seq++
	heap.Push(&s.waiting, w)
	s.mu.Unlock()
	<-w.ready // the slot of the work that released it
}

func (s *scheduler) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.waiting.Len() == 0 {
		s.free++
		return
	}
	close(heap.Pop(&s.waiting).(*waiter).ready)
}

type waiter struct {
	prio, seq int
	ready     chan struct{}
}

// waiters is a heap of waiters, the highest priority first, then the
// earliest.
type waiters []*waiter

func (h waiters) Len() int { return len(h) }
func (h waiters) Less(i, j int) bool {
	if h[i].prio != h[j].prio {
		return h[i].prio > h[j].prio
	}
	return h[i].seq < h[j].seq
}
func (h waiters) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *waiters) Push(x any)   { *h = append(*h, x.(*waiter)) }
func (h *waiters) Pop() any {
	old := *h
	w := old[len(old)-1]
	*h = old[:len(old)-1]
	return w
}

// priorities returns the priority of each package's work: a dependency
// comes before any root, and among each, the package of heavier chain of
// importers first (criticalPaths). A dependency costs little on a warm
// run (its facts come from the cache), and it may load types from export
// data, which waits for the analyses running (see exportMu): best done
// before the roots' analyses. A root that much of the graph waits for,
// such as the test variant of a large package that many import, then
// starts before the roots that nothing waits for, and the run does not
// end with one package analyzed alone while the other processors idle.
// That is list scheduling by the critical path (HLFET).
func priorities(pkgs []*pkg) map[*pkg]int {
	prio := criticalPaths(pkgs)
	heaviest := 0
	for _, w := range prio {
		heaviest = max(heaviest, w)
	}
	for p := range prio {
		if !p.root {
			prio[p] += heaviest
		}
	}
	return prio
}

// criticalPaths returns, for each package, the weight of the heaviest
// chain of packages from it to a package that nothing imports, itself
// included: a root weighs its number of files (it is type-checked and
// analyzed from source), any other package 1 (on a warm run most
// dependencies cost their facts from the cache, or less).
func criticalPaths(pkgs []*pkg) map[*pkg]int {
	importers := make(map[*pkg][]*pkg)
	for _, p := range pkgs {
		for _, imp := range p.imports {
			importers[imp] = append(importers[imp], p)
		}
	}
	path := make(map[*pkg]int, len(pkgs))
	var visit func(p *pkg) int
	visit = func(p *pkg) int {
		if w, ok := path[p]; ok {
			return w
		}
		longest := 0
		for _, q := range importers[p] {
			longest = max(longest, visit(q))
		}
		w := 1
		if p.root {
			w = max(1, len(p.files()))
		}
		path[p] = w + longest
		return path[p]
	}
	for _, p := range pkgs {
		visit(p)
	}
	return path
}

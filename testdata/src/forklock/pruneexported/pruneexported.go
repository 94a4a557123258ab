package pruneexported // want package:"leaves mutexes locked or unlocked"

// A library whose only reason to build SSA is the lock analysis: it
// leaves mutexes locked, names no syscall.ForkLock, calls no function that
// leaves it held and starts no process. Nothing it does can be reported
// here, so the SSA phase builds only the bodies that its exported
// functions and methods reach (lockBodies): their lockFacts are what its
// importers read (pruneexporteduser). TestPartialSSA checks that those
// facts are the ones of every body built.

import "sync"

// A Pool guards its conns with mu.
type Pool struct {
	mu    sync.Mutex
	conns []int
}

// Acquire returns with p.mu held, through an unexported method.
func (p *Pool) Acquire() { p.lock() } // want Acquire:"locks p.mu"

// Release unlocks p.mu.
func (p *Pool) Release() { p.mu.Unlock() } // want Release:"unlocks p.mu"

// lock is reached from Acquire: its summary is built, and its fact too.
func (p *Pool) lock() { p.mu.Lock() } // want lock:"locks p.mu"

// Len locks and unlocks: it leaves nothing.
func (p *Pool) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

// drain leaves p.mu locked too, but no exported function reaches it: no
// other package can call it, and its body is not built.
func (p *Pool) drain() {
	p.mu.Lock()
	p.conns = nil
}

// idle is called only by drain's callers, which do not exist.
func idle(p *Pool) { p.drain() }

var _ = idle

// A conn is unexported, but Open returns one: another package can call
// its exported methods.
type conn struct{ mu sync.RWMutex }

// Open returns a new conn.
func Open() *conn { return new(conn) }

// Hold leaves c.mu locked for reading.
func (c *conn) Hold() { c.mu.RLock() } // want Hold:"locks c.mu for reading"

var mu sync.Mutex

// Freeze leaves mu locked through a function literal that runs in place.
func Freeze() { // want Freeze:"locks mu"
	func() { mu.Lock() }()
}

package prune // want package:"starts processes; ends threads"

// A package whose only reason to build SSA is the lock analysis: it calls
// functions that leave mutexes locked (freezelib.Freeze), names no
// syscall.ForkLock and creates no descriptor. The SSA phase builds only the
// bodies that lock, start a process or call such a body (lockBodies);
// TestPartialSSA checks that the facts and findings are those of every
// body built.

import (
	"os/exec"
	"strings"
	"sync"

	"forklock/freezelib"
	"forklock/gatelib"
	"threadattr/endslib"
)

type store struct {
	mu    sync.Mutex
	items map[string]int
}

// lock and unlock leave s.mu locked and unlocked.
func (s *store) lock() { s.mu.Lock() } // want lock:"locks s.mu"

func (s *store) unlock() { s.mu.Unlock() } // want unlock:"unlocks s.mu"

// get pairs them through the package's own functions.
func (s *store) get(k string) int {
	s.lock()
	defer s.unlock()
	return s.items[k]
}

// hold leaves s.mu locked through a function of the package.
func (s *store) hold() { s.lock() } // want hold:"locks s.mu"

// holdAgain is hold one call further.
func (s *store) holdAgain() { s.hold() } // want holdAgain:"locks s.mu"

// freeze leaves syscall.ForkLock locked through another package's fact.
func freeze() { freezelib.Freeze() } // want freeze:"locks syscall.ForkLock"

// frozenStart starts a process while a callee left ForkLock held.
func frozenStart() error { // want frozenStart:`starts a process: \(\*exec.Cmd\).Run` frozenStart:"locks syscall.ForkLock"
	freeze()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

// startAfter is called while ForkLock is held: its start deadlocks.
func startAfter() error { // want startAfter:`starts a process: \(\*exec.Cmd\).Run`
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

func frozenCaller() { // want frozenCaller:`starts a process: \(\*exec.Cmd\).Run` frozenCaller:"locks syscall.ForkLock"
	freezelib.Freeze()
	startAfter()
}

// closedStart and shutStart hold ForkLock through functions whose facts
// reach it through a field: another spelling of the same.
func closedStart() error { // want closedStart:`starts a process: \(\*exec.Cmd\).Run` closedStart:"locks syscall.ForkLock"
	gatelib.Close()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

func shutStart(d *gatelib.Door) error { // want shutStart:`starts a process: \(\*exec.Cmd\).Run` shutStart:"locks syscall.ForkLock for reading"
	d.Shut()
	return exec.Command("true").Run() // want `^\(\*exec.Cmd\).Run starts a process while syscall.ForkLock is held: it deadlocks`
}

// thawedStart releases it first.
func thawedStart() error { // want thawedStart:`starts a process: \(\*exec.Cmd\).Run`
	freezelib.Freeze()
	freezelib.Thaw()
	return exec.Command("true").Run()
}

// viaValue locks through a method value.
func viaValue(s *store) { // want viaValue:"locks s.mu"
	f := s.lock
	f()
}

// viaLocker locks through a sync.Locker.
func viaLocker(mu *sync.Mutex) { // want viaLocker:"locks mu"
	var l sync.Locker = mu
	l.Lock()
}

// locker is the package's own interface with a Lock method.
type locker interface{ Lock() }

func viaOwnLocker(mu *sync.Mutex) { // want viaOwnLocker:"locks mu"
	var l locker = mu
	l.Lock()
}

// lockGeneric is a generic function that leaves its mutex locked.
func lockGeneric[T any](mu *sync.Mutex, v T) T { // want lockGeneric:"locks mu"
	mu.Lock()
	return v
}

func lockInstance(mu *sync.Mutex) int { return lockGeneric(mu, 1) } // want lockInstance:"locks mu"

// byLiteral locks in a literal called on the spot.
func byLiteral(s *store) { // want byLiteral:"locks s.mu"
	func() { s.lock() }()
}

// initialized is set by an initializer that leaves ForkLock held.
var initialized = freezeCount()

func freezeCount() int { // want freezeCount:"locks syscall.ForkLock"
	freezelib.Freeze()
	return 1
}

func init() {
	freezelib.Thaw()
}

// The functions below neither lock nor start anything: their bodies are
// left out.

func join(parts []string) string { return strings.Join(parts, ",") }

func count(s *store) int { return len(s.items) }

func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, strings.ToLower(w))
	}
	return out
}

func (s *store) put(k string, v int) {
	if s.items == nil {
		s.items = make(map[string]int)
	}
	s.items[k] = v
}

// inNamespace runs code on a thread it may end: the package's own thread
// ends concern threadattr, whose gate stays closed here.
func inNamespace(s *store) { // want inNamespace:"may end a locked thread"
	endslib.InNamespace(func() { s.put("b", 2) })
}

// callsPlain calls only such functions.
func callsPlain(s *store) string {
	s.put("a", count(s))
	return join(words("A B"))
}

package ifacecall // want package:"ends threads; switches threads"

// The shape of kube-router's proxy controller: a method that switches is
// called only through an interface of the package, by a caller that locks
// the thread first: the method runs locked. Another interface's method is
// called from a goroutine that may move: it does not.

import (
	"runtime"

	"golang.org/x/sys/unix"
)

type networking interface {
	configure(fd int) error
}

type linuxNetworking struct{}

func (ln *linuxNetworking) configure(fd int) error { // want configure:`switches the thread's network namespace`
	if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil { // ok: every call through networking is locked
		return err
	}
	work()
	return unix.Setns(3, unix.CLONE_NEWNET)
}

type controller struct{ ln networking }

func (c *controller) inside(fd int) error { // want inside:`may end a locked thread` inside:`leaves the thread locked`
	runtime.LockOSThread()
	return c.ln.configure(fd) // the thread stays locked: inside never unlocks
}

type mover interface {
	move(fd int)
}

type mv struct{}

func (mv) move(fd int) { // want move:`switches the thread's network namespace`
	unix.Setns(fd, unix.CLONE_NEWNET) // want `unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
	work()
}

func moveAll(m mover) { // want moveAll:`switches the thread's network namespace`
	m.move(3)
}

func work() {}

package cnins // want package:"switches threads"

// The shape of github.com/containernetworking/plugins' pkg/ns: GetNS
// returns the NetNS interface, whose only implementation switches the
// calling thread in Set. Importers call Set through the interface, so the
// interface's method carries the fact.

import "golang.org/x/sys/unix"

// NetNS is a network namespace.
type NetNS interface {
	Set() error // want Set:`switches the thread's network namespace`
	Fd() uintptr
	Close() error
}

type netNS struct{ fd int }

// GetNS opens the namespace at path.
func GetNS(path string) (NetNS, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &netNS{fd: fd}, nil
}

func (ns *netNS) Set() error { // want Set:`switches the thread's network namespace`
	return unix.Setns(ns.fd, unix.CLONE_NEWNET)
}

func (ns *netNS) Fd() uintptr  { return uintptr(ns.fd) }
func (ns *netNS) Close() error { return unix.Close(ns.fd) }

// A Closer has a Close that other types implement too: no fact.
type Closer interface {
	Close() error
}

package nsdo // want package:"ends threads; switches threads; starts goroutines"

// The shape of github.com/containernetworking/plugins/pkg/ns: NetNS.Do
// runs toRun in a goroutine of its own, locked to its thread, switched to
// the namespace, from a closure; WithNetNSPath passes its toRun on to Do
// through the interface.

import (
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

type NetNS interface {
	Do(toRun func(NetNS) error) error // want Do:`runs toRun with the thread switched to another network namespace`
	Set() error                       // want Set:`switches the thread's network namespace`
	Fd() uintptr
}

type netNS struct{ file *os.File }

func (ns *netNS) Fd() uintptr { return ns.file.Fd() }

func (ns *netNS) Set() error { // want Set:`switches the thread's network namespace`
	return unix.Setns(int(ns.Fd()), unix.CLONE_NEWNET)
}

func current() (NetNS, error) {
	f, err := os.Open("/proc/thread-self/ns/net")
	return &netNS{file: f}, err
}

func (ns *netNS) Do(toRun func(NetNS) error) error { // want Do:`may end a locked thread` Do:`runs toRun with the thread switched to another network namespace` Do:`starts a goroutine that locks its thread: go statement`
	containedCall := func(hostNS NetNS) error {
		threadNS, err := current()
		if err != nil {
			return err
		}
		if err := ns.Set(); err != nil {
			return err
		}
		defer func() {
			if threadNS.Set() == nil {
				runtime.UnlockOSThread()
			}
		}()
		return toRun(hostNS)
	}
	hostNS, err := current()
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	wg.Add(1)
	var innerError error
	go func() {
		defer wg.Done()
		runtime.LockOSThread()
		innerError = containedCall(hostNS)
	}()
	wg.Wait()
	return innerError
}

func GetNS(path string) (NetNS, error) {
	f, err := os.Open(path)
	return &netNS{file: f}, err
}

func WithNetNSPath(path string, toRun func(NetNS) error) error { // want WithNetNSPath:`runs toRun with the thread switched to another network namespace`
	ns, err := GetNS(path)
	if err != nil {
		return err
	}
	return ns.Do(toRun)
}

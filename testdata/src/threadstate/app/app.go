package app // want package:"ends threads"

import (
	"net"
	"runtime"

	"threadstate/nsutil"
)

// listen listens inside the namespace from a goroutine that may move.
func listen(ns int) (net.Listener, error) { // want listen:`switches the thread's network namespace`
	if err := nsutil.Join(nsutil.Handle(ns)); err != nil { // want `call of nsutil.Join switches the network namespace of one thread from a goroutine not locked to it`
		return nil, err
	}
	return net.Listen("tcp", ":0")
}

// listenLocked keeps the thread for good.
func listenLocked(ns int, out chan net.Listener) { // want listenLocked:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := nsutil.Join(nsutil.Handle(ns)); err != nil { // ok: locked, never unlocked
			out <- nil
			return
		}
		l, _ := net.Listen("tcp", ":0")
		out <- l
	}()
}

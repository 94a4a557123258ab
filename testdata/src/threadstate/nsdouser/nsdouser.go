package nsdouser // want package:"switches threads"

// Callers of a function that runs what it is given with the thread
// switched (nsdo.WithNetNSPath, NetNS.Do): the function literal runs in
// the container's network namespace, on a thread locked to it.

import (
	"net"
	"os"
	"runtime"
	"sync"

	"threadstate/nsdo"
	"threadstate/starters/lib"
)

// listen starts a goroutine inside the callback: it runs in the host's
// namespace (the package's README warns of it).
func listen(path string) error {
	return nsdo.WithNetNSPath(path, func(nsdo.NetNS) error {
		errc := make(chan error, 1)
		go func() { // want `^goroutine started while the thread may be switched to another network namespace: it runs on another thread, in the original one`
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err == nil {
				l.Close()
			}
			errc <- err
		}()
		return <-errc
	})
}

// listenHere listens in the callback's own goroutine.
func listenHere(path string) error {
	return nsdo.WithNetNSPath(path, func(nsdo.NetNS) error {
		l, err := net.Listen("tcp", "127.0.0.1:0") // ok: on the switched thread
		if err != nil {
			return err
		}
		return l.Close()
	})
}

// through the interface, with a named function's closure.
func inside(ns nsdo.NetNS, done chan struct{}) error {
	return ns.Do(func(nsdo.NetNS) error {
		go close(done) // want `^goroutine started while the thread may be switched to another network namespace`
		_, err := os.ReadFile("/proc/self/ns/net") // want `^/proc/self/ns/net names the namespaces of the main thread, not of this thread`
		return err
	})
}

// unlocking in the callback gives the switched thread back.
func unlocks(ns nsdo.NetNS) error {
	return ns.Do(func(nsdo.NetNS) error {
		runtime.UnlockOSThread() // want `^runtime.UnlockOSThread may give the thread back to the scheduler still switched to another network namespace`
		return nil
	})
}

// a callback given by name is not followed into: the literal is what runs.
func byName(path string, f func(nsdo.NetNS) error) error { // want byName:`runs f with the thread switched to another network namespace`
	return nsdo.WithNetNSPath(path, f)
}

// serve starts a server of another package and a goroutine of its own in
// the callback: the server's goroutine is its own business (a test harness
// that starts a daemon in the namespace, as moby's integration tests do),
// the function it runs is the program's.
func serve(ns nsdo.NetNS, s *lib.Server, work func()) error {
	return ns.Do(func(nsdo.NetNS) error {
		s.Start() // ok: the library's own goroutine
		var wg sync.WaitGroup
		wg.Go(work) // want `^goroutine started by \(\*sync.WaitGroup\).Go while the thread may be switched to another network namespace`
		wg.Wait()
		return nil
	})
}

// retry only calls f, where its caller is: switched or not.
func retry(f func() error) error {
	if err := f(); err != nil {
		return f()
	}
	return nil
}

// retries calls retry inside the callback and outside it: only the first
// literal runs switched.
func retries(ns nsdo.NetNS, done chan struct{}) error {
	if err := ns.Do(func(nsdo.NetNS) error {
		return retry(func() error {
			go close(done) // ok: not followed through retry, which is entered clean
			return nil
		})
	}); err != nil {
		return err
	}
	return retry(func() error {
		go close(done) // ok: not switched
		return nil
	})
}

package syscallerr // want package:"ends threads; switches threads; starts goroutines"

// syscallerr wraps a switch's error with os.NewSyscallError, which only
// builds an error, as github.com/mdlayher/socket's netNS.Set does inside a
// function literal that a method of the package calls.

import (
	"errors"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

var errDisabled = errors.New("network namespaces disabled")

type netNS struct {
	f        *os.File
	disabled bool
}

// Set switches the calling thread's network namespace through a literal
// that do calls: only an error is built after the switch.
func (n *netNS) Set(fd int) error {
	return n.do(func() error {
		return os.NewSyscallError("setns", unix.Setns(fd, unix.CLONE_NEWNET)) // ok: a wrapper, its error wrapped
	})
}

// do runs fn if network namespaces are enabled.
func (n *netNS) do(fn func() error) error {
	if n.disabled {
		return errDisabled
	}
	return fn()
}

// set is a plain wrapper whose error is wrapped by os.NewSyscallError.
func set(fd int) error { // want set:"switches the thread's network namespace"
	return os.NewSyscallError("setns", unix.Setns(fd, unix.CLONE_NEWNET)) // ok: a wrapper
}

// setAndRead does work in the switched thread: not a wrapper.
func setAndRead(fd int) error { // want setAndRead:"switches the thread's network namespace"
	if err := os.NewSyscallError("setns", unix.Setns(fd, unix.CLONE_NEWNET)); err != nil { // want `unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	_, err := os.ReadFile("/proc/net/dev")
	return err
}

// WithNetNS locks a goroutine and switches through the method and the
// function.
func WithNetNS(n *netNS, fd int) error { // want WithNetNS:"starts a goroutine that locks its thread: go statement" WithNetNS:"may end a locked thread"
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := n.Set(fd); err != nil {
			errc <- err
			return
		}
		errc <- set(fd)
	}()
	return <-errc
}

func use() { _ = setAndRead }

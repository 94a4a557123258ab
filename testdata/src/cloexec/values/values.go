package values // want package:"starts processes; passes flags to descriptor creators"

import (
	"os/exec"

	"golang.org/x/sys/unix"
)

// A package-level variable.
var sockType = unix.SOCK_RAW

func PkgVar() (int, error) {
	return unix.Socket(unix.AF_NETLINK, sockType, 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
}

// A field of a package-level options struct.
type options struct {
	socktype int
	iface    string
}

var defaultOptions = options{socktype: unix.SOCK_DGRAM}

func OptsVar() (int, error) {
	return unix.Socket(unix.AF_NETLINK, defaultOptions.socktype, 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
}

// A map.
var sockTypes = map[string]int{"raw": unix.SOCK_RAW, "dgram": unix.SOCK_DGRAM}

func MapVar(kind string) (int, error) {
	return unix.Socket(unix.AF_NETLINK, sockTypes[kind], 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
}

// A field set once by a constructor.
type handle struct {
	flags int
	fd    int
}

func newHandle() *handle { return &handle{flags: unix.O_RDWR} }

func (h *handle) Open(path string) error {
	fd, err := unix.Open(path, h.flags, 0) // want `^unix.Open creates a descriptor without O_CLOEXEC`
	h.fd = fd
	return err
}

// Flags returned by a small function.
func netlinkType() int { return unix.SOCK_RAW }

func FuncFlags() (int, error) {
	return unix.Socket(unix.AF_NETLINK, netlinkType(), 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
}

// A chain of unexported wrappers.
func openat(dirfd int, p string, flags int) (int, error) { return unix.Openat(dirfd, p, flags, 0) }

func openIn(dirfd int, p string, flags int) (int, error) { return openat(dirfd, p, flags) }

func openFile(p string) (int, error) { return openat(unix.AT_FDCWD, p, unix.O_RDONLY) } // want `^call of values.openat creates a descriptor without O_CLOEXEC`

func Chain(p string) (int, error) {
	return openIn(unix.AT_FDCWD, p, unix.O_RDONLY) // want `^call of values.openIn creates a descriptor without O_CLOEXEC`
}

// A generic wrapper.
func openG[T ~int](p string, flags T) (int, error) { return unix.Open(p, int(flags), 0) }

func Generic(p string) (int, error) {
	return openG(p, unix.O_RDONLY) // want `^call of values.openG creates a descriptor without O_CLOEXEC`
}

// A field set by an unexported constructor from its callers' constants.
type listener struct{ typ int }

func newListener(typ int) listener { return listener{typ: typ} }

func Listen() (int, error) {
	l := newListener(unix.SOCK_STREAM)
	return unix.Socket(unix.AF_UNIX, l.typ, 0) // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
}

// Three wrappers, the middle one a method.
type dir struct{ fd int }

func (d *dir) openat(p string, flags int) (int, error) { return openat(d.fd, p, flags) }

func (d *dir) open(p string, flags int) (int, error) { return d.openat(p, flags) }

func (d *dir) Config() (int, error) {
	return d.open("config", unix.O_RDONLY) // want `^call of \(\*values.dir\).open creates a descriptor without O_CLOEXEC`
}

// A wrapper that calls the creator in a function literal, retried.
func retry(fn func() (int, error)) (int, error) { return fn() }

func openRetry(p string, flags int) (int, error) {
	return retry(func() (int, error) { return unix.Open(p, flags, 0) })
}

func Retried(p string) (int, error) {
	return openRetry(p, unix.O_RDONLY) // want `^call of values.openRetry creates a descriptor without O_CLOEXEC`
}

func Run() error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Run`
	return exec.Command("true").Run()
}

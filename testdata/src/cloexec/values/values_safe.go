package values

import (
	"flag"

	"golang.org/x/sys/unix"
)

// The flag set in the variable.
var nlType = unix.SOCK_RAW | unix.SOCK_CLOEXEC

func PkgVarCloexec() (int, error) {
	return unix.Socket(unix.AF_NETLINK, nlType, 0) // ok: the variable holds SOCK_CLOEXEC
}

// A variable that another function sets with the flag.
var openMode = unix.O_RDONLY

func EnableCloexec() { openMode = unix.O_RDONLY | unix.O_CLOEXEC }

func OpenMode(p string) (int, error) {
	return unix.Open(p, openMode, 0) // ok: a store sets O_CLOEXEC
}

// A variable that grows the flag in init.
var rawType = unix.SOCK_RAW

func init() { rawType |= unix.SOCK_CLOEXEC }

func Grown() (int, error) {
	return unix.Socket(unix.AF_NETLINK, rawType, 0) // ok: not known (it grows)
}

// An exported variable: its importers may set it.
var SockType = unix.SOCK_DGRAM

func Exported() (int, error) {
	return unix.Socket(unix.AF_NETLINK, SockType, 0) // ok: an importer's to set
}

// A variable whose address is handed to flag.
var cliFlags = unix.O_RDONLY

func init() { flag.IntVar(&cliFlags, "flags", unix.O_RDONLY, "open flags") }

func CLI(p string) (int, error) {
	return unix.Open(p, cliFlags, 0) // ok: set through its address
}

// gopacket's afpacket: the defaults copied, then an option the importer
// passes through an interface{}.
type tpOptions struct{ socktype OptSocketType }

// OptSocketType is the importer's to pick.
type OptSocketType int

var tpDefaults = tpOptions{socktype: OptSocketType(unix.SOCK_RAW)}

func parseOptions(opts ...interface{}) (ret tpOptions) {
	ret = tpDefaults
	for _, opt := range opts {
		switch v := opt.(type) {
		case OptSocketType:
			ret.socktype = v
		}
	}
	return ret
}

func NewTPacket(opts ...interface{}) (int, error) {
	o := parseOptions(opts...)
	return unix.Socket(unix.AF_NETLINK, int(o.socktype), 0) // ok: the importer may pass SOCK_CLOEXEC
}

// A field that an exported constructor takes from its caller.
type conn struct{ flags int }

func NewConn(flags int) *conn { return &conn{flags: flags} }

func (c *conn) Dial() (int, error) {
	return unix.Socket(unix.AF_NETLINK, c.flags, 0) // ok: the importer picks
}

// A field that one constructor sets with the flag.
type file struct{ mode int }

func newFile(cloexec bool) *file {
	if cloexec {
		return &file{mode: unix.O_RDWR | unix.O_CLOEXEC}
	}
	return &file{mode: unix.O_RDWR}
}

func (f *file) open(p string) (int, error) {
	return unix.Open(p, f.mode, 0) // ok: some store sets O_CLOEXEC
}

func OpenFile(p string) (int, error) { return newFile(true).open(p) }

// A map one of whose values has the flag.
var modes = map[string]int{"ro": unix.O_RDONLY | unix.O_CLOEXEC, "rw": unix.O_RDWR}

func ByMode(p, m string) (int, error) {
	return unix.Open(p, modes[m], 0) // ok: a value has O_CLOEXEC
}

// A function that returns the flag.
func closeOnExecType() int { return unix.SOCK_RAW | unix.SOCK_CLOEXEC }

func FuncCloexec() (int, error) {
	return unix.Socket(unix.AF_NETLINK, closeOnExecType(), 0) // ok: the result holds SOCK_CLOEXEC
}

// A chain whose middle wrapper adds the flag itself.
func openSafe(p string, flags int) (int, error) {
	return openat(unix.AT_FDCWD, p, flags|unix.O_CLOEXEC) // ok: adds O_CLOEXEC
}

func Safe(p string) (int, error) {
	return openSafe(p, unix.O_RDONLY) // ok: the wrapper adds O_CLOEXEC
}

// A chain whose outer wrapper is exported: its importers pick.
func OpenAt(dirfd int, p string, flags int) (int, error) { // want OpenAt:"passes argument 2 as the flags of unix.Openat"
	return openIn(dirfd, p, flags) // ok: an importer's flags
}

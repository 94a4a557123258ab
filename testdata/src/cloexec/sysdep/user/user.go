package user // want package:"starts processes; passes flags to descriptor creators"

import (
	"os/exec"

	"cloexec/sysdep/linux"
	"cloexec/sysdep/mid"
	"golang.org/x/sys/unix"
)

// OldRoot opens through the project's wrapper without O_CLOEXEC (runc's
// pivotRoot).
func OldRoot() (int, error) {
	return linux.Open("/", unix.O_DIRECTORY|unix.O_RDONLY, 0) // want `^call of linux.Open creates a descriptor without O_CLOEXEC: a process started meanwhile inherits it$`
}

// Mem opens with the flag.
func Mem(path string) (int, error) {
	return linux.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0) // ok
}

// Netlink makes a socket through the wrapper, its type from a variable.
var nlType = unix.SOCK_RAW

func Netlink() (int, error) {
	return linux.Socket(unix.AF_NETLINK, nlType, 0) // want `^call of linux.Socket creates a descriptor without SOCK_CLOEXEC`
}

// Safe sockets: the wrapper adds the flag.
func Safe() (int, error) {
	return linux.CloexecSocket(unix.AF_NETLINK, unix.SOCK_RAW, 0) // ok
}

// Through two packages.
func Config() (int, error) {
	return mid.OpenFile("config", unix.O_RDWR) // want `^call of mid.OpenFile creates a descriptor without O_CLOEXEC`
}

// Through an unexported wrapper of the package.
func openRO(p string, flags int) (int, error) { return linux.Open(p, flags, 0) }

func State() (int, error) {
	return openRO("state", unix.O_RDONLY) // want `^call of user.openRO creates a descriptor without O_CLOEXEC`
}

// Flags the importer picks.
func OpenWith(p string, flags int) (int, error) { // want OpenWith:"passes argument 1 as the flags of unix.Open"
	return linux.Open(p, flags, 0) // ok: this package's importers pick
}

// Through the wrapper's own unexported wrapper.
func Proc() (int, error) {
	return linux.Openat(unix.AT_FDCWD, "/proc", unix.O_DIRECTORY) // want `^call of linux.Openat creates a descriptor without O_CLOEXEC`
}

// Through a wrapper that marks the descriptor under ForkLock.
func Compat() (int, error) {
	return linux.SocketCompat(unix.AF_NETLINK, unix.SOCK_RAW, 0) // ok: the wrapper asks for SOCK_CLOEXEC or marks it
}

// Run starts a process, which inherits what the others leak.
func Run() error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Run`
	return exec.Command("true").Run()
}

package wrappers // want package:"starts processes; passes flags to descriptor creators"

// Unexported wrappers of creators whose flags are their callers'
// arguments (songgao/water's and many "openat(dir, name, flags)" helpers):
// a call that passes flags without the close-on-exec flag creates the
// descriptor without it.

import (
	"os/exec"

	"golang.org/x/sys/unix"
)

func openat(dir int, name string, flags int) (int, error) {
	return unix.Openat(dir, name, flags, 0)
}

func socket(domain, typ int) (int, error) {
	return unix.Socket(domain, typ, 0)
}

// openHandle adds the flag itself, as containers/storage's rawfilelock
// and containerd's fsmount helper do.
func openHandle(path string, mode int) (int, error) {
	mode |= unix.O_CLOEXEC
	return unix.Open(path, mode, 0o644)
}

// Lock opens through it.
func Lock(path string) (int, error) {
	return openHandle(path, unix.O_RDWR) // ok: the wrapper adds O_CLOEXEC
}

// OpenTun opens through the wrapper without O_CLOEXEC.
func OpenTun() (int, error) {
	return openat(unix.AT_FDCWD, "/dev/net/tun", unix.O_RDWR) // want `^call of wrappers.openat creates a descriptor without O_CLOEXEC: a process started meanwhile inherits it$`
}

// Netlink makes a socket through the wrapper without SOCK_CLOEXEC.
func Netlink() (int, error) {
	return socket(unix.AF_NETLINK, unix.SOCK_RAW) // want `^call of wrappers.socket creates a descriptor without SOCK_CLOEXEC`
}

// OpenRO asks for close-on-exec.
func OpenRO(name string) (int, error) {
	return openat(unix.AT_FDCWD, name, unix.O_RDONLY|unix.O_CLOEXEC) // ok
}

// OpenMaybe sets the flag on one path only: judged by the path that does not.
func OpenMaybe(name string, cloexec bool) (int, error) {
	flags := unix.O_RDONLY
	if cloexec {
		flags |= unix.O_CLOEXEC
	}
	return openat(unix.AT_FDCWD, name, flags) // ok: a path sets it
}

// Open is exported: its importers pick the flags.
func Open(name string, flags int) (int, error) { // want Open:"passes argument 1 as the flags of unix.Open"
	return unix.Open(name, flags, 0) // ok: the flags are judged at the calls
}

// Run starts a process, which inherits what the others leak.
func Run() error { // want Run:`starts a process: \(\*exec\.Cmd\)\.Run`
	return exec.Command("true").Run()
}

// openUnderRoot has two creators, as containers/storage's
// openFileUnderRoot has (openat2, or its fallback's two Openat calls).
func openUnderRoot(dir int, name string, flags int, parent bool) (int, error) {
	if parent {
		return unix.Openat(dir, "..", flags, 0)
	}
	return unix.Openat(dir, name, flags, 0)
}

// Create opens through it without O_CLOEXEC: one finding at the call.
func Create(dir int, name string) (int, error) {
	return openUnderRoot(dir, name, unix.O_RDWR, false) // want `^call of wrappers.openUnderRoot creates a descriptor without O_CLOEXEC`
}

// openUnder passes its flags on to openUnderRoot: judged at its calls,
// one finding each as well.
func openUnder(dir int, name string, flags int) (int, error) {
	return openUnderRoot(dir, name, flags, true)
}

// CreateVia opens up the chain without O_CLOEXEC.
func CreateVia(dir int, name string) (int, error) {
	return openUnder(dir, name, unix.O_RDWR) // want `^call of wrappers.openUnder creates a descriptor without O_CLOEXEC`
}

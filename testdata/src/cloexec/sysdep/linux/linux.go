package linux // want package:"passes flags to descriptor creators"

// linux is a project's own system call package, as runc's
// internal/linux: exported wrappers whose flags are their callers'.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

var errEINTR error

func retryOnEINTR(fn func() (int, error)) (int, error) {
	for {
		fd, err := fn()
		if err != errEINTR {
			return fd, err
		}
	}
}

// Open wraps unix.Open, retrying on EINTR (runc's linux.Open).
func Open(path string, mode int, perm uint32) (int, error) { // want Open:"passes argument 1 as the flags of unix.Open"
	return retryOnEINTR(func() (int, error) {
		return unix.Open(path, mode, perm) // ok: the importer's flags
	})
}

// Socket wraps unix.Socket.
func Socket(domain, typ, proto int) (int, error) { // want Socket:"passes argument 1 as the flags of unix.Socket"
	return unix.Socket(domain, typ, proto) // ok: the importer's flags
}

// CloexecSocket adds the flag itself (insomniacslk/dhcp's xsocket).
func CloexecSocket(domain, typ, proto int) (int, error) {
	return unix.Socket(domain, typ|unix.SOCK_CLOEXEC, proto) // ok
}

// OpenCloexec adds the flag to its parameter first.
func OpenCloexec(path string, mode int) (int, error) {
	mode |= unix.O_CLOEXEC
	return unix.Open(path, mode, 0) // ok
}

// OpenDir opens through the wrapper of its own package.
func OpenDir(path string) (int, error) {
	return Open(path, unix.O_DIRECTORY|unix.O_RDONLY, 0) // want `^call of linux.Open creates a descriptor without O_CLOEXEC`
}

// OpenDirCloexec asks for it.
func OpenDirCloexec(path string) (int, error) {
	return Open(path, unix.O_DIRECTORY|unix.O_CLOEXEC, 0) // ok
}

func openat(dirfd int, path string, flags int) (int, error) {
	return unix.Openat(dirfd, path, flags, 0) // ok: its callers' flags
}

// Openat passes its flags on to the package's own wrapper.
func Openat(dirfd int, path string, flags int) (int, error) { // want Openat:"passes argument 2 as the flags of unix.Openat"
	return openat(dirfd, path, flags) // ok: the importer's flags
}

// SocketCompat falls back, where the kernel lacks SOCK_CLOEXEC, to a
// socket marked under ForkLock (mdlayher/socket's socket).
func SocketCompat(domain, typ, proto int) (int, error) {
	fd, err := unix.Socket(domain, typ|unix.SOCK_CLOEXEC, proto)
	if err == nil {
		return fd, nil
	}
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err = unix.Socket(domain, typ, proto) // ok: marked before the unlock
	if err != nil {
		return -1, err
	}
	unix.CloseOnExec(fd)
	return fd, nil
}

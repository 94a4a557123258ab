package forklockidiom

// The ForkLock idiom exempts a descriptor only when the same descriptor is
// marked close-on-exec before ForkLock is released (syscall.ForkLock's
// documentation).

import "syscall"

func markedAfterUnlock(fd int) (int, error) {
	syscall.ForkLock.RLock()
	nfd, err := syscall.Dup(fd) // want `^syscall.Dup creates a descriptor without close-on-exec`
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, err
	}
	syscall.CloseOnExec(nfd)
	return nfd, nil
}

func markedAnother(fd, other int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	nfd, err := syscall.Dup(fd) // want `^syscall.Dup creates a descriptor without close-on-exec`
	if err != nil {
		return -1, err
	}
	syscall.CloseOnExec(other)
	return nfd, nil
}

func marked(fd int) (int, error) {
	syscall.ForkLock.RLock()
	nfd, err := syscall.Dup(fd) // ok: marked before the unlock
	if err != nil {
		syscall.ForkLock.RUnlock()
		return -1, err
	}
	syscall.CloseOnExec(nfd)
	syscall.ForkLock.RUnlock()
	return nfd, nil
}

func markedDeferred(fd int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	nfd, err := syscall.Dup(fd) // ok: the deferred unlock runs after the mark
	if err == nil {
		syscall.CloseOnExec(nfd)
	}
	return nfd, err
}

type conn struct{ fd int }

func (c *conn) markedField(fd int) error {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	var err error
	c.fd, err = syscall.Dup(fd) // ok: marked through the field it is stored in
	if err != nil {
		return err
	}
	syscall.CloseOnExec(c.fd)
	return nil
}

func markedPair() ([2]int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0) // ok: both marked
	if err != nil {
		return fds, err
	}
	syscall.CloseOnExec(fds[0])
	syscall.CloseOnExec(fds[1])
	return fds, nil
}

func markedPipe() ([]int, error) {
	p := make([]int, 2)
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	if err := syscall.Pipe(p); err != nil { // ok: both marked
		return nil, err
	}
	for _, fd := range p {
		syscall.CloseOnExec(fd)
	}
	return p, nil
}

func markedOneEnd() (int, int, error) {
	var p [2]int
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	if err := syscall.Pipe(p[:]); err != nil { // want `^syscall.Pipe creates descriptors without close-on-exec`
		return 0, 0, err
	}
	syscall.CloseOnExec(p[0]) // p[1] stays inheritable
	return p[0], p[1], nil
}

func markedOneOfPair() ([2]int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0) // want `^syscall.Socketpair creates descriptors without SOCK_CLOEXEC`
	if err != nil {
		return fds, err
	}
	syscall.CloseOnExec(fds[1])
	syscall.CloseOnExec(fds[1])
	return fds, nil
}

func markedArrayPipe() ([2]int, error) {
	var p [2]int
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	if err := syscall.Pipe(p[:]); err != nil { // ok: both marked, through named ends
		return p, err
	}
	r, w := p[0], p[1]
	syscall.CloseOnExec(r)
	syscall.CloseOnExec(w)
	return p, nil
}

func markedArrayLoop() ([2]int, error) {
	var p [2]int
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	if err := syscall.Pipe(p[:]); err != nil { // ok: both marked in a loop
		return p, err
	}
	for i := range p {
		syscall.CloseOnExec(p[i])
	}
	return p, nil
}

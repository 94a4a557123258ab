package cloexec

// darwin has no SOCK_CLOEXEC and no Pipe2: the message names no flag that
// the platform lacks, and there is no fix; the ForkLock idiom applies.

import "syscall"

func pair() ([2]int, error) {
	return syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0) // want `^syscall.Socketpair creates descriptors without close-on-exec: a process started meanwhile inherits them$`
}

func open(path string) (int, error) {
	return syscall.Open(path, syscall.O_RDONLY, 0) // want `^syscall.Open creates a descriptor without O_CLOEXEC`
}

func pipe(p []int) error {
	return syscall.Pipe(p) // want `^syscall.Pipe creates descriptors without close-on-exec`
}

func locked(p []int) error {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	if err := syscall.Pipe(p); err != nil { // ok: marked under ForkLock
		return err
	}
	syscall.CloseOnExec(p[0])
	syscall.CloseOnExec(p[1])
	return nil
}

// A kqueue is not copied into a child created with fork (kqueue(2)): no
// child inherits it, with or without close-on-exec.
func kqueue() (int, error) {
	return syscall.Kqueue() // ok: not inherited by fork
}

func kqueueLocked() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	kq, err := syscall.Kqueue() // ok: marked under ForkLock
	if err != nil {
		return -1, err
	}
	syscall.CloseOnExec(kq)
	return kq, nil
}

// darwin has no MSG_CMSG_CLOEXEC: received descriptors are not judged.
func recvFd(sock int, oob []byte) ([]int, error) {
	_, oobn, _, _, err := syscall.Recvmsg(sock, nil, oob, 0) // ok: no flag to ask with
	if err != nil {
		return nil, err
	}
	msgs, err := syscall.ParseSocketControlMessage(oob[:oobn])
	if err != nil {
		return nil, err
	}
	return syscall.ParseUnixRights(&msgs[0])
}

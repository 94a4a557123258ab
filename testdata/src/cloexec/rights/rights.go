package rights

// Descriptors that the kernel installs on receipt of an SCM_RIGHTS
// message: close-on-exec only with MSG_CMSG_CLOEXEC (recvmsg(2)), as a
// microVM agent that received a userfaultfd learned.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func recvFd(sock int) (int, error) {
	buf := make([]byte, 1)
	oob := make([]byte, 64)
	_, oobn, _, _, err := unix.Recvmsg(sock, buf, oob, 0) // want `^unix.Recvmsg receives descriptors without MSG_CMSG_CLOEXEC: a process started meanwhile inherits them$`
	if err != nil {
		return -1, err
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil || len(msgs) == 0 {
		return -1, err
	}
	fds, err := unix.ParseUnixRights(&msgs[0])
	if err != nil || len(fds) == 0 {
		return -1, err
	}
	return fds[0], nil
}

func recvFdDontwait(sock int, oob []byte) ([]int, error) {
	_, oobn, _, _, err := syscall.Recvmsg(sock, nil, oob, syscall.MSG_DONTWAIT) // want `^syscall.Recvmsg receives descriptors without MSG_CMSG_CLOEXEC`
	if err != nil {
		return nil, err
	}
	msgs, err := syscall.ParseSocketControlMessage(oob[:oobn])
	if err != nil {
		return nil, err
	}
	return syscall.ParseUnixRights(&msgs[0])
}

func recvFdCloexec(sock int) ([]int, error) {
	oob := make([]byte, 64)
	_, oobn, _, _, err := unix.Recvmsg(sock, nil, oob, unix.MSG_CMSG_CLOEXEC) // ok
	if err != nil {
		return nil, err
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil {
		return nil, err
	}
	return unix.ParseUnixRights(&msgs[0])
}

// credentials parses control messages but reads no descriptors.
func credentials(sock int) ([]unix.SocketControlMessage, error) {
	oob := make([]byte, 64)
	_, oobn, _, _, err := unix.Recvmsg(sock, nil, oob, 0) // ok: no SCM_RIGHTS read
	if err != nil {
		return nil, err
	}
	return unix.ParseSocketControlMessage(oob[:oobn])
}

// data receives no control messages.
func data(sock int, buf []byte) error {
	_, _, _, _, err := unix.Recvmsg(sock, buf, nil, 0) // ok: no control messages
	return err
}

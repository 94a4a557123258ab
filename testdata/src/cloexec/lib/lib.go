package lib

// Descriptors created through syscall without close-on-exec, and the
// ways that set it. A library is reported whatever its importers do.

import (
	"os"
	"syscall"
)

func open(path string, flags int) {
	syscall.Open(path, syscall.O_RDONLY, 0)                       // want `^syscall.Open creates a descriptor without O_CLOEXEC: a process started meanwhile inherits it$`
	syscall.Open(path, 0, 0)                                      // want `syscall.Open creates a descriptor without O_CLOEXEC`
	syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)     // ok: close-on-exec
	syscall.Open(path, flags, 0)                                  // ok: the flags are unknown here
	syscall.Openat(3, path, syscall.O_WRONLY|syscall.O_APPEND, 0) // want `syscall.Openat creates a descriptor without O_CLOEXEC`
}

func pipes() {
	var p [2]int
	syscall.Pipe(p[:])                      // want `^syscall.Pipe creates descriptors without close-on-exec: a process started meanwhile inherits them$`
	syscall.Pipe2(p[:], syscall.O_NONBLOCK) // want `syscall.Pipe2 creates descriptors without O_CLOEXEC`
	syscall.Pipe2(p[:], syscall.O_CLOEXEC)  // ok
}

func sockets(fd int) {
	syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)                      // want `syscall.Socket creates a descriptor without SOCK_CLOEXEC`
	syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0) // ok
	syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)                  // want `syscall.Socketpair creates descriptors without SOCK_CLOEXEC`
	syscall.Accept(fd)                                                           // want `syscall.Accept creates a descriptor without close-on-exec`
	syscall.Accept4(fd, syscall.SOCK_CLOEXEC)                                    // ok
}

func dups(fd int) {
	syscall.Dup(fd)                         // want `syscall.Dup creates a descriptor without close-on-exec`
	syscall.Dup2(fd, 10)                    // want `syscall.Dup2 creates a descriptor without close-on-exec`
	syscall.Dup2(fd, 1)                     // ok: onto stdout, meant to be inherited
	syscall.Dup3(fd, 10, 0)                 // want `syscall.Dup3 creates a descriptor without O_CLOEXEC`
	syscall.Dup3(fd, 10, syscall.O_CLOEXEC) // ok
}

func events() {
	syscall.EpollCreate(1)                      // want `syscall.EpollCreate creates a descriptor without close-on-exec`
	syscall.EpollCreate1(0)                     // want `syscall.EpollCreate1 creates a descriptor without EPOLL_CLOEXEC`
	syscall.EpollCreate1(syscall.EPOLL_CLOEXEC) // ok
	syscall.InotifyInit()                       // want `syscall.InotifyInit creates a descriptor without close-on-exec`
	syscall.InotifyInit1(syscall.IN_NONBLOCK)   // want `syscall.InotifyInit1 creates a descriptor without IN_CLOEXEC`
}

// underForkLock is the idiom for platforms without the flags: create and
// mark close-on-exec while holding ForkLock for reading.
func underForkLock() {
	var p [2]int
	syscall.ForkLock.RLock()
	syscall.Pipe(p[:]) // ok: marked close-on-exec before the unlock
	syscall.CloseOnExec(p[0])
	syscall.CloseOnExec(p[1])
	syscall.ForkLock.RUnlock()
}

// lockedButNotMarked holds ForkLock but never marks the descriptor.
func lockedButNotMarked(path string) {
	syscall.ForkLock.RLock()
	syscall.Open(path, syscall.O_RDONLY, 0) // want `syscall.Open creates a descriptor without O_CLOEXEC`
	syscall.ForkLock.RUnlock()
}

// markedWithoutLock marks the descriptor, but a process started between
// the creation and the mark inherits it.
func markedWithoutLock(path string) {
	fd, _ := syscall.Open(path, syscall.O_RDONLY, 0) // want `syscall.Open creates a descriptor without O_CLOEXEC`
	syscall.CloseOnExec(fd)
}

// Onto standard input, output or error however it is named: meant to be
// inherited.
func stdio(fd int) {
	syscall.Dup2(fd, syscall.Stderr)        // ok
	syscall.Dup2(fd, int(os.Stdout.Fd()))   // ok
	syscall.Dup3(fd, int(os.Stdin.Fd()), 0) // ok
	redirect(fd, syscall.Stdout)
	redirect(fd, 2)
	toAny(fd, syscall.Stdout)
	toAny(fd, 7)
}

// redirect wraps Dup2 as u-root's netcat does; every call passes stdio.
func redirect(oldfd, newfd int) error {
	return syscall.Dup2(oldfd, newfd) // ok
}

// toAny is also called with 7.
func toAny(oldfd, newfd int) error {
	return syscall.Dup2(oldfd, newfd) // want `syscall.Dup2 creates a descriptor without close-on-exec`
}

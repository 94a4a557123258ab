package inherit

// Dup2 onto a descriptor that the importer picks: every importer of such a
// FIFO library passes standard error, and the descriptor is meant to be
// inherited.

import (
	"os"
	"syscall"
)

// Redirect makes fd a copy of f.
func Redirect(f *os.File, fd int) error {
	return syscall.Dup2(int(f.Fd()), fd) // ok: the importer picks fd
}

// RedirectRaw takes the target as a uintptr.
func RedirectRaw(f *os.File, fd uintptr) error {
	return syscall.Dup2(int(f.Fd()), int(fd)) // ok: the importer picks fd
}

type Logger struct{ f *os.File }

// Attach makes fd a copy of the log file.
func (l *Logger) Attach(fd int) error {
	return syscall.Dup2(int(l.f.Fd()), fd) // ok: the importer picks fd
}

type logger struct{ f *os.File }

// Attach is a method of an unexported type: only this package calls it.
func (l *logger) Attach(fd int) error {
	return syscall.Dup2(int(l.f.Fd()), fd) // want `^syscall.Dup2 creates a descriptor without close-on-exec`
}

// Moved assigns the parameter before the Dup2: no longer the importer's.
func Moved(f *os.File, fd int) error {
	fd += 10
	return syscall.Dup2(int(f.Fd()), fd) // want `^syscall.Dup2 creates a descriptor without close-on-exec`
}

// redirect is not exported, and a caller passes 7.
func redirect(f *os.File, fd int) error {
	return syscall.Dup2(int(f.Fd()), fd) // want `^syscall.Dup2 creates a descriptor without close-on-exec`
}

func use(f *os.File) error { return redirect(f, 7) }

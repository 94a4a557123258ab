package seams // want package:"starts processes; ends threads; switches threads"

// System calls held in package-level variables, a seam for tests: a call
// through the variable is a call of what it holds. Reduced from Huawei's
// ascend-docker-runtime (unixSetns = unix.Setns "to support ut test"),
// ccfos/huatuo (var setns = unix.Setns) and aristanetworks/goarista's netns
// (var setNs = func(h handle) error {...}, "so we can mock for testing").

import (
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

var (
	setns   = unix.Setns    // replaced by the tests
	unshare func(int) error // assigned by init
	noop    = func(fd, kind int) error { return nil }
	setNs   = func(fd int) error { return unix.Setns(fd, unix.CLONE_NEWNET) }
)

func init() { unshare = unix.Unshare }

// enter calls unix.Setns through the variable.
func enter(fd int) error { // want enter:`starts a process: \(\*exec\.Cmd\)\.Run` enter:`switches the thread's network namespace`
	if err := setns(fd, unix.CLONE_NEWNET); err != nil { // want `^unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// private calls unix.Unshare, which init stores in the variable.
func private() error { // want private:`switches the thread's mount namespace`
	if err := unshare(unix.CLONE_NEWNS); err != nil { // want `^unix.Unshare switches the mount namespace of one thread`
		return err
	}
	return syscall.Mount("none", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, "")
}

// byLiteral calls the function literal that the variable holds, a
// wrapper of unix.Setns.
func byLiteral(fd int) error { // want byLiteral:`starts a process: \(\*exec\.Cmd\)\.Run` byLiteral:`switches the thread's network namespace`
	if err := setNs(fd); err != nil { // want `^call of seams.setNs switches the network namespace of one thread`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// harmless calls a variable that holds nothing that switches.
func harmless(fd int) error { // want harmless:`starts a process: \(\*exec\.Cmd\)\.Run`
	if err := noop(fd, unix.CLONE_NEWNET); err != nil { // ok
		return err
	}
	return exec.Command("ip", "link").Run()
}

// dedicated locks a goroutine of its own, which never unlocks.
func dedicated(fd int, f func()) { // want dedicated:`may end a locked thread` dedicated:`runs f with the thread switched to another network namespace`
	go func() {
		runtime.LockOSThread()
		if setns(fd, unix.CLONE_NEWNET) == nil { // ok: locked for good
			f()
		}
	}()
}

// do gives the thread back switched when the restore through the literal
// fails, as goarista's netns.Do did.
func do(fd, self int, f func()) error { // want do:`runs f with the thread switched to another network namespace`
	runtime.LockOSThread()
	defer runtime.UnlockOSThread() // want `^runtime.UnlockOSThread may give the thread back to the scheduler still switched to another network namespace`
	if err := setNs(fd); err != nil {
		return err
	}
	f()
	return setNs(self)
}

// doSafely unlocks only when the restore succeeded.
func doSafely(fd, self int, f func()) error { // want doSafely:`runs f with the thread switched to another network namespace`
	runtime.LockOSThread()
	if err := setNs(fd); err != nil {
		runtime.UnlockOSThread()
		return err
	}
	f()
	if err := setNs(self); err != nil {
		return err // ok: the goroutine keeps the switched thread, which ends with it
	}
	runtime.UnlockOSThread()
	return nil
}

// A struct of the package whose field holds the system call: the seam
// injected per value (type nsOps struct{ setns func(int, int) error }).
type nsOps struct {
	setns func(fd, nstype int) error
}

var defaultOps = nsOps{setns: unix.Setns}

type switcher struct{ ops nsOps }

func newSwitcher() *switcher { return &switcher{ops: nsOps{setns: unix.Setns}} }

// enter calls unix.Setns through the field.
func (s *switcher) enter(fd int) error { // want enter:`switches the thread's network namespace` enter:`starts a process: \(\*exec\.Cmd\)\.Run`
	if err := s.ops.setns(fd, unix.CLONE_NEWNET); err != nil { // want `^unix.Setns switches the network namespace of one thread from a goroutine not locked to it`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// enterDefault calls it through the field of a package-level variable.
func enterDefault(fd int) error { // want enterDefault:`switches the thread's network namespace` enterDefault:`starts a process: \(\*exec\.Cmd\)\.Run`
	if err := defaultOps.setns(fd, unix.CLONE_NEWNET); err != nil { // want `^unix.Setns switches the network namespace of one thread`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// enterValue calls it through the field of a struct value.
func enterValue(ops nsOps, fd int) error { // want enterValue:`starts a process: \(\*exec\.Cmd\)\.Run` enterValue:`switches the thread's network namespace`
	if err := ops.setns(fd, unix.CLONE_NEWNET); err != nil { // want `^unix.Setns switches the network namespace of one thread`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// A named function type: the variable's value is converted to it.
type setnsFunc func(fd, nstype int) error

var typedSetns setnsFunc = unix.Setns

func enterTyped(fd int) error { // want enterTyped:`switches the thread's network namespace` enterTyped:`starts a process: \(\*exec\.Cmd\)\.Run`
	if err := typedSetns(fd, unix.CLONE_NEWNET); err != nil { // want `^unix.Setns switches the network namespace of one thread`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// A function literal that is a field's only value is a wrapper, named by
// the field.
type joiner struct{ join func(fd int) error }

var netJoiner = joiner{join: func(fd int) error { return unix.Setns(fd, unix.CLONE_NEWNET) }}

func enterJoiner(fd int) error { // want enterJoiner:`starts a process: \(\*exec\.Cmd\)\.Run` enterJoiner:`switches the thread's network namespace`
	if err := netJoiner.join(fd); err != nil { // want `^call of seams.joiner.join switches the network namespace of one thread`
		return err
	}
	return exec.Command("ip", "link").Run()
}

package prctlwrap // want package:"changes per-thread state"

// A library shaped as github.com/moby/sys/capability@v0.5.0
// (syscall_linux.go, capability_linux.go): prctl wrappers that take the
// option as a parameter, called with the package's own constants, which
// the syscall package's frozen tables lack. Its exported functions leave
// locking to their callers.

import "syscall"

// not yet in syscall
const (
	pr_CAP_AMBIENT           = 47
	pr_CAP_AMBIENT_IS_SET    = uintptr(1)
	pr_CAP_AMBIENT_RAISE     = uintptr(2)
	pr_CAP_AMBIENT_LOWER     = uintptr(3)
	pr_CAP_AMBIENT_CLEAR_ALL = uintptr(4)
)

func prctl(option int, arg2, arg3 uintptr) (err error) {
	_, _, e1 := syscall.RawSyscall(syscall.SYS_PRCTL, uintptr(option), arg2, arg3) // ok: its callers give the option
	if e1 != 0 {
		err = e1
	}
	return
}

func prctlRetInt(option int, arg2, arg3 uintptr) (int, error) {
	ret, _, err := syscall.RawSyscall(syscall.SYS_PRCTL, uintptr(option), arg2, arg3) // ok: its callers give the option
	if err != 0 {
		return 0, err
	}
	return int(ret), nil
}

type Cap int

func getAmbient(c Cap) (bool, error) {
	res, err := prctlRetInt(pr_CAP_AMBIENT, pr_CAP_AMBIENT_IS_SET, uintptr(c)) // ok: a query
	if err != nil {
		return false, err
	}
	return res > 0, nil
}

func setAmbient(raise bool, caps ...Cap) error {
	op := pr_CAP_AMBIENT_RAISE
	if !raise {
		op = pr_CAP_AMBIENT_LOWER
	}
	for _, val := range caps {
		err := prctl(pr_CAP_AMBIENT, op, uintptr(val)) // ok: its exported callers' callers decide
		if err != nil {
			return err
		}
	}
	return nil
}

func resetAmbient() error {
	return prctl(pr_CAP_AMBIENT, pr_CAP_AMBIENT_CLEAR_ALL, 0) // ok: its exported callers' callers decide
}

func getBound(c Cap) (bool, error) {
	res, err := prctlRetInt(syscall.PR_CAPBSET_READ, uintptr(c), 0) // ok: a query
	if err != nil {
		return false, err
	}
	return res > 0, nil
}

func dropBound(caps ...Cap) error {
	for _, val := range caps {
		err := prctl(syscall.PR_CAPBSET_DROP, uintptr(val), 0) // ok: its exported callers' callers decide
		if err != nil {
			return err
		}
	}
	return nil
}

// Raise raises ambient capabilities of the calling thread.
func Raise(caps ...Cap) error { // want Raise:`changes per-thread state`
	return setAmbient(true, caps...)
}

// Reset clears them.
func Reset() error { // want Reset:`changes per-thread state`
	return resetAmbient()
}

// Drop drops from the bounding set.
func Drop(caps ...Cap) error { // want Drop:`changes per-thread state`
	return dropBound(caps...)
}

// IsAmbient and IsBound only ask.
func IsAmbient(c Cap) (bool, error) { return getAmbient(c) }

func IsBound(c Cap) (bool, error) { return getBound(c) }

// Name sets the thread's name: not an attribute forkcheck judges.
func Name() error {
	return prctl(syscall.PR_SET_NAME, 0, 0) // ok: not a judged option
}

// Capabilities is implemented by caps, whose Apply calls the helpers that
// Raise and Reset call too, as capsV3.Apply and SetAmbient do.
type Capabilities interface {
	Apply() error // want Apply:`changes per-thread state`
}

type caps struct{ ambient []Cap }

// New returns the capabilities to apply.
func New(ambient ...Cap) Capabilities { return &caps{ambient: ambient} }

func (c *caps) Apply() error { // want Apply:`changes per-thread state`
	if err := resetAmbient(); err != nil {
		return err
	}
	return setAmbient(true, c.ambient...)
}

package wrapvalue // want package:"forks"

// A wrapper called only through a function value: the package has no
// other call that may fork.

import "syscall"

type sys struct{ fd uintptr }

func (s *sys) raw(nr uintptr) uintptr {
	r, _, _ := syscall.RawSyscall(nr, s.fd, 0, 0)
	return r
}

func run(call func(uintptr) uintptr) { // want run:`forks: \(\*sys\).raw\(SYS_FORK\)`
	call(syscall.SYS_GETPID) // ok: a parameter of function type, not followed
	raw := (&sys{}).raw
	raw(syscall.SYS_FORK) // want `\(\*sys\).raw\(SYS_FORK\) forks without exec`
}

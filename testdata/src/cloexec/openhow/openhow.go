package openhow

// openat2(2) takes its flags in a struct: unix.OpenHow's Flags, as
// path-resolution libraries and container runtimes spell it.

import "golang.org/x/sys/unix"

func path(dir int, name string) (int, error) {
	return unix.Openat2(dir, name, &unix.OpenHow{Flags: unix.O_PATH}) // want `^unix.Openat2 creates a descriptor without O_CLOEXEC: a process started meanwhile inherits it$`
}

func inRoot(dir int, name string) (int, error) {
	return unix.Openat2(dir, name, &unix.OpenHow{Resolve: unix.RESOLVE_IN_ROOT}) // want `^unix.Openat2 creates a descriptor without O_CLOEXEC`
}

func empty(dir int, name string) (int, error) {
	return unix.Openat2(dir, name, &unix.OpenHow{}) // want `^unix.Openat2 creates a descriptor without O_CLOEXEC`
}

func cloexec(dir int, name string) (int, error) {
	return unix.Openat2(dir, name, &unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC, Resolve: unix.RESOLVE_IN_ROOT}) // ok
}

func variable(dir int, name string, nofollow bool) (int, error) {
	flags := unix.O_PATH | unix.O_DIRECTORY
	if nofollow {
		flags |= unix.O_NOFOLLOW
	}
	how := unix.OpenHow{Flags: uint64(flags), Resolve: unix.RESOLVE_NO_SYMLINKS}
	return unix.Openat2(dir, name, &how) // want `^unix.Openat2 creates a descriptor without O_CLOEXEC`
}

func variableCloexec(dir int, name string) (int, error) {
	var how unix.OpenHow
	how.Flags = unix.O_PATH | unix.O_CLOEXEC
	return unix.Openat2(dir, name, &how) // ok
}

func fromCaller(dir int, name string, flags uint64) (int, error) {
	return unix.Openat2(dir, name, &unix.OpenHow{Flags: flags | unix.O_CLOEXEC}) // ok
}

func unknown(dir int, name string, flags uint64) (int, error) {
	return unix.Openat2(dir, name, &unix.OpenHow{Flags: flags}) // ok: the flags are unknown here
}

func grown(dir int, name string) (int, error) {
	how := &unix.OpenHow{Flags: unix.O_PATH}
	how.Flags |= unix.O_CLOEXEC
	return unix.Openat2(dir, name, how) // ok: stored twice, not judged
}

func given(dir int, name string, how *unix.OpenHow) (int, error) {
	return unix.Openat2(dir, name, how) // ok: the caller's struct
}

package mid // want package:"passes flags to descriptor creators"

// mid wraps the wrappers again: its exported wrapper carries the
// fact on to its importers.

import "cloexec/sysdep/linux"

// OpenFile passes its flags on.
func OpenFile(name string, flags int) (int, error) { // want OpenFile:"passes argument 1 as the flags of unix.Open"
	return linux.Open(name, flags, 0o644) // ok: the importer's flags
}

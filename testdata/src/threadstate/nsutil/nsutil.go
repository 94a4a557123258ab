package nsutil // want package:"switches threads"

import "threadstate/netns"

// Join switches into the namespace at path: a wrapper of a wrapper of
// another package, whose fact its importers see without importing netns.
func Join(ns netns.NsHandle) error { // want Join:"switches the thread's network namespace"
	return netns.Enter(ns)
}

// Handle converts a descriptor.
func Handle(fd int) netns.NsHandle { return netns.NsHandle(fd) }

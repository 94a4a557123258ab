// Package seams holds descriptor creators in package-level variables, a
// seam for tests (ascend-docker-runtime's unixOpen = unix.Open "to support
// ut test"), and calls them from a file that imports no system call
// package.
package seams

import "golang.org/x/sys/unix"

var (
	unixOpen = unix.Open
	pipe2    func(p []int, flags int) error
	socket   = func(domain, typ, proto int) (int, error) { return 0, nil } // replaced in init
)

func init() {
	pipe2 = unix.Pipe2
	socket = unix.Socket
}

package unixlib

// The same through golang.org/x/sys/unix, with the flags of its own.

import "golang.org/x/sys/unix"

func create(fd int) {
	var p [2]int
	unix.Pipe(p[:])                                  // want `^unix.Pipe creates descriptors without close-on-exec`
	unix.Open("/x", unix.O_RDONLY, 0)                // want `^unix.Open creates a descriptor without O_CLOEXEC`
	unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)   // want `^unix.Socket creates a descriptor without SOCK_CLOEXEC`
	unix.Accept(fd)                                  // want `^unix.Accept creates a descriptor without close-on-exec`
	unix.Dup2(fd, 2)                                 // ok: onto stderr
	unix.Dup2(fd, 7)                                 // want `^unix.Dup2 creates a descriptor without close-on-exec`
	unix.EpollCreate(4)                              // want `^unix.EpollCreate creates a descriptor without close-on-exec`
	unix.InotifyInit()                               // want `^unix.InotifyInit creates a descriptor without close-on-exec`
	unix.Eventfd(0, 0)                               // want `^unix.Eventfd creates a descriptor without EFD_CLOEXEC`
	unix.Eventfd(0, unix.EFD_CLOEXEC)                // ok
	unix.MemfdCreate("buf", 0)                       // want `^unix.MemfdCreate creates a descriptor without MFD_CLOEXEC`
	unix.MemfdCreate("buf", unix.MFD_CLOEXEC)        // ok
	unix.Open("/x", unix.O_RDONLY|unix.O_CLOEXEC, 0) // ok
}

func more(mount int) {
	unix.Creat("/x", 0o644)                                      // want `^unix.Creat creates a descriptor without close-on-exec`
	unix.OpenByHandleAt(mount, unix.FileHandle{}, unix.O_RDONLY) // want `^unix.OpenByHandleAt creates a descriptor without O_CLOEXEC`
}

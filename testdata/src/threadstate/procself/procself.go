package procself // want package:"ends threads"

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sys/unix"
)

// current opens the namespace it switched to, by the wrong name.
func current(target int) (*os.File, error) { // want current:`may end a locked thread` current:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil, err
	}
	return os.Open("/proc/self/ns/net") // want `/proc/self/ns/net names the namespaces of the main thread, not of this thread, which may be switched to another network namespace: use /proc/thread-self/ns/`
}

// before opens it before any switch.
func before() (*os.File, error) {
	return os.Open("/proc/self/ns/net") // ok: nothing switched yet
}

// joined builds the path with filepath.Join.
func joined(target int, kind string) (*os.File, error) { // want joined:`may end a locked thread` joined:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil, err
	}
	return os.Open(filepath.Join("/proc/self/ns", kind)) // want `/proc/self/ns names the namespaces of the main thread`
}

// formatted builds it with fmt.Sprintf.
func formatted(target int, kind string) (*os.File, error) { // want formatted:`may end a locked thread` formatted:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil, err
	}
	return os.Open(fmt.Sprintf("/proc/self/ns/%s", kind)) // want `/proc/self/ns/%s names the namespaces of the main thread`
}

// byPID formats the process ID in: the main thread's namespaces too.
func byPID(target int) (*os.File, error) { // want byPID:`may end a locked thread` byPID:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil, err
	}
	return os.Open(fmt.Sprintf("/proc/%d/ns/net", os.Getpid())) // want `^/proc/%d/ns/net of the process ID names the namespaces of the main thread, not of this thread, which may be switched to another network namespace: use /proc/thread-self/ns/$`
}

// byTID names the thread: right.
func byTID(target int) (*os.File, error) { // want byTID:`may end a locked thread` byTID:`leaves the thread locked`
	runtime.LockOSThread()
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		return nil, err
	}
	return os.Open(fmt.Sprintf("/proc/%d/task/%d/ns/net", os.Getpid(), unix.Gettid())) // ok
}

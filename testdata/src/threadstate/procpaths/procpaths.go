package procpaths // want package:"ends threads"

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// selfNetNS names the main thread's namespace: a package constant.
const selfNetNS = "/proc/self/ns/net"

// selfNS is a package variable that holds one.
var selfNS = "/proc/self/ns/net"

// threadNS names this thread's.
const threadNS = "/proc/thread-self/ns/net"

// inNetNS runs f in a goroutine locked to its thread, switched to the
// network namespace fd: the shape of a dedicated goroutine.
func inNetNS(fd int, f func() error) error { // want inNetNS:`may end a locked thread` inNetNS:`runs f with the thread switched to another network namespace`
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- err
			return
		}
		errc <- f()
	}()
	return <-errc
}

// concat builds the path of the process' own directory by concatenation.
func concat(fd int) { // want concat:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.Readlink("/proc/" + strconv.Itoa(os.Getpid()) + "/ns/net") // want `names the namespaces of the main thread`
	}()
}

// joinedPID joins the process ID in, as cri-o's tests and others do.
func joinedPID(fd int, nsType string) { // want joinedPID:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.Readlink(filepath.Join("/proc", strconv.Itoa(os.Getpid()), "ns", nsType)) // want `names the namespaces of the main thread`
	}()
}

// pathJoin uses package path, the pid in a local variable.
func pathJoin(fd int) { // want pathJoin:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		pid := os.Getpid()
		p := path.Join("/proc", strconv.Itoa(pid), "ns/net")
		os.Readlink(p) // want `names the namespaces of the main thread`
	}()
}

// formattedKind formats both the process ID and the kind in.
func formattedKind(fd int, nsType string) { // want formattedKind:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.Readlink(fmt.Sprintf("/proc/%d/ns/%s", syscall.Getpid(), nsType)) // want `names the namespaces of the main thread`
	}()
}

// pidVar formats a process ID held in a local variable, of unix.Getpid.
func pidVar(fd int) { // want pidVar:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		pid := unix.Getpid()
		nsPath := fmt.Sprintf("/proc/%d/ns/net", pid)
		os.Readlink(nsPath) // want `names the namespaces of the main thread`
	}()
}

// constant opens the package constant.
func constant(fd int) { // want constant:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.Open(selfNetNS) // want `names the namespaces of the main thread`
	}()
}

// variable opens the package variable.
func variable(fd int) { // want variable:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.Open(selfNS) // want `names the namespaces of the main thread`
	}()
}

// local holds the literal in a local variable.
func local(fd int) { // want local:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		p := "/proc/self/ns/net"
		os.Open(p) // want `names the namespaces of the main thread`
	}()
}

// procNet reads the network statistics after the switch: /proc/net is
// /proc/self/net, the main thread's network namespace (proc(5)).
func procNet(fd int) { // want procNet:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.ReadFile("/proc/net/dev")             // want `/proc/net/dev names the network namespace of the main thread`
		os.ReadFile("/proc/self/net/if_inet6")   // want `/proc/self/net/if_inet6 names the network namespace of the main thread`
		os.ReadFile("/proc/thread-self/net/dev") // ok: this thread's
	}()
}

// procNetOtherKind reads /proc/net after a switch of the UTS namespace
// only: the network namespace is the main thread's anyway.
func procNetOtherKind() { // want procNetOtherKind:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Unshare(unix.CLONE_NEWUTS); err != nil {
			return
		}
		os.ReadFile("/proc/net/dev") // ok: the network namespace is not switched
	}()
}

// mountInfo reads the mount table after a switch of the mount namespace,
// as moby/sys/mountinfo avoids by /proc/thread-self/mountinfo.
func mountInfo(fd int) { // want mountInfo:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNS); err != nil {
			return
		}
		os.Open("/proc/self/mountinfo")                                          // want `/proc/self/mountinfo names the mount namespace of the main thread`
		os.Open("/proc/" + strconv.Itoa(os.Getpid()) + "/mountinfo")             // want `names the mount namespace of the main thread`
		os.Open("/proc/thread-self/mountinfo")                                   // ok: this thread's
		os.Open("/proc/self/task/" + strconv.Itoa(unix.Gettid()) + "/mountinfo") // ok: this thread's, as moby/sys/mountinfo's fallback
		os.ReadFile("/proc/net/dev")                                             // ok: the network namespace is not switched
	}()
}

// safe names this thread's namespaces, every way.
func safe(fd int, nsType string) { // want safe:`may end a locked thread`
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return
		}
		os.Open(threadNS)                                                                                            // ok: this thread's
		os.Open("/proc/thread-self/ns/" + nsType)                                                                    // ok
		os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()))                                             // ok: the thread by its ID
		os.Open(filepath.Join("/proc", strconv.Itoa(os.Getpid()), "task", strconv.Itoa(unix.Gettid()), "ns", "net")) // ok
		os.Open("/proc/" + strconv.Itoa(unix.Gettid()) + "/ns/net")                                                  // ok: the thread's own directory
		tid := syscall.Gettid()
		os.Open(fmt.Sprintf("/proc/%d/ns/net", tid))         // ok: the thread's own directory
		os.Open(filepath.Join("/proc", nsType, "ns", "net")) // ok: not known to be the process ID
		p := "/proc"
		for _, part := range []string{"thread-self", "ns", "net"} {
			p += "/" + part
		}
		os.Open(p) // ok: built in a loop, not known
	}()
}

// before reads them before any switch.
func before() {
	os.Open("/proc/" + strconv.Itoa(os.Getpid()) + "/ns/net") // ok: nothing switched yet
	os.Open(selfNetNS)                                        // ok: nothing switched yet
	os.ReadFile("/proc/net/dev")                              // ok
	os.Open("/proc/self/mountinfo")                           // ok
}

// inNetNSOf is the generic form of inNetNS, as istio's runInHost[T any].
func inNetNSOf[T any](fd int, f func() (T, error)) (T, error) { // want inNetNSOf:`may end a locked thread` inNetNSOf:`runs f with the thread switched to another network namespace`
	var v T
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- err
			return
		}
		var err error
		v, err = f()
		errc <- err
	}()
	err := <-errc
	return v, err
}

// callbacks open paths in functions that inNetNS and inNetNSOf run switched.
func callbacks(fd int) { // want callbacks:`may end a locked thread`
	inNetNS(fd, func() error {
		_, err := os.Open("/proc/self/ns/net") // want `/proc/self/ns/net names the namespaces of the main thread`
		return err
	})
	inNetNSOf(fd, func() (int, error) {
		_, err := os.Open("/proc/self/ns/net") // want `/proc/self/ns/net names the namespaces of the main thread`
		return 0, err
	})
}

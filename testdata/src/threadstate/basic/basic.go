package basic // want package:"starts processes; ends threads"

import (
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// inNetns: the goroutine may run the command on another thread, in the
// host's namespace.
func inNetns(fd int) error { // want inNetns:`starts a process: \(\*exec\.Cmd\)\.Run` inNetns:`switches the thread's network namespace`
	if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil { // want `unix.Setns switches the network namespace of one thread from a goroutine not locked to it: the goroutine can go on in another thread, and others can run in the switched one`
		return err
	}
	return exec.Command("ip", "link").Run()
}

// runInNetns: a dedicated goroutine locks its thread, switches, works, and
// exits without unlocking.
func runInNetns(fd int, f func() error) error { // want runInNetns:`may end a locked thread` runInNetns:`runs f with the thread switched to another network namespace`
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil { // ok: locked for good
			errc <- err
			return
		}
		errc <- f()
	}()
	return <-errc
}

// unshareMounts unshares the mount namespace of an unlocked goroutine.
func unshareMounts() error { // want unshareMounts:`switches the thread's namespaces`
	if err := syscall.Unshare(syscall.CLONE_NEWNS | syscall.CLONE_FS); err != nil { // want `syscall.Unshare switches the namespaces of one thread`
		return err
	}
	return syscall.Mount("none", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, "")
}

// variable flags resolved through locals.
func variable(fd int, mount bool) error { // want variable:`starts a process: \(\*exec\.Cmd\)\.Run` variable:`switches the thread's namespaces`
	kind := unix.CLONE_NEWNET
	if mount {
		kind = unix.CLONE_NEWNS
	}
	if err := unix.Setns(fd, kind); err != nil { // want `unix.Setns switches the namespaces of one thread`
		return err
	}
	return exec.Command("mount").Run()
}

// raw makes the system call by number.
func raw(fd int) { // want raw:`starts a process: \(\*exec\.Cmd\)\.Run` raw:`switches the thread's UTS namespace`
	unix.RawSyscall(unix.SYS_SETNS, uintptr(fd), unix.CLONE_NEWUTS, 0) // want `unix.RawSyscall\(SYS_SETNS\) switches the UTS namespace`
	exec.Command("hostname").Run()
}

// rawSyscallPkg makes the system call through the syscall package, whose
// table has no SYS_SETNS on linux/amd64, with x/sys/unix's number.
func rawSyscallPkg(fd int) { // want rawSyscallPkg:`starts a process: \(\*exec\.Cmd\)\.Run` rawSyscallPkg:`switches the thread's network namespace`
	syscall.RawSyscall(unix.SYS_SETNS, uintptr(fd), syscall.CLONE_NEWNET, 0) // want `syscall.RawSyscall\(SYS_SETNS\) switches the network namespace`
	exec.Command("ip", "link").Run()
}

// userns never works in a Go program, locked or not.
func userns() error { // want userns:`may end a locked thread` userns:`leaves the thread locked`
	runtime.LockOSThread()
	return unix.Unshare(unix.CLONE_NEWUSER) // want `unix.Unshare asks for a user namespace, which fails with EINVAL in a multithreaded process such as every Go program: set SysProcAttr.Cloneflags or Unshareflags of a re-executed child instead`
}

// userSetns joins a user namespace.
func userSetns(fd int) error { // want userSetns:`may end a locked thread` userSetns:`leaves the thread locked`
	runtime.LockOSThread()
	return unix.Setns(fd, unix.CLONE_NEWUSER) // want `unix.Setns asks for a user namespace`
}

// spawn does it the right way: the child unshares as it starts.
func spawn() error { // want spawn:`starts a process: \(\*exec\.Cmd\)\.Run`
	cmd := exec.Command("/proc/self/exe", "child")
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS} // ok: in the child
	return cmd.Run()
}

// notThreadScoped: a flag that changes nothing of the thread's.
func notThreadScoped() error {
	return unix.Unshare(unix.CLONE_SYSVSEM &^ unix.CLONE_SYSVSEM) // ok: no flag at all, a no-op
}

// builtFlags grows the unshare flags in a variable.
func builtFlags(mounts bool) error { // want builtFlags:`switches the thread's namespaces` builtFlags:`starts a process: \(\*exec\.Cmd\)\.Run`
	flags := unix.CLONE_NEWNET
	if mounts {
		flags |= unix.CLONE_NEWNS
	}
	if err := unix.Unshare(flags); err != nil { // want `unix.Unshare switches the namespaces of one thread`
		return err
	}
	return exec.Command("ip", "link").Run()
}

package creators

// The descriptor creators beyond open, pipe and socket, spelled as event
// loops, container runtimes and tracers spell them.

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func timers() {
	unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK)                  // want `^unix.TimerfdCreate creates a descriptor without TFD_CLOEXEC: a process started meanwhile inherits it$`
	unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC) // ok
}

func signals(fd int, mask *unix.Sigset_t) {
	unix.Signalfd(-1, mask, unix.SFD_NONBLOCK)                  // want `^unix.Signalfd creates a descriptor without SFD_CLOEXEC`
	unix.Signalfd(-1, mask, unix.SFD_NONBLOCK|unix.SFD_CLOEXEC) // ok
	unix.Signalfd(fd, mask, 0)                                  // ok: changes the mask of fd, creates nothing
}

func fanotify() {
	unix.FanotifyInit(unix.FAN_CLASS_NOTIF|unix.FAN_NONBLOCK, unix.O_RDONLY)                  // want `^unix.FanotifyInit creates a descriptor without FAN_CLOEXEC`
	unix.FanotifyInit(unix.FAN_CLASS_NOTIF|unix.FAN_CLOEXEC|unix.FAN_NONBLOCK, unix.O_RDONLY) // ok
}

func perf(attr *unix.PerfEventAttr, pid int) {
	unix.PerfEventOpen(attr, pid, -1, -1, 0)                         // want `^unix.PerfEventOpen creates a descriptor without PERF_FLAG_FD_CLOEXEC`
	unix.PerfEventOpen(attr, pid, -1, -1, unix.PERF_FLAG_FD_CLOEXEC) // ok
}

func mounts(dir int, path string) {
	unix.OpenTree(dir, path, unix.OPEN_TREE_CLONE|unix.AT_RECURSIVE)                        // want `^unix.OpenTree creates a descriptor without OPEN_TREE_CLOEXEC`
	unix.OpenTree(dir, path, unix.OPEN_TREE_CLONE|unix.AT_RECURSIVE|unix.OPEN_TREE_CLOEXEC) // ok
	fs, _ := unix.Fsopen("tmpfs", 0)                                                        // want `^unix.Fsopen creates a descriptor without FSOPEN_CLOEXEC`
	unix.Fsopen("tmpfs", unix.FSOPEN_CLOEXEC)                                               // ok
	unix.Fsmount(fs, 0, 0)                                                                  // want `^unix.Fsmount creates a descriptor without FSMOUNT_CLOEXEC`
	unix.Fsmount(fs, unix.FSMOUNT_CLOEXEC, 0)                                               // ok
	unix.Fspick(dir, path, 0)                                                               // want `^unix.Fspick creates a descriptor without FSPICK_CLOEXEC`
	unix.Fspick(dir, path, unix.FSPICK_CLOEXEC)                                             // ok
}

func duplicates(fd int, cmd int) {
	unix.FcntlInt(uintptr(fd), unix.F_DUPFD, 3)         // want `^unix.FcntlInt creates a descriptor without close-on-exec`
	unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 3) // ok
	unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)         // ok: creates nothing
	unix.FcntlInt(uintptr(fd), cmd, 0)                  // ok: the command is unknown here
}

func pidfds(pid, pidfd, target int) {
	unix.PidfdOpen(pid, 0)                   // ok: always close-on-exec (pidfd_open(2))
	unix.PidfdGetfd(pidfd, target, 0)        // ok: always close-on-exec (pidfd_getfd(2))
	syscall.InotifyInit1(syscall.IN_CLOEXEC) // ok
}

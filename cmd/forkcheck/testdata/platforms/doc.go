// Package platforms is the module of the platform sweep
// (TestPlatformModels, corpus/platforms.sh): on each platform, what
// forkcheck must find follows from its process model. aix, solaris and
// illumos reach system calls through libc: their syscall package has no
// RawSyscall, and no file here forks there.
package platforms

package b // want package:"forks"

// The middle of the chain: it forks only through c. Its facts must carry
// c's primitive on, because under go vet a's analysis sees only b's facts.

import "rawfork/chain/c"

func Wrap() { // want Wrap:`^forks: c.Fork -> syscall.RawSyscall\(SYS_FORK\)$`
	c.Fork() // want `^call of c.Fork forks without exec: the child can deadlock on a lock held by another thread; re-execute the program with os/exec instead$`
}

func viaMethod(d *c.Daemon) { // want viaMethod:`^forks: \(\*c.Daemon\).Start -> syscall.RawSyscall\(SYS_FORK\)$`
	d.Start() // want `^call of \(\*c.Daemon\).Start forks without exec`
}

func viaGeneric() { // want viaGeneric:`^forks: c.ForkAll -> syscall.RawSyscall\(SYS_FORK\)$`
	c.ForkAll([]string{"x"}) // want `^call of c.ForkAll forks without exec`
}

func Quiet() int {
	return c.Pid() // ok: no fork behind it
}

package again // want package:"forks"

// Nothing but a call of a function that carries a fact of another package
// makes this package fork: a driver that loads dependencies from export
// data must still load it from source (analyzer.DependencyMatters).

import "rawfork/chain/b"

func Again() { // want Again:`^forks: b.Wrap -> c.Fork -> syscall.RawSyscall\(SYS_FORK\)$`
	b.Wrap() // want `^call of b.Wrap forks without exec`
}

package returned

import "syscall"

// containerdSysProcAttr returns the attributes to start containerd with.
func containerdSysProcAttr() *syscall.SysProcAttr { // want containerdSysProcAttr:`returns attributes with Pdeathsig set`
	return &syscall.SysProcAttr{
		Setsid:    true,
		Pdeathsig: syscall.SIGKILL,
	}
}

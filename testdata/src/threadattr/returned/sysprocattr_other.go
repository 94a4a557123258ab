//go:build !linux

package returned

import "syscall"

func containerdSysProcAttr() *syscall.SysProcAttr {
	return nil
}

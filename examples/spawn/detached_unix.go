//go:build unix

package main

import "syscall"

// detached returns the attributes of a child in a session of its own.
func detached() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setsid: true}
}

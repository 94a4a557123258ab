package endslib // want package:"ends threads"

import "runtime"

// InNamespace runs f on a thread that it then throws away, as network
// namespace code does.
func InNamespace(f func()) { // want InNamespace:`may end a locked thread` InNamespace:`starts a goroutine that locks its thread: go statement`
	done := make(chan bool)
	go func() {
		runtime.LockOSThread()
		f()
		done <- true
	}()
	<-done
}

package endslib // want package:"ends locked threads"

import "runtime"

// InNamespace runs f on a thread that it then throws away, as network
// namespace code does.
func InNamespace(f func()) {
	done := make(chan bool)
	go func() {
		runtime.LockOSThread()
		f()
		done <- true
	}()
	<-done
}

package lib // want package:"ends threads; starts goroutines"

// A library whose exported functions start goroutines, as an agent's
// metrics server or event watcher does; its goroutineFacts tell its
// importers.

import (
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

type Server struct{ done chan struct{} }

func (s *Server) serve() { <-s.done }

// Start serves in a goroutine of its own.
func (s *Server) Start() { // want Start:"starts a goroutine: go statement"
	go s.serve()
}

// Watch asks for signals only: os/signal's loop runs no code of the
// program.
func Watch() chan os.Signal { // want Watch:"starts a goroutine: signal.Notify"
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	return ch
}

// Do runs f in a goroutine locked to its thread, which it switches
// itself, as the CNI plugins' ns.Do does.
func Do(f func()) { // want Do:"starts a goroutine that locks its thread: go statement" Do:`may end a locked thread`
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		f()
		close(done)
	}()
	<-done
}

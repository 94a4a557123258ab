package lib // want package:"starts goroutines"

// A library whose exported functions start goroutines that outlive them,
// in the ways daemons and agents spell it: a worker pool, a reaper on a
// timer, a signal handler. Its facts say so to its importers; its
// unexported functions need none (nothing else can call them).

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

type Pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

func (p *Pool) loop() {
	for job := range p.jobs {
		job()
	}
}

func StartWorkers(n int) *Pool { // want StartWorkers:"starts a goroutine: go statement"
	p := &Pool{jobs: make(chan func())}
	for range n {
		go p.loop()
	}
	return p
}

func (p *Pool) Start() { // want Start:`starts a goroutine: \(\*sync.WaitGroup\).Go`
	p.wg.Go(p.loop)
}

func (p *Pool) Wait() { p.wg.Wait() }

func reap() {}

func StartReaper() *time.Timer { // want StartReaper:"starts a goroutine: time.AfterFunc"
	return time.AfterFunc(time.Minute, reap)
}

func HandleSignals() chan os.Signal { // want HandleSignals:"starts a goroutine: signal.Notify"
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
	return ch
}

func helper() {
	go reap()
}

func ThroughHelper() { // want ThroughHelper:"starts a goroutine: go statement"
	helper()
}

func Compute() int { // ok: starts nothing
	return 42
}

func Deferred() *time.Timer {
	return time.NewTimer(time.Second) // ok: a timer starts no goroutine
}

// Bare refers to no object: only its go statement says that it starts one.
func Bare() { // want Bare:"starts a goroutine: go statement"
	go func() {}()
}

// Ping and pong call each other; only pong starts a goroutine.
func Ping(n int) { // want Ping:"starts a goroutine: go statement"
	if n > 0 {
		pong(n - 1)
	}
}

func pong(n int) {
	if n == 0 {
		go reap()
		return
	}
	Ping(n)
}

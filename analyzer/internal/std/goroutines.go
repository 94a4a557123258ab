package std

import "strings"

// GoroutineStarters are the functions of the standard library whose call
// starts a goroutine that may still run after it returns, as a go
// statement does, by full name, with the index among the call's arguments
// (the receiver not counted) of the function that runs in that goroutine,
// or -1. Each was read in $GOROOT/src (Go 1.26):
//
//   - sync.WaitGroup.Go (Go 1.25, sync/waitgroup.go) runs f in
//     "go func() { defer wg.Done(); f() }()";
//   - time.AfterFunc (time/sleep.go) makes a timer whose function, goFunc,
//     runs f with "go arg.(func())()" when the timer fires;
//   - context.AfterFunc (context/context.go) runs f with "go a.f()" once
//     the context is done;
//   - os/signal.Notify (os/signal/signal.go) starts, on its first call with
//     a signal, "go watchSignalLoop()", which never returns;
//     os/signal.NotifyContext calls Notify and starts a goroutine that
//     waits for the context;
//   - golang.org/x/sync/errgroup's Group.Go and TryGo (errgroup.go, read in
//     the module cache at v0.16.0), not the standard library's but as
//     common, run f in "go func() { defer g.done(); ... f() ... }()"
//     (TryGo when it returns true). A fact would say that they start a
//     goroutine; the table also says that f runs in it.
//
// Left out: the goroutines that packages start for their own work, only
// on some calls, and that the program stops through what the call returns
// (net/http's connections, database/sql's connection opener, os/exec's
// copying of standard streams), and the runtime's own goroutines (the
// finalizer, the garbage collector's workers), which every program has.
var GoroutineStarters = map[string]int{
	"(*sync.WaitGroup).Go":                      0,
	"time.AfterFunc":                            1,
	"context.AfterFunc":                         1,
	"os/signal.Notify":                          -1,
	"os/signal.NotifyContext":                   -1,
	"(*golang.org/x/sync/errgroup.Group).Go":    0,
	"(*golang.org/x/sync/errgroup.Group).TryGo": 0,
}

// CallsArgument are the functions of the standard library that may call
// the function they are given before they return, in the calling
// goroutine, by full name, with the index of that argument among the
// call's arguments (the receiver not counted): sync.Once.Do calls f on
// the first call (sync/once.go, doSlow).
var CallsArgument = map[string]int{
	"(*sync.Once).Do": 0,
}

// GoroutineStarter returns the entry of GoroutineStarters for the function
// of full name fullName, vendored or not.
func GoroutineStarter(fullName string) (arg int, ok bool) {
	if i := strings.LastIndex(fullName, "/vendor/"); i >= 0 {
		prefix := ""
		if strings.HasPrefix(fullName, "(*") {
			prefix = "(*"
		}
		fullName = prefix + fullName[i+len("/vendor/"):]
	}
	arg, ok = GoroutineStarters[fullName]
	return arg, ok
}

package c // want package:"starts goroutines"

// The bottom of a chain of three packages: under go vet, a sees b's facts
// only, so b must carry c's goroutine on in a fact of its own.

import "sync"

func Serve(wg *sync.WaitGroup, f func()) { // want Serve:`starts a goroutine: \(\*sync.WaitGroup\).Go`
	wg.Go(f)
}

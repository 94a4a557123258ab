package b // want package:"starts goroutines"

import (
	"sync"

	"rawfork/starters/chain/c"
)

var wg sync.WaitGroup

func Run() { // want Run:"starts a goroutine: c.Serve"
	c.Serve(&wg, func() {})
}

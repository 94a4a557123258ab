package pruneunexported

// Only an unexported function, which no exported one reaches, leaves a
// mutex locked: the package has no lockFact another package can read, and
// says so in its package fact, whether hold's body is built or not
// (TestPartialSSA).

import "sync"

var mu sync.Mutex

func hold() { mu.Lock() }

var _ = hold

package analyzer

// SetPruneBodies sets whether the SSA phase may leave out the bodies that
// the lock analysis cannot need, and returns the number of bodies left out
// so far.
func SetPruneBodies(on bool) int64 {
	keepBodies.Store(!on)
	return prunedBodies.Load()
}

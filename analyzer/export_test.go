package analyzer

// SetWholeSSA sets whether the SSA phase builds the whole SSA form (every
// import whole, every body), and returns the number of bodies left out so
// far.
func SetWholeSSA(on bool) int64 {
	wholeSSA.Store(on)
	return prunedBodies.Load()
}

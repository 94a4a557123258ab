package fork // want package:"forks"

// A file without cgo: go list puts it first, so the package fact is
// expected here.

func Pure() {}

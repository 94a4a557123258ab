package b

// detachers makes b a package with test files: the test variant of b must
// not repeat its findings. ok: function values are not followed.
var detachers = []func() uintptr{Detach, DetachLocked}

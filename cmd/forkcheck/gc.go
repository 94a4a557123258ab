package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
)

// vetGCFloor is the heap size, in bytes, below which a go vet run of the
// tool collects no garbage (see setGCFloor). Chosen by measurement: the
// tool run on each of containerd's 1,196 packages (dependencies, tests and
// the standard library), one after the other, cost in CPU seconds, and in
// the peak RSS of its largest run (k8s.io/api/core/v1), against the no-op
// vet tool's 50.8 s and 106 MiB:
//
//	no floor (GOGC=100)  55.3 s  113 MiB
//	32 MiB               46.8 s  113 MiB
//	64 MiB               42.9 s  106 MiB
//	96 MiB               42.5 s  108 MiB
//
// Most packages never reach 64 MiB, so their run collects nothing; a
// larger one collects from there on as GOGC says, and peaks as high as
// it would have anyway.
const vetGCFloor = 64 << 20

// isVetRun reports whether args are go vet's: flags (go vet passes -json
// and the user's), then one JSON configuration file, as unitchecker tells
// them after parsing the flags.
func isVetRun(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") &&
		!slices.ContainsFunc(args[:len(args)-1], func(arg string) bool { return !strings.HasPrefix(arg, "-") })
}

// setGCFloor makes the garbage collector wait until the heap holds about
// floor bytes before its first cycle, then collect as GOGC says: a go vet
// run analyzes one package and exits, and for most packages collecting
// costs time and frees memory that exiting frees anyway. It leaves the
// collector alone if the user set GOGC or GOMEMLIMIT.
//
// It turns the collector off but for a memory limit of floor (the runtime
// collects as the limit nears), and restores both once the first cycle
// has run: the cleanup of an object that is garbage from the start runs
// after the cycle that finds it.
func setGCFloor(floor int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return // the user's choice
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(floor)
	runtime.AddCleanup(new(gcSentinel), func(struct{}) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}, struct{}{})
}

// A gcSentinel is garbage as soon as it is made. It holds a pointer and is
// larger than 16 bytes, so that the runtime's tiny allocator, whose
// objects may never be cleaned up, does not place it.
type gcSentinel struct {
	_ *int
	_ [32]byte
}

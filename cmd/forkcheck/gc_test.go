package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// TestGCFloor checks that setGCFloor turns the collector off under a
// memory limit, and that the first collection restores GOGC and the limit.
func TestGCFloor(t *testing.T) {
	for args, want := range map[string]bool{
		"./...":                           false,
		"-json ./...":                     false,
		"./... x.cfg":                     false,
		"/tmp/b001/vet.cfg":               true,
		"-json /tmp/b001/vet.cfg":         true, // as go vet runs it
		"-json -strict /tmp/b001/vet.cfg": true,
	} {
		if got := isVetRun(strings.Fields(args)); got != want {
			t.Errorf("isVetRun(%s) = %v, want %v", args, got, want)
		}
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })

	setGCFloor(1 << 30)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Fatalf("memory limit after setGCFloor = %d, want %d", got, 1<<30)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GOGC after setGCFloor = %d, want -1 (off)", got)
	}
	runtime.GC()
	for deadline := time.Now().Add(time.Minute); debug.SetMemoryLimit(-1) != math.MaxInt64; {
		if time.Now().After(deadline) {
			t.Fatal("the first collection did not restore the memory limit")
		}
		runtime.GC() // the cleanup runs on its own goroutine, after a cycle
		time.Sleep(time.Millisecond)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC after the first collection = %d, want 100", got)
	}
}

// TestGCFloorUser checks that setGCFloor leaves GOGC set by the user alone.
func TestGCFloorUser(t *testing.T) {
	t.Setenv("GOGC", "50")
	limit := debug.SetMemoryLimit(-1)
	setGCFloor(1 << 30)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit with GOGC set = %d, want %d", got, limit)
	}
}

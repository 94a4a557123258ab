// Package clean has nothing for forkcheck to report.
package clean

// Fork is merely named fork: it creates no process. ok: not a fork
func Fork(tines int) []string {
	return make([]string, tines)
}

package main

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// TestVersionFromBuildInfo checks the version read from the build
// information: the module's, or the VCS revision of a development build.
func TestVersionFromBuildInfo(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, c := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{nil, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "v0.1.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", "ad62fef0123456789abcdef", "vcs.modified", "false")}, "devel ad62fef01234"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", "ad62fef0123456789abcdef", "vcs.modified", "true")}, "devel ad62fef01234+modified"},
	} {
		if got := version(c.info, c.info != nil); got != c.want {
			t.Errorf("version(%+v) = %q, want %q", c.info, got, c.want)
		}
	}
}

// TestVersionCommand runs forkcheck version and forkcheck -V=full. -V=full
// must print what go vet parses (cmd/go's toolID): "NAME version devel …
// buildID=ID" for a development build, where ID must change with the
// binary; here it is the executable's hash, which a copy with one more
// byte does not share.
func TestVersionCommand(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	dir := t.TempDir()
	if r := run(t, goEnv(""), dir, tl.bin, "version"); r.code != 0 || !regexp.MustCompile(`^forkcheck devel( [0-9a-f]+(\+modified)?)? go1\.\d+\S* \w+/\w+\n$`).MatchString(r.stdout) {
		t.Errorf("forkcheck version:\n%v", r)
	}
	exe, err := os.ReadFile(tl.bin)
	if err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(dir, filepath.Base(tl.bin))
	if err := os.WriteFile(changed, append(exe, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	for bin, content := range map[string][]byte{tl.bin: exe, changed: append(exe, 0)} {
		r := run(t, goEnv(""), dir, bin, "-V=full")
		want := fmt.Sprintf("buildID=%x\n", sha256.Sum256(content))
		if r.code != 0 || !strings.HasPrefix(r.stdout, "forkcheck version devel") || !strings.HasSuffix(r.stdout, " "+want) {
			t.Errorf("%s -V=full: want \"forkcheck version devel … %s\"\n%v", bin, want, r)
		}
	}
}

// TestDriverFlags checks that the command line check knows every flag
// that singlechecker does: those it prints for go vet with -flags (which
// go vet then passes through), and the ones it leaves out of that list.
// A flag missing here would be rejected before singlechecker sees it.
func TestDriverFlags(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	r := run(t, goEnv(""), t.TempDir(), tl.bin, "-flags")
	var listed []struct{ Name string }
	if err := json.Unmarshal([]byte(r.stdout), &listed); r.code != 0 || err != nil {
		t.Fatalf("forkcheck -flags: %v\n%v", err, r)
	}
	want := []string{"debug", "cpuprofile", "memprofile", "trace", "fix"} // not listed for go vet
	for _, f := range listed {
		want = append(want, f.Name)
	}
	var got []string
	driverFlags(new(commandLine)).VisitAll(func(f *flag.Flag) { got = append(got, f.Name) })
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the command line check knows the flags\n%q\nsinglechecker knows\n%q", got, want)
	}
}

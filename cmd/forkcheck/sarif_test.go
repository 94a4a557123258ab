package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// driverJSON is what go vet -json prints for a package with one finding
// that has related information and a fix.
const driverJSON = `# example.com/p
{
	"example.com/p": {
		"forkcheck": [
			{
				"posn": "/src/p/p.go:9:2",
				"end": "/src/p/p.go:9:14",
				"message": "syscall.Pipe creates descriptors without close-on-exec: a process started meanwhile inherits them (cloexec)",
				"category": "cloexec",
				"related": [{"posn": "/src/p/q.go:3:1", "end": "/src/p/q.go:3:1", "message": "mu locked here"}],
				"suggested_fixes": [{"message": "Use Pipe2 with O_CLOEXEC", "edits": [{"filename": "/src/p/p.go", "start": 120, "end": 124, "new": "Pipe2"}]}]
			}
		]
	}
}
`

// failedJSON is what forkcheck -json prints for a package that does not
// type-check and its importer.
const failedJSON = `{
	"example.com/q": {"forkcheck": {"error": "/src/q/q.go:4:9: cannot use \"x\" (untyped string constant) as int value in return statement (and 2 more errors)"}},
	"example.com/r": {"forkcheck": {"error": "failed prerequisites: forkcheck@example.com/q"}}
}
`

// TestSARIFConversion checks the SARIF of a known input: the rule, the
// region, the related location and the fix, paths relative to the root.
func TestSARIFConversion(t *testing.T) {
	var out, stderr strings.Builder
	if code := sarifCommand(strings.NewReader(driverJSON), &out, &stderr, "/src"); code != 0 {
		t.Fatalf("exit code %d: %s", code, &stderr)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				RelatedLocations []struct{ Message struct{ Text string } }
				Fixes            []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ ByteOffset, ByteLength int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("want one run with one result:\n%s", &out)
	}
	r := log.Runs[0].Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.Message.Text != "syscall.Pipe creates descriptors without close-on-exec: a process started meanwhile inherits them" {
		t.Errorf("message %q: want it without the category, which is the rule", r.Message.Text)
	}
	if r.RuleID != "cloexec" || loc.ArtifactLocation.URI != "p/p.go" || loc.Region.StartLine != 9 || loc.Region.StartColumn != 2 || loc.Region.EndColumn != 14 {
		t.Errorf("result %+v", r)
	}
	if len(r.RelatedLocations) != 1 || r.RelatedLocations[0].Message.Text != "mu locked here" {
		t.Errorf("related %+v", r.RelatedLocations)
	}
	rep := r.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion.ByteOffset != 120 || rep.DeletedRegion.ByteLength != 4 || rep.InsertedContent.Text != "Pipe2" {
		t.Errorf("fix %+v", rep)
	}
	var ids []string
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		ids = append(ids, rule.ID)
	}
	if strings.Join(ids, " ") != "rawfork forklock cloexec threadattr threadstate strict ignore" {
		t.Errorf("rules %v", ids)
	}
	for _, bad := range []string{"{not json", "", "# example.com/p\n"} {
		if code := sarifCommand(strings.NewReader(bad), io.Discard, &stderr, "/src"); code != 1 {
			t.Errorf("input %q: exit code %d, want 1", bad, code)
		}
	}
}

// TestSARIFErrors checks that the errors the JSON records are in the log,
// as notifications of a failed run, and make the exit code 1.
func TestSARIFErrors(t *testing.T) {
	var out, stderr strings.Builder
	if code := sarifCommand(strings.NewReader(failedJSON), &out, &stderr, "/src"); code != 1 {
		t.Errorf("exit code %d, want 1: %s", code, &stderr)
	}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Level   string
					Message struct{ Text string }
				}
			}
			Results []any
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &log); err != nil {
		t.Fatalf("%v\n%s", err, &out)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 || len(log.Runs[0].Results) != 0 {
		t.Fatalf("want a failed run with two notifications and no results:\n%s", &out)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || !strings.HasPrefix(n.Message.Text, "example.com/q: /src/q/q.go:4:9: cannot use") {
		t.Errorf("notification %+v", n)
	}
	if !strings.Contains(stderr.String(), "example.com/q was not analyzed") {
		t.Errorf("stderr: %s", &stderr)
	}
}

// TestSARIFCommand runs forkcheck sarif as a user does: on the JSON of a
// package that does not type-check, and with -h, which is not a file.
func TestSARIFCommand(t *testing.T) {
	t.Parallel()
	tl := setup(t)
	broken := map[string]string{"broken/broken.go": "package broken\n\nfunc Broken() int {\n\treturn \"not an int\"\n}\n"}
	dir := module(t, broken)
	findings := standalone(t, tl, dir, "-json", "./broken", "./c")
	if findings.code != 1 {
		t.Errorf("forkcheck -json: exit code %d, want 1\n%v", findings.code, findings)
	}
	conv := runSARIF(t, tl, dir, findings.stdout)
	if conv.code != 1 || !strings.Contains(conv.stdout, `"executionSuccessful": false`) ||
		!strings.Contains(conv.stdout, `"ruleId": "rawfork"`) || !strings.Contains(conv.stderr, "example.com/e2e/broken was not analyzed") {
		t.Errorf("want exit code 1, the finding and the failed run:\n%v", conv)
	}
	if r := runSARIF(t, tl, dir, "", "-h"); r.code != 0 || !strings.HasPrefix(r.stdout, "usage: forkcheck -json PACKAGE... | forkcheck sarif [FILE]") {
		t.Errorf("forkcheck sarif -h:\n%v", r)
	}
	if r := runSARIF(t, tl, dir, ""); r.code != 1 || !strings.Contains(r.stderr, "no JSON") {
		t.Errorf("forkcheck sarif on empty input:\n%v", r)
	}
	if r := runSARIF(t, tl, dir, "", "-x"); r.code != 2 || !strings.Contains(r.stderr, "flag provided but not defined: -x") {
		t.Errorf("forkcheck sarif -x:\n%v", r)
	}
}

// runSARIF runs forkcheck sarif args in dir with input on standard input.
func runSARIF(t *testing.T, tl tool, dir, input string, args ...string) result {
	t.Helper()
	return runInput(t, goEnv(""), dir, input, tl.bin, append([]string{"sarif"}, args...)...)
}

// validator checks SARIF files against the SARIF 2.1.0 JSON schema that
// @microsoft/jest-sarif ships, with the ajv it depends on.
const validator = `const Ajv = require("ajv");
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const ajv = new Ajv({allErrors: true, schemaId: "auto"});
ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
let failed = false;
for (const file of process.argv.slice(2)) {
	const log = JSON.parse(require("fs").readFileSync(file, "utf8"));
	if (!ajv.validate(schema, log)) {
		console.error(file + ": " + JSON.stringify(ajv.errors, null, 2));
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
`

// jestSarif is the npm package of the schema.
const jestSarif = "@microsoft/jest-sarif@1.0.0-beta.0"

// TestSARIFSchema runs the command as a user does, forkcheck -json then
// forkcheck sarif, on the end-to-end module, with and without a package
// that does not type-check, and validates the logs against the SARIF 2.1.0
// JSON schema, installed with npm (see sarifValidator).
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s to validate against the SARIF schema; .ci/run installs it", tool)
		}
	}
	tl := setup(t)
	validatorDir := sarifValidator(t)
	broken := map[string]string{"broken/broken.go": "package broken\n\nfunc Broken() int {\n\treturn \"not an int\"\n}\n"}
	var logs []string
	for _, c := range []struct {
		name     string
		patterns []string
		code     int // of forkcheck sarif
	}{
		{"findings", []string{"./a", "./b", "./c"}, 0},
		{"failed", []string{"./broken", "./c"}, 1},
	} {
		dir := module(t, broken)
		findings := standalone(t, tl, dir, append([]string{"-json"}, c.patterns...)...)
		if !strings.Contains(findings.stdout, "rawfork") {
			t.Fatalf("forkcheck -json:\n%v", findings)
		}
		conv := runSARIF(t, tl, dir, findings.stdout)
		if conv.code != c.code {
			t.Fatalf("exit code %d, want %d:\n%v", conv.code, c.code, conv)
		}
		file := filepath.Join(t.TempDir(), c.name+".sarif")
		if err := os.WriteFile(file, []byte(conv.stdout), 0o666); err != nil {
			t.Fatal(err)
		}
		logs = append(logs, file)
	}
	validate := exec.Command("node", append([]string{"validate.js"}, logs...)...)
	validate.Dir = validatorDir
	if out, err := validate.CombinedOutput(); err != nil {
		t.Fatalf("the SARIF logs do not validate: %v\n%s\n%s", err, out, strings.Join(logs, "\n"))
	}
}

// sarifValidator returns a directory holding validate.js and jestSarif.
// npm installs them once, into forkcheck-test in the user's cache directory
// (~/.cache on Linux), where later runs find them; remove it to install
// them again.
func sarifValidator(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no cache directory for the SARIF schema: %v", err)
	}
	name := "sarif-validator-" + strings.ReplaceAll(strings.TrimPrefix(jestSarif, "@"), "/", "-")
	dir := filepath.Join(cache, "forkcheck-test", name)
	if _, err := os.Stat(filepath.Join(dir, "validate.js")); err == nil {
		return dir // installed, validate.js written last
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o777); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), name+".tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp) // unless renamed
	install := exec.Command("npm", "install", "--no-audit", "--no-fund", "--silent", jestSarif)
	install.Dir = tmp
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(tmp, "validate.js"), []byte(validator), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "validate.js")); statErr != nil {
			t.Fatal(err) // not installed by another run meanwhile
		}
	}
	return dir
}

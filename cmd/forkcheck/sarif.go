package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer"
)

// sarifUsage is the usage of forkcheck sarif.
const sarifUsage = `usage: forkcheck -json PACKAGE... | forkcheck sarif [FILE]

forkcheck sarif converts the JSON of forkcheck -json, or of
go vet -json -vettool=forkcheck, from FILE or standard input, to a
SARIF 2.1.0 log on standard output. It exits 1 when the input records
errors (a package that does not type-check), or holds no JSON.
`

// sarif runs "forkcheck sarif [FILE]": the JSON of forkcheck -json, from
// FILE or standard input, as SARIF on standard output, with file names
// relative to the current directory.
func sarif(stdout, stderr io.Writer, args []string) int {
	in := io.Reader(os.Stdin)
	switch {
	case len(args) == 1 && isHelpFlag(args[0]):
		fmt.Fprint(stdout, sarifUsage)
		return 0
	case len(args) > 1:
		fmt.Fprintf(stderr, "forkcheck sarif: one file at most\n%s", sarifUsage)
		return 2
	case len(args) == 1 && strings.HasPrefix(args[0], "-") && args[0] != "-":
		fmt.Fprintf(stderr, "forkcheck sarif: flag provided but not defined: %s\n%s", args[0], sarifUsage)
		return 2
	case len(args) == 1 && args[0] != "-":
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintf(stderr, "forkcheck sarif: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "forkcheck sarif: %v\n", err)
		return 1
	}
	return sarifCommand(in, stdout, stderr, root)
}

// isHelpFlag reports whether arg asks for help: -h, -help, --help.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "-help", "--h", "--help":
		return true
	}
	return false
}

// The JSON that the drivers print with -json (golang.org/x/tools'
// driverutil): a tree of package path → analyzer → diagnostics or error.
type (
	driverTree map[string]map[string]json.RawMessage
	driverDiag struct {
		Category       string          `json:"category"`
		Posn           string          `json:"posn"`
		End            string          `json:"end"`
		Message        string          `json:"message"`
		SuggestedFixes []driverFix     `json:"suggested_fixes"`
		Related        []driverRelated `json:"related"`
	}
	driverFix struct {
		Message string       `json:"message"`
		Edits   []driverEdit `json:"edits"`
	}
	driverEdit struct {
		Filename   string `json:"filename"`
		Start, End int
		New        string `json:"new"`
	}
	driverRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// A driverError is a package that the JSON says was not analyzed, and why.
type driverError struct {
	pkg, message string
}

// sarifCommand converts the JSON that "forkcheck -json" or
// "go vet -json -vettool=forkcheck" prints, read from in, into a SARIF 2.1.0
// log on out, for code scanning. File names are made relative to root. It
// returns the exit code: 1 for input it cannot read or that holds no JSON,
// and, after writing the log, for input that records errors (packages that
// were not analyzed), which the log records as failed execution.
func sarifCommand(in io.Reader, out, stderr io.Writer, root string) int {
	diags, errs, err := readDriverJSON(in)
	if err != nil {
		fmt.Fprintf(stderr, "forkcheck sarif: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog(diags, errs, root)); err != nil {
		fmt.Fprintf(stderr, "forkcheck sarif: %v\n", err)
		return 1
	}
	for _, e := range errs {
		fmt.Fprintf(stderr, "forkcheck sarif: %s was not analyzed: %s\n", e.pkg, e.message)
	}
	if len(errs) > 0 {
		return 1
	}
	return 0
}

// readDriverJSON returns forkcheck's diagnostics in the JSON trees of
// in, in package order, and the packages it records errors for. go vet
// interleaves "# package" lines, which are skipped. Input without a JSON
// tree is an error: forkcheck -json prints one even when all is well.
func readDriverJSON(in io.Reader) ([]driverDiag, []driverError, error) {
	var text bytes.Buffer
	scanner := bufio.NewScanner(in)
	scanner.Buffer(nil, 64<<20)
	for scanner.Scan() {
		if line := scanner.Text(); !strings.HasPrefix(line, "#") {
			text.WriteString(line + "\n")
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, nil, err
	}
	var diags []driverDiag
	var errs []driverError
	dec := json.NewDecoder(&text)
	for trees := 0; ; trees++ {
		var tree driverTree
		if err := dec.Decode(&tree); errors.Is(err, io.EOF) {
			if trees == 0 {
				return nil, nil, errors.New("no JSON on the input: run forkcheck -json PACKAGE... | forkcheck sarif")
			}
			return diags, errs, nil
		} else if err != nil {
			return nil, nil, fmt.Errorf("reading the JSON of forkcheck -json: %v", err)
		}
		if err := tree.findings(&diags, &errs); err != nil {
			return nil, nil, fmt.Errorf("reading the JSON of forkcheck -json: %v", err)
		}
	}
}

// findings appends forkcheck's diagnostics in tree to diags, and the
// packages it was not run on to errs, in package order.
func (tree driverTree) findings(diags *[]driverDiag, errs *[]driverError) error {
	for _, pkg := range slices.Sorted(maps.Keys(tree)) {
		raw, ok := tree[pkg][analyzer.Analyzer.Name]
		if !ok {
			continue // another analyzer's, or none
		}
		var found []driverDiag
		if err := json.Unmarshal(raw, &found); err == nil {
			*diags = append(*diags, found...)
			continue
		}
		var failed struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal(raw, &failed); err != nil {
			return fmt.Errorf("%s: %v", pkg, err)
		}
		*errs = append(*errs, driverError{pkg, failed.Error})
	}
	return nil
}

// sarifLog returns the SARIF log of diags and errs: one run, one rule per
// category with the guide's text, one result per diagnostic with its
// region, related locations and fixes, and one invocation that failed if
// there are errors, with a notification for each.
func sarifLog(diags []driverDiag, errs []driverError, root string) map[string]any {
	var rules []any
	for _, category := range slices.Concat(analyzer.Categories, []string{"ignore"}) {
		text, _ := explainCategory(category)
		short, _, _ := strings.Cut(strings.TrimPrefix(text, "# Check "+category+"\n\n"), "\n\n")
		rules = append(rules, map[string]any{
			"id":               category,
			"shortDescription": map[string]any{"text": strings.Join(strings.Fields(short), " ")},
			"fullDescription":  map[string]any{"text": text},
			"help":             map[string]any{"text": text},
			"helpUri":          analyzer.Analyzer.URL,
		})
	}
	results := []any{}
	for _, d := range diags {
		result := map[string]any{
			"ruleId":    d.Category,
			"level":     "warning",
			"message":   map[string]any{"text": strings.TrimSuffix(d.Message, " ("+d.Category+")")}, // the rule says it
			"locations": []any{map[string]any{"physicalLocation": physicalLocation(d.Posn, d.End, root)}},
		}
		var related []any
		for i, r := range d.Related {
			related = append(related, map[string]any{
				"id":               i,
				"message":          map[string]any{"text": r.Message},
				"physicalLocation": physicalLocation(r.Posn, r.End, root),
			})
		}
		if related != nil {
			result["relatedLocations"] = related
		}
		if fixes := sarifFixes(d.SuggestedFixes, root); fixes != nil {
			result["fixes"] = fixes
		}
		results = append(results, result)
	}
	notifications := []any{}
	for _, e := range errs {
		notifications = append(notifications, map[string]any{
			"level":   "error",
			"message": map[string]any{"text": e.pkg + ": " + e.message},
		})
	}
	return map[string]any{
		"version": "2.1.0",
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           analyzer.Analyzer.Name,
				"informationUri": "https://github.com/forkcheck/forkcheck",
				"rules":          rules,
			}},
			"invocations": []any{map[string]any{
				"executionSuccessful":        len(errs) == 0,
				"toolExecutionNotifications": notifications,
			}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
}

// sarifFixes returns the SARIF fixes of a diagnostic's suggested fixes.
func sarifFixes(fixes []driverFix, root string) []any {
	var out []any
	for _, f := range fixes {
		var changes []any
		for _, e := range f.Edits {
			changes = append(changes, map[string]any{
				"artifactLocation": map[string]any{"uri": fileURI(e.Filename, root)},
				"replacements": []any{map[string]any{
					"deletedRegion":   map[string]any{"byteOffset": e.Start, "byteLength": e.End - e.Start},
					"insertedContent": map[string]any{"text": e.New},
				}},
			})
		}
		out = append(out, map[string]any{"description": map[string]any{"text": f.Message}, "artifactChanges": changes})
	}
	return out
}

// physicalLocation returns the SARIF location of the range from posn to
// end, both "file:line:column".
func physicalLocation(posn, end, root string) map[string]any {
	file, line, col := splitPosn(posn)
	region := map[string]any{"startLine": max(line, 1), "startColumn": max(col, 1)}
	if efile, eline, ecol := splitPosn(end); efile == file && eline >= line && ecol > 0 {
		region["endLine"], region["endColumn"] = eline, ecol
	}
	return map[string]any{"artifactLocation": map[string]any{"uri": fileURI(file, root)}, "region": region}
}

// splitPosn splits "file:line:column".
func splitPosn(posn string) (file string, line, col int) {
	rest, c, ok := cutLast(posn)
	if !ok {
		return posn, 0, 0
	}
	file, l, ok := cutLast(rest)
	if !ok {
		return rest, c, 0
	}
	return file, l, c
}

func cutLast(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil
}

// fileURI returns file as a URI reference relative to root when it lies
// below it, with slashes.
func fileURI(file, root string) string {
	if rel, err := filepath.Rel(root, file); err == nil && filepath.IsAbs(file) && !strings.HasPrefix(rel, "..") {
		file = rel
	}
	return filepath.ToSlash(file)
}

package analyzer

import (
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer/internal/code"
	"golang.org/x/tools/go/analysis"
)

// ignorePrefix starts a suppression directive:
//
//	//forkcheck:ignore CATEGORY[,CATEGORY…] REASON
//
// on the line of a finding or on the line above it.
const ignorePrefix = "//forkcheck:ignore"

// A directive is a suppression directive of the package.
type directive struct {
	pos        token.Pos
	posn       token.Position // unadjusted by //line directives: where the comment is in the file
	below      int            // the last line it covers: the next one that is not a //line directive
	categories []string
	reason     string
	used       map[string]bool // the categories that suppressed a finding
	nearMiss   string          // for a comment that only looks like a directive: how it is written
}

// directives returns the package's suppression directives, in source
// order.
func (c *checker) directives() []*directive {
	var dirs []*directive
	for _, file := range c.pass.Files {
		for _, group := range file.Comments {
			for i, comment := range group.List {
				d, ok := c.parseDirective(group, i)
				if !ok {
					if miss := nearMiss(comment.Text); miss != "" {
						dirs = append(dirs, &directive{pos: comment.Pos(), posn: c.fileLine(comment.Pos()), nearMiss: miss})
					}
					continue // not a directive
				}
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// parseDirective returns the i-th comment of group as a suppression
// directive, if it is one.
func (c *checker) parseDirective(group *ast.CommentGroup, i int) (*directive, bool) {
	comment := group.List[i]
	rest, ok := strings.CutPrefix(comment.Text, ignorePrefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, false
	}
	fields := strings.Fields(rest)
	d := &directive{pos: comment.Pos(), posn: c.fileLine(comment.Pos()), used: make(map[string]bool)}
	if len(fields) > 0 {
		d.categories = strings.Split(fields[0], ",")
		d.reason = strings.Join(fields[1:], " ")
	}
	d.below = d.posn.Line + 1
	for _, next := range group.List[i+1:] {
		if !isLineDirective(next.Text) || c.fileLine(next.Pos()).Line != d.below {
			break
		}
		d.below++ // a generator's //line between the directive and its code
	}
	return d, true
}

// isLineDirective reports whether text, a comment, is a //line (or
// /*line*/) directive, which says where the code that follows comes from.
func isLineDirective(text string) bool {
	return strings.HasPrefix(text, "//line ") || strings.HasPrefix(text, "/*line ")
}

// nearMissRE matches a comment that spells a suppression directive in a
// way Go's directive syntax does not accept (a space after the slashes, a
// space around the colon, capitals, a /* */ comment), with the word after
// it.
var nearMissRE = regexp.MustCompile(`(?i)^((?://|/\*)\s*forkcheck\s*:\s*ignore)\s+([\w,]+)`)

// nearMiss returns the start of text, a comment, that spells a
// suppression directive that is not one, followed by categories of
// forkcheck; "" if it spells none. Prose that mentions the directive is
// not one: the categories must follow.
func nearMiss(text string) string {
	m := nearMissRE.FindStringSubmatch(text)
	if m == nil || strings.HasPrefix(text, ignorePrefix) {
		return ""
	}
	for _, category := range strings.Split(m[2], ",") {
		if !slices.Contains(Categories, category) {
			return ""
		}
	}
	return m[1]
}

// fileLine returns where pos is in its file, unadjusted by //line
// directives: a directive and the finding it covers are compared where
// they are written, so that a //line (or /*line*/) between them, or one
// that maps both elsewhere, changes nothing.
func (c *checker) fileLine(pos token.Pos) token.Position {
	return c.pass.Fset.PositionFor(pos, false)
}

// suppresses reports whether d covers a finding of category at posn
// (unadjusted, as fileLine): on its line, or on the line below it, past
// any //line directives (or on theirs: a /*line*/ may precede code on its
// line, though gofmt moves it to a line of its own).
func (d *directive) suppresses(category string, posn token.Position) bool {
	return d.nearMiss == "" && d.posn.Filename == posn.Filename && d.posn.Line <= posn.Line && posn.Line <= d.below &&
		slices.Contains(d.categories, category)
}

// suppress drops the findings that a directive with a reason covers, and
// adds a finding for each directive that is malformed or suppresses
// nothing.
func (c *checker) suppress() {
	dirs := c.directives()
	if len(dirs) == 0 {
		return
	}
	kept := c.diags[:0]
	for _, d := range c.diags {
		if !c.isSuppressed(dirs, d) {
			kept = append(kept, d)
		}
	}
	c.diags = kept
	for _, d := range dirs {
		if msg := d.problem(); msg != "" {
			end := d.pos + token.Pos(len(ignorePrefix))
			c.diags = append(c.diags, analysis.Diagnostic{Pos: d.pos, End: end, Category: "ignore", Message: msg})
		}
	}
}

// isSuppressed reports whether a directive with a reason covers diag, and
// marks it used.
func (c *checker) isSuppressed(dirs []*directive, diag analysis.Diagnostic) bool {
	posn := c.fileLine(diag.Pos)
	for _, d := range dirs {
		if d.reason != "" && d.suppresses(diag.Category, posn) {
			d.used[diag.Category] = true
			return true
		}
	}
	return false
}

// problem returns what is wrong with d, or "".
func (d *directive) problem() string {
	switch {
	case d.nearMiss != "":
		return d.nearMiss + " is not a directive, and suppresses nothing: write //forkcheck:ignore, with no space after the slashes, in a // comment"
	case len(d.categories) == 0:
		return "forkcheck:ignore needs a category and a reason: //forkcheck:ignore CATEGORY REASON"
	case d.reason == "":
		return "forkcheck:ignore " + strings.Join(d.categories, ",") + " needs a reason after the category, so the suppression stays reviewable"
	}
	for _, category := range d.categories {
		if !slices.Contains(Categories, category) {
			return "forkcheck:ignore names an unknown category " + category + "; the categories are " + strings.Join(Categories, ", ")
		}
	}
	if len(d.used) == 0 {
		return "forkcheck:ignore " + strings.Join(d.categories, ",") + " suppresses nothing on this line or the next"
	}
	for _, category := range d.categories {
		if !d.used[category] {
			return "forkcheck:ignore names " + category + ", which suppresses nothing on this line or the next"
		}
	}
	return ""
}

// suppressed reports whether a directive with a reason covers a finding of
// category at pos. A check asks it of a finding that would pass a fact to
// the callers of its function: a suppressed finding passes none, in the
// package or to importers (a suppression says the code was audited, for
// every caller).
func (c *checker) suppressed(category string, pos token.Pos) bool {
	file := code.FileOf(c.pass.Files, pos)
	if file == nil {
		return false // not in the package's files
	}
	posn := c.fileLine(pos)
	for _, group := range file.Comments {
		for i := range group.List {
			if d, ok := c.parseDirective(group, i); ok && d.reason != "" && d.suppresses(category, posn) {
				return true
			}
		}
	}
	return false
}

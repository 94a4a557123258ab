package analyzer

import (
	"go/parser"
	"go/token"
	"strings"
)

// extractDoc returns the section of the package comment of doc.go (its
// source is content) that starts at the heading "# Analyzer name", ending at
// the next "# Analyzer" heading, without the heading and the "name:" before
// the title, as Analyzer.Doc wants it. Unlike x/tools' own extractor, it
// keeps the section's subheadings. It panics if the section is missing: the
// doc is part of the binary and a test covers it.
func extractDoc(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic("internal error: doc.go has no package comment")
	}
	text := f.Doc.Text()
	_, section, ok := strings.Cut(text, "# Analyzer "+name+"\n")
	if !ok {
		panic("internal error: doc.go has no section for " + name)
	}
	section, _, _ = strings.Cut(section, "\n# Analyzer ")
	title, ok := strings.CutPrefix(strings.TrimSpace(section), name+":")
	if !ok {
		panic("internal error: doc.go has no title line for " + name)
	}
	return strings.TrimSpace(title)
}

// Explain returns the section of the user guide about category, its
// heading included, or false if there is none.
func Explain(category string) (string, bool) {
	_, section, ok := strings.Cut(Analyzer.Doc, "# Check "+category+"\n")
	if !ok {
		return "", false
	}
	section, _, _ = strings.Cut(section, "\n# ")
	return "# Check " + category + "\n" + strings.TrimRight(section, "\n") + "\n", true
}

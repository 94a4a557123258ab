package analyzer

import "strings"

// extractDoc returns the section of the package comment of doc.go (its
// source is content) that starts at the heading "# Analyzer name", ending at
// the next "# Analyzer" heading, without the heading and the "name:" before
// the title, as Analyzer.Doc wants it. Unlike x/tools' own extractor, it
// keeps the section's subheadings. It panics if the section is missing: the
// doc is part of the binary and a test covers it.
func extractDoc(content, name string) string {
	text := packageComment(content)
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

// packageComment returns the text of the package comment of content, a Go
// file like doc.go (line comments at the start of their lines, then
// "package " at the start of its line, no byte-order mark), as
// (*ast.CommentGroup).Text returns it: without the comment markers, the
// first space of each line, directives and trailing spaces, with runs of
// empty lines made one and no empty line first or last. It reads lines
// rather than parse the file because it runs each time the program starts,
// once per package under go vet, where go/parser cost 0.7 ms a run;
// TestPackageComment checks it against go/parser.
func packageComment(content string) string {
	var lines []string
	for line := range strings.Lines(content) {
		text, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), "//")
		if !ok {
			if strings.HasPrefix(line, "package ") {
				break
			}
			lines = lines[:0] // a comment that does not touch the package clause
			continue
		}
		if isDirective(text) {
			continue
		}
		text = strings.TrimRight(strings.TrimPrefix(text, " "), " \t")
		if text == "" && (len(lines) == 0 || lines[len(lines)-1] == "") {
			continue // leading, or one more empty line
		}
		lines = append(lines, text)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// isDirective reports whether text, a line comment without its "//", is a
// directive (//go:embed, //line, //export), which go/ast leaves out of a
// comment's text: its rule, in go/ast's isDirective.
func isDirective(text string) bool {
	if text == "" || text[0] == ' ' {
		return false // the common case: prose
	}
	for _, prefix := range []string{"line ", "extern ", "export "} {
		if strings.HasPrefix(text, prefix) {
			return true
		}
	}
	name, rest, ok := strings.Cut(text, ":")
	if !ok || name == "" || rest == "" || !isLowerAlnum(name) || !isLowerAlnum(rest[:1]) {
		return false
	}
	return true
}

// isLowerAlnum reports whether s is made of a-z and 0-9 only.
func isLowerAlnum(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
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

package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/forkcheck/forkcheck/analyzer"
)

// explain prints the guide to each category in args and returns the exit
// code: 1 for an unknown category or none.
func explain(stdout, stderr io.Writer, args []string) int {
	categories := strings.Join(slices.Concat(analyzer.Categories, []string{"ignore"}), ", ")
	if len(args) == 0 || len(args) == 1 && isHelpFlag(args[0]) {
		fmt.Fprintf(stderr, "usage: forkcheck explain CATEGORY...\ncategories: %s\n", categories)
		return 1
	}
	for i, category := range args {
		text, ok := explainCategory(category)
		if !ok {
			fmt.Fprintf(stderr, "forkcheck: unknown category %q; the categories are %s\n", category, categories)
			return 1
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, text)
	}
	return 0
}

// ignoreSummary says what the findings of category ignore are.
const ignoreSummary = "ignore reports a //forkcheck:ignore directive without a reason, with an unknown category, or that suppresses nothing."

// explainCategory returns the guide's section about category: for ignore,
// the findings about suppression directives, the section on suppression.
func explainCategory(category string) (string, bool) {
	if text, ok := analyzer.Explain(category); ok || category != "ignore" {
		return text, ok
	}
	_, section, ok := strings.Cut(analyzer.Analyzer.Doc, "# Suppression\n")
	if !ok {
		return "", false
	}
	section, _, _ = strings.Cut(section, "\n# ")
	return "# Check ignore\n\n" + ignoreSummary + "\n\n" + strings.TrimSpace(section) + "\n", true
}

package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// The fact cache keeps the result of a root's analysis too: its facts and
// its findings, as staticcheck and golangci-lint keep each package's
// findings. A root whose key (its files' content and its imports' keys:
// see sourceKey) is that of an earlier run that analyzed it without error
// is not type-checked nor analyzed again: a warm run over unchanged code
// costs go list and the keys, and an edit costs the analysis of the
// packages it changes and of their importers among the roots. The entry
// is keyed apart from the package's facts (rootKey): a dependency
// analyzed from source, without its findings, may have the same key.
//
// Findings are kept with their positions as offsets in their files, with
// each file's name, size and line table: a finding comes back at the
// position it had, whether or not its file is loaded. A finding with a
// position that a //line directive moves (cgo's files) is not kept:
// the directives are not kept, and the package is analyzed every time.

// A cachedResult is what the analysis of a root leaves, as the cache
// stores it.
type cachedResult struct {
	Facts       cachedFacts
	Files       []cachedFile
	Diagnostics []cachedDiagnostic
}

// A cachedFile is a file that a finding's positions are in.
type cachedFile struct {
	Name  string
	Size  int
	Lines []int // the offset of each line's first byte
}

// A cachedPos is a position: 1 + the index of its file, and its offset in
// it; the zero cachedPos is token.NoPos.
type cachedPos struct {
	File, Offset int
}

// A cachedDiagnostic is an analysis.Diagnostic, with cachedPos positions.
type cachedDiagnostic struct {
	Pos, End               cachedPos
	Category, Message, URL string
	Fixes                  []cachedFix
	Related                []cachedRelated
}

type cachedFix struct {
	Message string
	Edits   []cachedEdit
}

type cachedEdit struct {
	Pos, End cachedPos
	NewText  []byte
}

type cachedRelated struct {
	Pos, End cachedPos
	Message  string
}

// rootKey returns the key of the result of root p's analysis.
func rootKey(p *pkg) key {
	return sha256.Sum256(append([]byte("root result\n"), p.key[:]...))
}

// putResult stores the facts and findings of p, a root analyzed without
// error whose imports were too, unless a finding has a position that a
// //line directive moves.
func (fc *factCache) putResult(ld *loader, p *pkg) {
	if fc == nil || !p.complete {
		return
	}
	r := cachedResult{Facts: ld.cachedFactsOf(p)}
	enc := positions{fset: ld.fset, files: make(map[*token.File]int), out: &r}
	for _, d := range p.diags {
		cd := cachedDiagnostic{Pos: enc.of(d.Pos), End: enc.of(d.End), Category: d.Category, Message: d.Message, URL: d.URL}
		for _, f := range d.SuggestedFixes {
			cf := cachedFix{Message: f.Message}
			for _, e := range f.TextEdits {
				cf.Edits = append(cf.Edits, cachedEdit{enc.of(e.Pos), enc.of(e.End), e.NewText})
			}
			cd.Fixes = append(cd.Fixes, cf)
		}
		for _, rel := range d.Related {
			cd.Related = append(cd.Related, cachedRelated{enc.of(rel.Pos), enc.of(rel.End), rel.Message})
		}
		r.Diagnostics = append(r.Diagnostics, cd)
	}
	if enc.moved {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(&r) == nil {
		_ = fc.dir.PutBytes(rootKey(p), buf.Bytes())
	}
}

// getResult gives p, a root, the facts and findings the cache holds for
// its analysis, and reports whether it did. When it did not, p is as
// before. p's types are loaded if a root that imports it is type-checked
// (see loadAll).
func (fc *factCache) getResult(ld *loader, p *pkg) bool {
	if fc == nil || p.key == (key{}) || len(p.errs) > 0 || slices.ContainsFunc(p.imports, func(imp *pkg) bool { return imp.key == (key{}) }) {
		return false
	}
	data, ok := fc.bytes(rootKey(p))
	if !ok {
		return false
	}
	var r cachedResult
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&r) != nil || !ld.facts.known(&r.Facts) {
		return false
	}
	diags, ok := r.diagnostics(ld.fset)
	if !ok {
		return false
	}
	ld.facts.store(p.types, &r.Facts)
	p.diags = diags
	p.cached = true
	return true
}

// positions turns the positions of findings into cachedPos.
type positions struct {
	fset  *token.FileSet
	files map[*token.File]int // 1 + index in out.Files
	out   *cachedResult
	moved bool // a position is moved by a //line directive
}

func (e *positions) of(pos token.Pos) cachedPos {
	f := e.fset.File(pos)
	if f == nil {
		return cachedPos{}
	}
	if f.PositionFor(pos, true) != f.PositionFor(pos, false) {
		e.moved = true
	}
	i, ok := e.files[f]
	if !ok {
		e.out.Files = append(e.out.Files, cachedFile{f.Name(), f.Size(), f.Lines()})
		i = len(e.out.Files)
		e.files[f] = i
	}
	return cachedPos{i, f.Offset(pos)}
}

// diagnostics returns the findings of r, their files added to fset, and
// reports whether r is well formed.
func (r *cachedResult) diagnostics(fset *token.FileSet) ([]analysis.Diagnostic, bool) {
	files := make([]*token.File, len(r.Files))
	for i, cf := range r.Files {
		files[i] = fset.AddFile(cf.Name, -1, cf.Size)
		if !files[i].SetLines(cf.Lines) {
			return nil, false
		}
	}
	ok := true
	pos := func(p cachedPos) token.Pos {
		switch {
		case p == (cachedPos{}):
			return token.NoPos
		case p.File < 1 || p.File > len(files) || p.Offset < 0 || p.Offset > files[p.File-1].Size():
			ok = false
			return token.NoPos
		}
		return files[p.File-1].Pos(p.Offset)
	}
	diags := make([]analysis.Diagnostic, len(r.Diagnostics))
	for i, cd := range r.Diagnostics {
		d := analysis.Diagnostic{Pos: pos(cd.Pos), End: pos(cd.End), Category: cd.Category, Message: cd.Message, URL: cd.URL}
		for _, cf := range cd.Fixes {
			f := analysis.SuggestedFix{Message: cf.Message}
			for _, e := range cf.Edits {
				f.TextEdits = append(f.TextEdits, analysis.TextEdit{Pos: pos(e.Pos), End: pos(e.End), NewText: e.NewText})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, f)
		}
		for _, rel := range cd.Related {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos(rel.Pos), End: pos(rel.End), Message: rel.Message})
		}
		diags[i] = d
	}
	return diags, ok
}

#!/usr/bin/env bash
# corpus/run.sh: run forkcheck, built from this checkout, over the modules
# pinned in corpus/modules.txt, for one GOOS/GOARCH.
#
#   GOOS=linux GOARCH=arm64 CORPUS_DIR=/tmp/fc bash corpus/run.sh
#
# Each module gets a scratch module of its own under $CORPUS_DIR/mod/ that
# requires it at its pinned version, so that its dependencies are the ones its
# own go.mod selects (one shared module would raise them all to the highest,
# which breaks some of them). forkcheck runs standalone on MODULE/... there.
#
# Writes, under ${CORPUS_DIR:-/tmp/forkcheck-corpus}:
#   findings-GOOS-GOARCH.txt  the findings as the text driver prints them
#                             (a finding's line, then its related lines as
#                             "posn: <TAB>message"), sorted by finding, file
#                             names relative to the module cache
#                             (module@version/path)
#   counts-GOOS-GOARCH.txt    the number of findings per category
#   errors-GOOS-GOARCH.txt    load and type errors (expected, not fatal)
#   raw-GOOS-GOARCH.json      forkcheck -json output, all modules merged
#   stderr-GOOS-GOARCH.txt    forkcheck's standard error, all modules
#   times-GOOS-GOARCH.txt     per module: forkcheck's exit code and seconds
# Exit code 3 (findings) and 1 (errors in some packages) of forkcheck are
# expected; a "panic:" in its output aborts the script.
#
# Build tags: exclude_graphdriver_btrfs (containers/storage, moby) since the
# btrfs driver needs libbtrfs headers; set CORPUS_TAGS to change.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
CORPUS_DIR=${CORPUS_DIR:-/tmp/forkcheck-corpus}
target_os=${GOOS:-linux}
target_arch=${GOARCH:-amd64}
tag="$target_os-$target_arch"
tags=${CORPUS_TAGS-exclude_graphdriver_btrfs}
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
export GOFLAGS="-mod=mod${tags:+ -tags=$tags}"

command -v jq >/dev/null || { echo "run.sh: jq is needed" >&2; exit 1; }

mkdir -p "$CORPUS_DIR/mod"
CORPUS_DIR=$(cd "$CORPUS_DIR" && pwd)

# The module list: module@version per line, comments and blank lines skipped.
mapfile -t mods < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/modules.txt" | grep -v '^$')
[ "${#mods[@]}" -gt 0 ] || { echo "run.sh: no modules in modules.txt" >&2; exit 1; }

# Build forkcheck for the host from this checkout.
bin="$CORPUS_DIR/forkcheck"
host_os=$(env -u GOOS -u GOARCH go env GOHOSTOS)
host_arch=$(env -u GOOS -u GOARCH go env GOHOSTARCH)
echo "run.sh: building forkcheck from $root" >&2
(cd "$root" && GOOS=$host_os GOARCH=$host_arch GOFLAGS= go build -o "$bin" ./cmd/forkcheck)

modcache=$(go env GOMODCACHE)
strip=$(printf '%s/' "$modcache" | sed 's/[.[\*^$/]/\\&/g')
outdir="$CORPUS_DIR/out-$tag"
rm -rf "$outdir"
mkdir -p "$outdir"
times="$CORPUS_DIR/times-$tag.txt"
: >"$times"
all_start=$(date +%s)

i=0
for mv in "${mods[@]}"; do
	i=$((i + 1))
	m=${mv%@*}
	v=${mv##*@}
	dir="$CORPUS_DIR/mod/$(printf '%s' "$m" | tr '/.' '__')"
	mkdir -p "$dir"
	if [ ! -f "$dir/go.mod" ]; then
		(cd "$dir" && go mod init forkcheck.invalid/corpus >/dev/null 2>&1)
	fi
	echo "run.sh: [$i/${#mods[@]}] $m@$v" >&2
	(cd "$dir" && GOOS=$target_os GOARCH=$target_arch go get "$m@$v" 2>&1 | grep -v '^go: downloading' >&2 || true)
	# Record in go.sum every module that the packages of $m import, tests
	# included (go get M/...@V would probe path prefixes of M, which the
	# proxy may refuse).
	(cd "$dir" && GOOS=$target_os GOARCH=$target_arch go list -e -test -deps "$m/..." >/dev/null 2>&1 || true)
	got=$(cd "$dir" && go list -m -f '{{.Version}}' "$m")
	[ "$got" = "$v" ] || echo "run.sh: $m selected at $got, pinned $v" >&2

	start=$(date +%s)
	rc=0
	(cd "$dir" && GOOS=$target_os GOARCH=$target_arch "$bin" -json "$m/...") >"$outdir/$i.json" 2>"$outdir/$i.stderr" || rc=$?
	end=$(date +%s)
	printf '%s\t%s\trc=%s\t%ss\n' "$m" "$v" "$rc" "$((end - start))" >>"$times"
	if grep -q 'panic:' "$outdir/$i.json" "$outdir/$i.stderr"; then
		echo "run.sh: forkcheck panicked on $m/...:" >&2
		cat "$outdir/$i.stderr" >&2
		grep -n -B2 -A40 'panic:' "$outdir/$i.json" >&2 || true
		exit 1
	fi
	case $rc in
	0 | 1 | 3) ;;
	*) echo "run.sh: forkcheck exited $rc on $m/..." >&2; cat "$outdir/$i.stderr" >&2; exit 1 ;;
	esac
	if ! jq -e . "$outdir/$i.json" >/dev/null 2>&1; then
		echo '{}' >"$outdir/$i.json"
		echo "run.sh: forkcheck printed no JSON for $m/... (exit $rc); see stderr-$tag.txt" >&2
	fi
done
all_end=$(date +%s)

raw="$CORPUS_DIR/raw-$tag.json"
jq -s 'add' "$outdir"/*.json >"$raw"
for f in "$outdir"/*.stderr; do cat "$f"; done | sed "s/$strip//g" >"$CORPUS_DIR/stderr-$tag.txt"

# Findings: one block per finding, the finding's line then its related lines;
# blocks sorted by their first line, duplicates (test variants) dropped.
jq -r '
  to_entries[] | .value.forkcheck | select(type == "array") | .[] |
  ([.posn + ": " + .message] + [(.related // [])[] | .posn + ": \t" + .message])
  | map(gsub("\n"; " ")) | join("\u0001")' "$raw" |
	sed "s/$strip//g" | LC_ALL=C sort -u | tr '\001' '\n' >"$CORPUS_DIR/findings-$tag.txt"

# Errors that the driver reported per package, and its standard error.
{
	jq -r 'to_entries[] | select(.value.forkcheck | type == "object") |
	  .key + ": " + (.value.forkcheck.error // (.value.forkcheck | tostring))' "$raw"
	cat "$CORPUS_DIR/stderr-$tag.txt"
} | sed "s/$strip//g" >"$CORPUS_DIR/errors-$tag.txt"

# Counts per category, over distinct findings (a package's test variant
# repeats the findings of its non-test files).
jq -r '[to_entries[] | .value.forkcheck | select(type == "array") | .[]
  | {category, posn, message}] | unique | group_by(.category) | .[]
  | "\(.[0].category // "none")\t\(length)"' "$raw" >"$CORPUS_DIR/counts-$tag.txt"
total=$(awk -F'\t' '{s += $2} END {print s + 0}' "$CORPUS_DIR/counts-$tag.txt")

echo "run.sh: $tag: $total findings in $CORPUS_DIR/findings-$tag.txt ($((all_end - all_start)) s); per category:"
cat "$CORPUS_DIR/counts-$tag.txt"
echo "run.sh: $(grep -c . "$CORPUS_DIR/errors-$tag.txt" || true) error lines in $CORPUS_DIR/errors-$tag.txt; per module times in $times"

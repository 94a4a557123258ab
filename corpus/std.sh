#!/usr/bin/env bash
# corpus/std.sh: run forkcheck, built from this checkout, over the standard
# library of every platform that issue 5 names, two ways:
#
#   - as users run it (forkcheck std): the standard library is modelled,
#     not analyzed, so there must be no finding and exit code 0;
#   - as code of the user's (FORKCHECK_ANALYZE_STD=1): every package of the
#     standard library goes through the analysis, tests included, which
#     must not panic; its findings are explained in corpus/TRIAGE.md.
#
#   bash corpus/std.sh            # all platforms
#   bash corpus/std.sh linux/386  # some
#
# Writes, under ${CORPUS_DIR:-/tmp/forkcheck-corpus}:
#   std-GOOS-GOARCH.txt   the findings on the standard library analyzed as
#                         user code, file names relative to GOROOT/src
#   std-GOOS-GOARCH.log   forkcheck's output of both runs
# Exits non-zero on a panic, on a finding of the modelled run, or on an
# exit code other than 0 (no finding) or 3 (findings).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
CORPUS_DIR=${CORPUS_DIR:-/tmp/forkcheck-corpus}
mkdir -p "$CORPUS_DIR/std"
CORPUS_DIR=$(cd "$CORPUS_DIR" && pwd)
export GOTOOLCHAIN=${GOTOOLCHAIN:-local} GOFLAGS=

platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(linux/amd64 linux/arm64 linux/386 darwin/arm64 freebsd/amd64 windows/amd64)

bin="$CORPUS_DIR/forkcheck-std" # not run.sh's binary: both may run at once
echo "std.sh: building forkcheck from $root" >&2
(cd "$root" && env -u GOOS -u GOARCH go build -o "$bin" ./cmd/forkcheck)

# A module of its own, so that go list resolves std without the checkout's.
mod="$CORPUS_DIR/std"
[ -f "$mod/go.mod" ] || (cd "$mod" && go mod init forkcheck.invalid/std >/dev/null 2>&1)
goroot=$(go env GOROOT)
strip=$(printf '%s/src/' "$goroot" | sed 's/[.[\*^$/]/\\&/g')

fail=0
for p in "${platforms[@]}"; do
	os=${p%/*} arch=${p#*/}
	log="$CORPUS_DIR/std-$os-$arch.log"
	out="$CORPUS_DIR/std-$os-$arch.txt"
	start=$(date +%s)

	rc=0
	(cd "$mod" && GOOS=$os GOARCH=$arch CGO_ENABLED=0 "$bin" std) >"$log" 2>&1 || rc=$?
	if [ "$rc" != 0 ] || [ -s "$log" ]; then
		echo "std.sh: $p: forkcheck std exited $rc with output; the standard library must be modelled, not analyzed:" >&2
		head -20 "$log" >&2
		fail=1
	fi

	rc=0
	(cd "$mod" && FORKCHECK_ANALYZE_STD=1 GOOS=$os GOARCH=$arch CGO_ENABLED=0 "$bin" std) >"$out.raw" 2>&1 || rc=$?
	cat "$out.raw" >>"$log"
	if grep -qE '^panic: |^fatal error: |internal error' "$out.raw"; then
		echo "std.sh: $p: forkcheck panicked on the standard library:" >&2
		grep -n -A30 -E '^panic: |^fatal error: |internal error' "$out.raw" | head -40 >&2
		fail=1
	fi
	case $rc in
	0 | 3) ;;
	*) echo "std.sh: $p: forkcheck exited $rc on the standard library; see $log" >&2; fail=1 ;;
	esac
	sed "s/$strip//" "$out.raw" >"$out"
	rm -f "$out.raw"
	n=$(grep -cE '^[^[:space:]]+\.go:[0-9]+:[0-9]+: [^[:space:]]' "$out" || true) # not the related lines
	echo "std.sh: $p: modelled run clean; analyzed as user code: $n findings in $out ($(($(date +%s) - start)) s)"
done
exit $fail

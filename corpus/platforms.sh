#!/usr/bin/env bash
# corpus/platforms.sh: the platform sweep of issue 12. For every platform
# of "go tool dist list", forkcheck (standalone, built from this checkout)
# runs on the module in cmd/forkcheck/testdata/platforms and must find
# what the platform's process model says (TestPlatformModels, which
# without FORKCHECK_PLATFORMS=all runs one platform of each model in
# go test). Then, on the platforms that cannot start a process (js/wasm,
# wasip1/wasm), the standard library without its tests is analyzed as
# user code (FORKCHECK_ANALYZE_STD=1): there must be no finding at all.
#
#   bash corpus/platforms.sh          # both parts
#   STD=0 bash corpus/platforms.sh    # the module only
#
# Writes ${CORPUS_DIR:-/tmp/forkcheck-corpus}/platforms.txt (the test's
# log, one line a platform) and std-analyzed-GOOS-GOARCH.txt. Exits
# non-zero on a platform whose findings differ from its model, or on a
# finding in the standard library of a platform without processes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
CORPUS_DIR=${CORPUS_DIR:-/tmp/forkcheck-corpus}
mkdir -p "$CORPUS_DIR/platforms-std"
CORPUS_DIR=$(cd "$CORPUS_DIR" && pwd)
export GOTOOLCHAIN=${GOTOOLCHAIN:-local} GOFLAGS=

fail=0
start=$(date +%s)
(cd "$root" && env -u GOOS -u GOARCH FORKCHECK_PLATFORMS=all go test ./cmd/forkcheck -run '^TestPlatformModels$' -count=1 -v -timeout 3h) >"$CORPUS_DIR/platforms.txt" 2>&1 || fail=1
grep -E 'as expected|want' "$CORPUS_DIR/platforms.txt" | sed 's/^ *platforms_test.go:[0-9]*: //' || true
echo "platforms.sh: $(grep -c 'as expected' "$CORPUS_DIR/platforms.txt" || true) of $(go tool dist list | wc -l) platforms as expected ($(($(date +%s) - start)) s); log in $CORPUS_DIR/platforms.txt"

[ "${STD:-1}" = 1 ] || exit $fail
bin="$CORPUS_DIR/forkcheck-platforms"
(cd "$root" && env -u GOOS -u GOARCH go build -o "$bin" ./cmd/forkcheck)
mod="$CORPUS_DIR/platforms-std"
[ -f "$mod/go.mod" ] || (cd "$mod" && go mod init forkcheck.invalid/platforms >/dev/null 2>&1)
for p in js/wasm wasip1/wasm; do
	os=${p%/*} arch=${p#*/}
	out="$CORPUS_DIR/std-analyzed-$os-$arch.txt"
	start=$(date +%s)
	rc=0
	(cd "$mod" && FORKCHECK_ANALYZE_STD=1 GOOS=$os GOARCH=$arch CGO_ENABLED=0 "$bin" -test=false std) >"$out" 2>&1 || rc=$?
	if [ "$rc" != 0 ] || [ -s "$out" ]; then
		echo "platforms.sh: $p: the standard library analyzed as user code: exit code $rc, output in $out" >&2
		head -20 "$out" >&2
		fail=1
	else
		echo "platforms.sh: $p: the standard library analyzed as user code: no finding, exit code 0 ($(($(date +%s) - start)) s)"
	fi
done
exit $fail

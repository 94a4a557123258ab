#!/usr/bin/env bash
# bench/run.sh: forkcheck against a no-op vet tool on a corpus of real modules.
#
# Usage: bash bench/run.sh [-n REPS] [-c small|large] [-h]
#   -n REPS   measured repetitions per tool and driver (default 3; env BENCH_N)
#   -c SIZE   corpus: small = golang.org/x/tools only, large = x/tools, runc,
#             containerd and moby (default large; env BENCH_CORPUS)
# Scratch directory: ${BENCH_DIR:-/tmp/forkcheck-bench} (corpus module, build
# caches, tool binaries, every run's output and GNU time report). Each go vet
# run's copy of the warm build cache goes to ${BENCH_TMPFS-/dev/shm} when it
# has room (BENCH_TMPFS= to keep it on disk, in the scratch directory).
#
# For each driver, go vet (go vet -vettool=TOOL PATTERNS) and standalone
# (TOOL PATTERNS, run in the corpus module), it runs noop and forkcheck
# alternately (noop, forkcheck; forkcheck, noop; ...) and prints the median
# wall time, CPU time and peak RSS of each tool and the ratios
# forkcheck/noop. See bench/README.md.
set -euo pipefail

usage() { sed -n '2,18s/^# \{0,1\}//p' "$0"; }

N=${BENCH_N:-3}
SIZE=${BENCH_CORPUS:-large}
while getopts "n:c:h" opt; do
	case $opt in
	n) N=$OPTARG ;;
	c) SIZE=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
case $N in '' | *[!0-9]* | 0) echo "run.sh: -n wants a positive number, not '$N'" >&2; exit 2 ;; esac

# The corpus: real modules at pinned versions, and the package patterns
# analysed. moby/moby/v2 v2.0.0-beta.24 requires runc v1.5.2 and
# containerd v2.4.2 (MVS would raise lower pins to those), so those are
# the versions pinned here. The large corpus is 875 packages (3,842 with
# tests and dependencies, standard library included).
case $SIZE in
small)
	MODULES=(golang.org/x/tools@v0.52.0)
	PATTERNS=(golang.org/x/tools/...)
	;;
large)
	MODULES=(
		golang.org/x/tools@v0.52.0
		github.com/opencontainers/runc@v1.5.2
		github.com/containerd/containerd/v2@v2.4.2
		github.com/moby/moby/v2@v2.0.0-beta.24
	)
	PATTERNS=(
		golang.org/x/tools/...
		github.com/opencontainers/runc/...
		github.com/containerd/containerd/v2/...
		github.com/moby/moby/v2/...
	)
	;;
*) echo "run.sh: -c wants small or large, not '$SIZE'" >&2; exit 2 ;;
esac

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/forkcheck-bench}
case $BENCH_DIR in
"$REPO" | "$REPO"/*) echo "run.sh: BENCH_DIR must be outside the repository" >&2; exit 2 ;;
esac
CORPUS=$BENCH_DIR/corpus-$SIZE
BIN=$BENCH_DIR/bin
WARM=$BENCH_DIR/gocache-warm-$SIZE
TMPFS=${BENCH_TMPFS-/dev/shm} # where each go vet run's cache copy goes, if it fits
OUT=$BENCH_DIR/results-$SIZE
TIME=/usr/bin/time

log() { printf '== %s %s\n' "$(date +%T)" "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# GNU time reports the peak RSS (-v); bash's builtin and BusyBox's do not.
if ! "$TIME" -v true >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		log "installing GNU time"
		apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
	else
		die "GNU time is needed as $TIME: apt-get install -y time"
	fi
fi
command -v go >/dev/null || die "go is not on PATH"

START=$(date +%s)
mkdir -p "$BIN" "$OUT"
rm -f "$OUT"/*

# --- the tools ---------------------------------------------------------------
# warm is the no-op tool built with a different linker flag: the same
# behaviour, but another binary, so another vet tool ID (go vet keys cached
# vet results by the tool's -V=full, a hash of the executable). It fills
# the warm cache without leaving any result that noop or forkcheck could hit.
log "building forkcheck, noop and warm from $REPO"
(
	cd "$REPO"
	go build -o "$BIN/forkcheck" ./cmd/forkcheck
	go build -o "$BIN/noop" ./bench/noop
	go build -ldflags=-X=main.benchWarmVariant=1 -o "$BIN/warm" ./bench/noop
)
cmp -s "$BIN/noop" "$BIN/warm" && die "warm and noop are the same binary"

# --- the corpus module -------------------------------------------------------
# A throwaway module with no package of its own. `go get -t` of the patterns
# at the pinned versions adds every module that the packages and their tests
# import, with their go.sum entries (go mod tidy would drop them all: the
# module imports nothing). It is set up once per pin list and then reused.
STAMP="${MODULES[*]} | ${PATTERNS[*]} | $(go env GOVERSION)"
if [ ! -f "$CORPUS/.stamp" ] || [ "$(cat "$CORPUS/.stamp")" != "$STAMP" ]; then
	log "setting up the corpus module in $CORPUS"
	rm -rf "$CORPUS"
	mkdir -p "$CORPUS"
	printf 'module forkcheck.bench/corpus\n\ngo %s\n' "$(go env GOVERSION | sed 's/^go//; s/-.*//')" >"$CORPUS/go.mod"
	args=()
	for i in "${!MODULES[@]}"; do args+=("${PATTERNS[$i]}@${MODULES[$i]#*@}"); done
	(cd "$CORPUS" && go get -t "${args[@]}") >"$BENCH_DIR/go-get-$SIZE.log" 2>&1 ||
		{ tail -20 "$BENCH_DIR/go-get-$SIZE.log" >&2; die "go get of the corpus failed (log: $BENCH_DIR/go-get-$SIZE.log)"; }
	errs=$(cd "$CORPUS" && go list -e -deps -test -f '{{with .Error}}{{.}}{{end}}' "${PATTERNS[@]}" 2>&1 | grep . | head -5 || true)
	[ -z "$errs" ] || die "the corpus does not load: $errs"
	printf '%s' "$STAMP" >"$CORPUS/.stamp"
fi

cd "$CORPUS"
npkg=$(go list "${PATTERNS[@]}" | wc -l)
ndeps=$(go list -deps "${PATTERNS[@]}" | wc -l)
ntest=$(go list -deps -test "${PATTERNS[@]}" | wc -l)
nmods=$(go list -m all | wc -l)

# --- the warm cache ----------------------------------------------------------
# Measured runs must pay for analysis, not for compilation, and go vet must
# not replay a previous run's results. go vet needs the compiled export data
# of every dependency (and caches it), and since Go 1.26 it also caches each
# package's vet result (facts and output) under a key that includes the vet
# tool's ID. So: fill WARM once with the warm tool under go vet (compiles
# everything go vet needs, tests included) and with `go list -export
# -compiled -deps -test` (export data and cgo output of the roots and test
# variants, what the standalone drivers ask go list for); then each go vet
# run gets a fresh copy of WARM (copy not timed): compilation hits, vet
# results of noop and forkcheck miss, always, in every repetition.
# The standalone drivers never write vet results, so they use WARM itself.
log "warming the build cache $WARM: go vet with the warm tool"
GOCACHE=$WARM go vet -vettool="$BIN/warm" "${PATTERNS[@]}" >"$OUT/warm-vet.out" 2>&1 ||
	{ tail -20 "$OUT/warm-vet.out" >&2; die "go vet with the no-op tool failed on the corpus"; }
log "warming: go list -export -compiled -deps -test"
GOCACHE=$WARM go list -e -export -compiled -deps -test "${PATTERNS[@]}" >/dev/null 2>"$OUT/warm-list.out" ||
	{ tail -20 "$OUT/warm-list.out" >&2; die "go list -export failed on the corpus"; }

# The copies go to a tmpfs when it has room for two (copying 2 GiB to this
# disk takes half a minute and its writeback disturbs the next run).
need=$(du -sk "$WARM" | cut -f1)
if [ -n "$TMPFS" ] && [ -d "$TMPFS" ] && [ -w "$TMPFS" ] &&
	[ "$(df -Pk "$TMPFS" | awk 'NR == 2 { print $4 }')" -gt $((2 * need)) ]; then
	RUNCACHE=$TMPFS/forkcheck-bench-gocache-$$
else
	RUNCACHE=$BENCH_DIR/gocache-run
fi
trap 'rm -rf "$RUNCACHE"' EXIT

# crashed FILE: true when FILE shows a crash or an internal error.
crashed() { grep -qE '^panic: |^fatal error: |^goroutine [0-9]+ \[|internal error|SIGSEGV|out of memory' "$1"; }

# measure DRIVER TOOL REP: runs one measured run, checks its exit code.
measure() {
	local driver=$1 tool=$2 rep=$3 rc=0
	local base=$OUT/$driver-$tool-$rep
	if [ "$driver" = vet ]; then
		rm -rf "$RUNCACHE"
		cp -a "$WARM" "$RUNCACHE"
		sync
		GOCACHE=$RUNCACHE "$TIME" -v -o "$base.time" go vet -vettool="$BIN/$tool" "${PATTERNS[@]}" >"$base.out" 2>&1 || rc=$?
		rm -rf "$RUNCACHE"
		sync
	else
		GOCACHE=$WARM "$TIME" -v -o "$base.time" "$BIN/$tool" "${PATTERNS[@]}" >"$base.out" 2>&1 || rc=$?
	fi
	echo "$rc" >"$base.rc"
	# noop never reports: anything but 0 is a failure. go vet exits 1 when
	# forkcheck reports, forkcheck standalone exits 3; both exit 1 on errors
	# too, so a 1 is accepted from go vet only when every line is a report.
	local ok=0
	case $tool/$driver/$rc in
	noop/*/0 | forkcheck/*/0 | forkcheck/standalone/3) ok=1 ;;
	forkcheck/vet/1) grep -vqE '^#|^[^[:space:]]+\.go:[0-9]+:[0-9]+: |^[[:space:]]' "$base.out" || ok=1 ;;
	esac
	if [ $ok = 0 ] || crashed "$base.out"; then
		tail -40 "$base.out" >&2
		die "$driver run of $tool failed (exit $rc; output: $base.out)"
	fi
	log "$(printf '%-10s %-9s rep %d: %s s, %s MiB, exit %d' "$driver" "$tool" "$rep" "$(wall "$base.time")" "$(( $(rss "$base.time") / 1024 ))" "$rc")"
}

# Fields of a GNU time -v report: wall seconds, CPU seconds, peak RSS in KiB.
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$1"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
median() { sort -g | awk 'NF { v[++n] = $1 } END { if (n % 2) print v[(n + 1) / 2]; else printf "%.2f\n", (v[n / 2] + v[n / 2 + 1]) / 2 }'; }

log "corpus ($SIZE): $npkg packages, $ndeps with dependencies, $ntest with tests; $N repetitions"
# The order alternates and swaps every other repetition (noop, forkcheck;
# forkcheck, noop; ...): a run can be slowed by the one before it (the
# machine's other work, writeback of the deleted cache copy), and on this
# corpus that drift is as large as forkcheck's own cost under go vet.
for rep in $(seq 1 "$N"); do
	order="noop forkcheck"
	[ $((rep % 2)) = 1 ] || order="forkcheck noop"
	for driver in vet standalone; do
		for tool in $order; do
			measure "$driver" "$tool" "$rep"
		done
	done
done

# --- report ------------------------------------------------------------------
med() { # med DRIVER TOOL FIELD
	for f in "$OUT/$1-$2-"*.time; do "$3" "$f"; echo; done | median
}
findings() { grep -cE '^[^[:space:]]+\.go:[0-9]+:[0-9]+: ' "$1" || true; }

{
	echo
	echo "forkcheck benchmark: $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO" && [ -z "$(git status --porcelain 2>/dev/null)" ] || echo ' (uncommitted changes)'), $(go env GOVERSION), $(nproc) CPUs"
	echo "corpus ($SIZE): ${MODULES[*]}"
	echo "patterns: ${PATTERNS[*]}"
	echo "packages: $npkg; with dependencies: $ndeps; with dependencies and tests: $ntest; modules: $nmods"
	echo "go vet cache copies in $(dirname "$RUNCACHE")"
	echo "medians of $N runs (wall and CPU in seconds, peak RSS in MiB):"
	echo
	printf '%-11s %10s %10s %7s   %10s %10s %7s   %10s %10s %7s\n' driver noop-wall fc-wall ratio noop-cpu fc-cpu ratio noop-rss fc-rss ratio
	for driver in vet standalone; do
		nw=$(med $driver noop wall) fw=$(med $driver forkcheck wall)
		nc=$(med $driver noop cpu) fc=$(med $driver forkcheck cpu)
		nr=$(med $driver noop rss) fr=$(med $driver forkcheck rss)
		awk -v d="$driver" -v nw="$nw" -v fw="$fw" -v nc="$nc" -v fc="$fc" -v nr="$nr" -v fr="$fr" 'BEGIN {
			printf "%-11s %10.2f %10.2f %6.2fx   %10.2f %10.2f %6.2fx   %10.0f %10.0f %6.2fx\n",
				d, nw, fw, fw / nw, nc, fc, fc / nc, nr / 1024, fr / 1024, fr / nr }'
	done
	for driver in vet standalone; do
		for tool in noop forkcheck; do
			printf '  %-10s %-9s wall of each run: %s\n' "$driver" "$tool" "$(for f in "$OUT/$driver-$tool-"*.time; do printf '%s ' "$(wall "$f")"; done)"
		done
	done
	echo
	echo "targets: vet wall <= 1.10x, vet peak RSS <= 1.20x; standalone wall <= 1.50x, standalone peak RSS <= 1.30x"
	echo "(go vet's peak RSS is that of its largest single process: the go command or one tool run)"
	echo
	echo "forkcheck findings: standalone $(findings "$OUT/standalone-forkcheck-1.out"), go vet $(findings "$OUT/vet-forkcheck-1.out")"
	head -20 "$OUT/standalone-forkcheck-1.out" | sed 's/^/  /'
	echo "outputs and GNU time reports: $OUT"
	echo "took $(( $(date +%s) - START )) s"
} | tee "$OUT/summary.txt"

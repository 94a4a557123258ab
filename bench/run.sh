#!/usr/bin/env bash
# bench/run.sh: forkcheck against a no-op vet tool, and go vet's default
# suite, on corpora of real modules.
#
# Usage: bash bench/run.sh [-n REPS] [-c small|medium|large|wide|all|MODULE@VERSION[,...]] [-m warm|cold|rerun] [-d vet|standalone|both] [-x NAME=PATH]... [-h]
#   -n REPS   measured repetitions per tool and driver (default 3; env BENCH_N)
#   -c SIZE   corpus: small = golang.org/x/tools only; medium = x/tools,
#             runc and containerd; large = x/tools, runc, containerd and
#             moby; wide = prometheus, client-go and helm (a wide
#             dependency graph); all = small, medium, large and wide in
#             turn, then (warm) a growth table; MODULE@VERSION[,...]: the
#             patterns MODULE/... of the modules given, a corpus of their
#             own, warm or cold (default large; env BENCH_CORPUS)
#   -m MODE   warm (default): a build cache that holds every package's
#             export data, and forkcheck's fact cache filled by an earlier
#             run; cold: each run starts with an empty build cache and an
#             empty fact cache, standalone only, with x/tools' checker as a
#             third tool; rerun: warm caches, then one root package that
#             many roots import is edited before each run (a new exported
#             function), standalone only; every run starts from the same
#             copies of the caches (env BENCH_MODE)
#   -d DRIVER vet, standalone or both (default both; env BENCH_DRIVERS)
#   -x NAME=PATH  another build of forkcheck (an executable: an older
#             commit's binary, or a script that sets GOGC and runs one),
#             measured standalone, warm, as NAME beside the others, taking
#             turns with them; repeatable
# Scratch directory: ${BENCH_DIR:-/tmp/forkcheck-bench} (corpus modules,
# build caches, tool binaries, every run's output and GNU time report). Each
# go vet run's copy of the warm build cache (rerun: each run's copies of the
# build cache and the fact cache) goes to ${BENCH_TMPFS-/dev/shm} when it has
# room (BENCH_TMPFS= to keep it on disk, in the scratch directory).
#
# Tools: noop (a vet tool whose analyzer does nothing, the baseline),
# forkcheck, govet (go vet's default suite: go vet with no -vettool), and,
# cold, checker (forkcheck's analyzer under x/tools' checker, which loads
# everything from source). Warm, forkcheck's fact cache
# ($BENCH_DIR/factcache-SIZE) is filled by an unmeasured run first.
# Rerun: a corpus module of its own (corpus-SIZE-rerun) replaces the module
# of the edited package by a writable copy; a build cache
# (gocache-rerun-SIZE) and a fact cache are warmed for the unedited copy,
# unmeasured; each run gets fresh copies of them and the same edit, undone
# after the run.
# Drivers: go vet (go vet -vettool=TOOL PATTERNS; all three tools) and
# standalone (TOOL PATTERNS run in the corpus module; noop and forkcheck).
# The tools take turns (the order rotates each repetition); the summary
# (summary.txt in results-SIZE, results-SIZE-cold or results-SIZE-rerun)
# gives the median wall time, CPU time and peak RSS of each tool and their
# ratios to noop. -c all also writes results-growth.txt: per size, the
# package counts, the medians and forkcheck's extra wall time per 1000
# packages. See bench/README.md.
set -euo pipefail

# The header above, up to the first line that is not a comment.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

N=${BENCH_N:-3}
SIZE=${BENCH_CORPUS:-large}
MODE=${BENCH_MODE:-warm}
DRIVERS=${BENCH_DRIVERS:-both}
EXTRA=() # -x NAME=PATH
while getopts "n:c:m:d:x:h" opt; do
	case $opt in
	n) N=$OPTARG ;;
	c) SIZE=$OPTARG ;;
	m) MODE=$OPTARG ;;
	d) DRIVERS=$OPTARG ;;
	x) EXTRA+=("$OPTARG") ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
case $N in '' | *[!0-9]* | 0) echo "run.sh: -n wants a positive number, not '$N'" >&2; exit 2 ;; esac
case $SIZE in
small | medium | large | wide) SIZES=("$SIZE") ;;
all) SIZES=(small medium large wide) ;; # smallest first: a failure costs least there
[!@,]*@*[!@,]) SIZES=("$SIZE") ;;
*) echo "run.sh: -c wants small, medium, large, wide, all or MODULE@VERSION[,...], not '$SIZE'" >&2; exit 2 ;;
esac
case $MODE in
warm | cold | rerun) ;;
*) echo "run.sh: -m wants warm, cold or rerun, not '$MODE'" >&2; exit 2 ;;
esac
case $SIZE/$MODE in
*@*/rerun) echo "run.sh: -m rerun edits a package of a named corpus (small or wide), not of '$SIZE'" >&2; exit 2 ;;
esac
case $DRIVERS in
both) DRIVERS="vet standalone" ;;
vet | standalone) ;;
*) echo "run.sh: -d wants vet, standalone or both, not '$DRIVERS'" >&2; exit 2 ;;
esac
for x in "${EXTRA[@]}"; do
	case $x in
	[a-z]*=?*) [ -x "${x#*=}" ] && [ -f "${x#*=}" ] || { echo "run.sh: -x $x: ${x#*=} is not an executable file" >&2; exit 2; } ;;
	*) echo "run.sh: -x wants NAME=PATH (NAME in lower case), not '$x'" >&2; exit 2 ;;
	esac
	case ${x%%=*} in
	noop | forkcheck | govet | checker | warm | *[!a-z0-9]*) echo "run.sh: -x: '${x%%=*}' is taken or not a plain name" >&2; exit 2 ;;
	esac
done
[ ${#EXTRA[@]} = 0 ] || [ "$MODE" = warm ] || { echo "run.sh: -x measures warm runs only" >&2; exit 2; }
[ "$MODE" = warm ] || DRIVERS=standalone # cold, go vet compiles everything anyway: it says nothing new there; rerun measures the standalone driver

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/forkcheck-bench}
case $BENCH_DIR in
"$REPO" | "$REPO"/*) echo "run.sh: BENCH_DIR must be outside the repository" >&2; exit 2 ;;
esac
BIN=$BENCH_DIR/bin
TMPFS=${BENCH_TMPFS-/dev/shm} # where each go vet run's cache copy goes, if it fits
TIME=/usr/bin/time
VET_TOOLS=(noop forkcheck govet) # measured under go vet, in this order in repetition 1
STANDALONE_TOOLS=(noop forkcheck) # govet has no standalone driver
[ "$MODE" != cold ] || STANDALONE_TOOLS+=(checker)
EXTRA_TOOLS=() # the names of -x, builds of forkcheck
for x in "${EXTRA[@]}"; do EXTRA_TOOLS+=("${x%%=*}"); done
STANDALONE_TOOLS+=("${EXTRA_TOOLS[@]}")
is_extra() { [[ " ${EXTRA_TOOLS[*]} " == *" $1 "* ]]; }
has_driver() { [[ " $DRIVERS " == *" $1 "* ]]; }

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
mkdir -p "$BIN"
# A growth table left by an earlier -c all must not pass for this run's.
[ "$SIZE" != all ] || [ "$MODE" != warm ] || rm -f "$BENCH_DIR/results-growth.txt"

# --- the tools ---------------------------------------------------------------
# warm is the no-op tool built with a different linker flag: the same
# behaviour, but another binary, so another vet tool ID (go vet keys cached
# vet results by the tool's -V=full, a hash of the executable). It fills
# the warm cache without leaving any result that noop or forkcheck could hit,
# nor govet (see the warm cache below).
# The tools are built once, before the first size: others may edit the
# checkout while -c all runs, and every size must measure the same binary.
# The revision is noted now for the same reason.
log "building forkcheck, noop and warm from $REPO"
(
	cd "$REPO"
	go build -o "$BIN/forkcheck" ./cmd/forkcheck
	go build -o "$BIN/noop" ./bench/noop
	go build -o "$BIN/checker" ./bench/checker
	go build -ldflags=-X=main.benchWarmVariant=1 -o "$BIN/warm" ./bench/noop
)
cmp -s "$BIN/noop" "$BIN/warm" && die "warm and noop are the same binary"
for x in "${EXTRA[@]}"; do cp "${x#*=}" "$BIN/${x%%=*}"; done
REV="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO" && [ -z "$(git status --porcelain 2>/dev/null)" ] || echo ' (uncommitted changes)')"
GOVERSION=$(go env GOVERSION)

# The go vet run of the default suite uses cmd/vet, whose results go vet
# caches under cmd/vet's own ID (its -V=full: "vet version goX.Y.Z" on a
# release toolchain), which is neither warm's nor noop's.
[ "$("$(go env GOTOOLDIR)/vet" -V=full)" != "$("$BIN/warm" -V=full)" ] || die "warm and cmd/vet have the same tool ID"

# corpus SIZE: sets MODULES and PATTERNS, the real modules at pinned
# versions and the package patterns analysed, and the rerun mode's edit:
# EDIT_FUNC, a new exported function appended to EDIT_FILE of the module
# EDIT_MODULE (a path in the module).
# moby/moby/v2 v2.0.0-beta.24 requires runc v1.5.2 and containerd v2.4.2
# (MVS would raise lower pins to those), so those are the versions pinned
# here, in medium too: medium and large then differ only by moby. Root
# packages (with dependencies and tests, standard library included):
# small 216 (831), medium 528 (about 2,100), large 875 (3,842).
corpus() {
	MODULES=(golang.org/x/tools@v0.52.0)
	[ "$1" = small ] || MODULES+=(
		github.com/opencontainers/runc@v1.5.2
		github.com/containerd/containerd/v2@v2.4.2
	)
	[ "$1" != large ] || MODULES+=(github.com/moby/moby/v2@v2.0.0-beta.24)
	# wide: 551 packages, 2,819 with dependencies and tests, a graph of
	# the Kubernetes kind (client-go's, helm's). Not grpc: grpc/... would
	# match its examples, a module of its own at another version.
	[ "$1" != wide ] || MODULES=(
		github.com/prometheus/prometheus@v0.316.0
		k8s.io/client-go@v0.37.2
		helm.sh/helm/v3@v3.22.0
	)
	# PINS: modules at versions that the modules' requirements do not
	# select, with no pattern of their own. Wide's requirements select
	# go.opentelemetry.io/otel/log v1.47.0 and its sdk and exporters at
	# v0.19.0, which do not type-check against it; these are the versions
	# released with it.
	PINS=()
	[ "$1" != wide ] || PINS=(
		go.opentelemetry.io/otel/sdk/log@v1.47.0
		go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploggrpc@v0.23.0
		go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp@v0.23.0
		go.opentelemetry.io/otel/exporters/stdout/stdoutlog@v0.23.0
	)
	# MODULE@VERSION[,...]: the modules given, a user's own corpus.
	case $1 in *@*) IFS=, read -ra MODULES <<<"$1" ;; esac
	PATTERNS=()
	local m
	for m in "${MODULES[@]}"; do PATTERNS+=("${m%@*}/..."); done
	# The edit: a package that many roots import (directly: 64 of small's
	# 831 packages with tests import go/ast/inspector, 71 of wide's 2,819
	# model/labels), in a file built on every platform. A new exported
	# function changes the package's export data, so go list -export
	# compiles the package and its importers again, as after a
	# developer's change of its API; the function reads the package's own
	# types, as real code does.
	EDIT_MODULE=golang.org/x/tools
	EDIT_FILE=go/ast/inspector/inspector.go
	EDIT_FUNC='func BenchRerunEvents(in *Inspector) int { return len(in.events) }'
	if [ "$1" = wide ]; then
		EDIT_MODULE=github.com/prometheus/prometheus
		EDIT_FILE=model/labels/labels_common.go
		EDIT_FUNC='func BenchRerunString(l Label) string { return l.Name + "=" + l.Value }'
	fi
}

# crashed FILE: true when FILE shows a crash or an internal error.
crashed() { grep -qE '^panic: |^fatal error: |^goroutine [0-9]+ \[|internal error|SIGSEGV|out of memory' "$1"; }

# reports_only FILE: true when every line of FILE is a report (file:line:col:
# message, or its indented continuation) or a go vet package header (# pkg).
reports_only() { ! grep -vqE '^#|^[^[:space:]]+\.go:[0-9]+:[0-9]+: |^[[:space:]]' "$1"; }

# measure DRIVER TOOL REP: runs one measured run, checks its exit code.
measure() {
	local driver=$1 tool=$2 rep=$3 rc=0 note=
	local base=$OUT/$driver-$tool-$rep
	if [ "$driver" = vet ]; then
		local cmd=(go vet)
		[ "$tool" = govet ] || cmd+=(-vettool="$BIN/$tool")
		rm -rf "$RUNCACHE"
		cp -a "$WARM" "$RUNCACHE"
		sync
		GOCACHE=$RUNCACHE "$TIME" -v -o "$base.time" "${cmd[@]}" "${PATTERNS[@]}" >"$base.out" 2>&1 || rc=$?
		rm -rf "$RUNCACHE"
		sync
	elif [ "$MODE" = cold ]; then
		# Nothing compiled, no facts: the build cache and the fact cache
		# are new and empty (their removal is not timed).
		rm -rf "$COLD"
		mkdir -p "$COLD/gocache" "$COLD/facts"
		sync
		GOCACHE=$COLD/gocache FORKCHECK_CACHE=$COLD/facts "$TIME" -v -o "$base.time" "$BIN/$tool" "${PATTERNS[@]}" >"$base.out" 2>&1 || rc=$?
		rm -rf "$COLD"
		sync
	elif [ "$MODE" = rerun ]; then
		# Each run starts from copies of the warm caches, at the path where
		# they were warmed (see rerun_caches; copying is not timed): what
		# one run compiles for the edit (the no-op's go list -export) or
		# stores (forkcheck's facts) must not spare the next run that
		# work. The edit is made before the run, undone after it.
		rm -rf "$RUNCACHE" "$RUNFACTS"
		cp -a "$START_GC" "$RUNCACHE"
		cp -a "$START_FACTS" "$RUNFACTS"
		edit_root
		local gc facts
		gc=$(nfiles "$RUNCACHE") facts=$(nfiles "$RUNFACTS")
		sync
		GOCACHE=$RUNCACHE FORKCHECK_CACHE=$RUNFACTS "$TIME" -v -o "$base.time" "$BIN/$tool" "${PATTERNS[@]}" >"$base.out" 2>&1 || rc=$?
		restore_root
		echo "$(($(nfiles "$RUNCACHE") - gc)) $(($(nfiles "$RUNFACTS") - facts))" >"$base.added"
		rm -rf "$RUNCACHE" "$RUNFACTS"
		sync
		note=$(awk '{ printf ", files added: %d to the build cache, %d to the fact cache", $1, $2 }' "$base.added")
	else
		GOCACHE=$WARM FORKCHECK_CACHE=$FACTS "$TIME" -v -o "$base.time" "$BIN/$tool" "${PATTERNS[@]}" >"$base.out" 2>&1 || rc=$?
	fi
	echo "$rc" >"$base.rc"
	# noop never reports: anything but 0 is a failure. go vet exits 1 when
	# forkcheck or the default suite reports, forkcheck standalone exits 3;
	# all exit 1 on errors too, so a 1 is accepted from go vet only when
	# every line is a report.
	local ok=0 kind=$tool
	! is_extra "$tool" || kind=forkcheck
	case $kind/$driver/$rc in
	noop/*/0 | forkcheck/*/0 | govet/vet/0 | forkcheck/standalone/3 | checker/standalone/[03]) ok=1 ;;
	forkcheck/vet/1 | govet/vet/1) reports_only "$base.out" && ok=1 ;;
	esac
	if [ $ok = 0 ] || crashed "$base.out"; then
		tail -40 "$base.out" >&2
		die "$driver run of $tool failed (exit $rc; output: $base.out)"
	fi
	log "$(printf '%-6s %-10s %-9s rep %d: %s s, %s MiB, exit %d%s' "$CSIZE" "$driver" "$tool" "$rep" "$(wall "$base.time")" "$(( $(rss "$base.time") / 1024 ))" "$rc" "$note")"
}

# nfiles DIR: the number of files in DIR (a cache directory: the go command
# and forkcheck add files to it, and remove none but when they trim it, at
# most once a day).
nfiles() { find "$1" -type f | wc -l; }

# Fields of a GNU time -v report: wall seconds, CPU seconds, peak RSS in KiB.
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$1"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
median() { sort -g | awk 'NF { v[++n] = $1 } END { if (n % 2) print v[(n + 1) / 2]; else printf "%.2f\n", (v[n / 2] + v[n / 2 + 1]) / 2 }'; }
# med DIR DRIVER TOOL FIELD: the median of FIELD over the runs in DIR.
med() { for f in "$1/$2-$3-"*.time; do "$4" "$f"; echo; done | median; }
findings() { grep -cE '^[^[:space:]]+\.go:[0-9]+:[0-9]+: ' "$1" || true; }

# rotate K WORD...: the words rotated left by K (K mod their number).
rotate() {
	local k=$1
	shift
	local w=("$@") i
	for i in "${!w[@]}"; do printf '%s ' "${w[$(((i + k) % ${#w[@]}))]}"; done
}

# warm_caches: fills WARM (see the comments in bench) and forkcheck's fact
# cache FACTS, and sets RUNCACHE, where each go vet run's copy goes.
warm_caches() {
	if has_driver vet; then
		log "warming the build cache $WARM: go vet with the warm tool"
		GOCACHE=$WARM go vet -vettool="$BIN/warm" "${PATTERNS[@]}" >"$OUT/warm-vet.out" 2>&1 ||
			{ tail -20 "$OUT/warm-vet.out" >&2; die "go vet with the no-op tool failed on the $CSIZE corpus"; }
	fi
	log "warming: go list -export -compiled -deps -test"
	GOCACHE=$WARM go list -e -export -compiled -deps -test "${PATTERNS[@]}" >/dev/null 2>"$OUT/warm-list.out" ||
		{ tail -20 "$OUT/warm-list.out" >&2; die "go list -export failed on the $CSIZE corpus"; }

	run_cache_dir

	log "warming forkcheck's fact cache $FACTS: one run, not measured"
	rm -rf "$FACTS"
	GOCACHE=$WARM FORKCHECK_CACHE=$FACTS "$BIN/forkcheck" "${PATTERNS[@]}" >"$OUT/warm-facts.out" 2>&1 || true
	crashed "$OUT/warm-facts.out" && die "forkcheck crashed warming the fact cache ($OUT/warm-facts.out)"
	local x # each -x build keys its facts by its own executable
	for x in "${EXTRA_TOOLS[@]}"; do
		GOCACHE=$WARM FORKCHECK_CACHE=$FACTS "$BIN/$x" "${PATTERNS[@]}" >"$OUT/warm-facts-$x.out" 2>&1 || true
		crashed "$OUT/warm-facts-$x.out" && die "$x crashed warming the fact cache ($OUT/warm-facts-$x.out)"
	done
	return 0
}

# run_cache_dir: sets RUNCACHE and RUNFACTS, where each run's copies of
# the build cache WARM and the fact cache go: to a tmpfs when it has room
# for two copies of WARM (copying 2 GiB to this disk takes half a minute
# and its writeback disturbs the next run).
run_cache_dir() {
	local need
	need=$(du -sk "$WARM" | cut -f1)
	if [ -n "$TMPFS" ] && [ -d "$TMPFS" ] && [ -w "$TMPFS" ] &&
		[ "$(df -Pk "$TMPFS" | awk 'NR == 2 { print $4 }')" -gt $((2 * need)) ]; then
		RUNCACHE=$TMPFS/forkcheck-bench-gocache-$$
	else
		RUNCACHE=$BENCH_DIR/gocache-run
	fi
	RUNFACTS=$RUNCACHE-facts
}

# rerun_corpus: the rerun mode's corpus module, corpus-SIZE-rerun: the
# corpus module CORPUS whose go.mod replaces EDIT_MODULE by a writable copy
# of it (its directory mod), the version that CORPUS selects. Sets it up
# once, as CORPUS is; undoes an edit left by a run that was stopped; sets
# CORPUS to it, and EDIT_PATH (the file edited) and EDIT_ORIG (the
# original, in the module cache).
rerun_corpus() {
	local base=$CORPUS src stamp errs
	CORPUS=$BENCH_DIR/corpus-$CSIZE-rerun
	src=$(cd "$base" && go list -m -f '{{.Dir}}' "$EDIT_MODULE")
	[ -f "$src/$EDIT_FILE" ] || die "rerun: $EDIT_MODULE has no $EDIT_FILE (in $src)"
	stamp="$(cat "$base/.stamp") | $src"
	if [ ! -f "$CORPUS/.stamp" ] || [ "$(cat "$CORPUS/.stamp")" != "$stamp" ]; then
		log "setting up the rerun corpus module in $CORPUS: $EDIT_MODULE from $src, copied"
		rm -rf "$CORPUS"
		mkdir -p "$CORPUS"
		cp "$base/go.mod" "$base/go.sum" "$CORPUS/"
		cp -r "$src" "$CORPUS/mod"
		chmod -R u+w "$CORPUS/mod" # the module cache's files are read-only
		(cd "$CORPUS" && go mod edit -replace "$EDIT_MODULE=./mod")
		errs=$(cd "$CORPUS" && { go list -e -deps -test -f '{{with .Error}}{{.}}{{end}}' "${PATTERNS[@]}" 2>&1 | grep . | head -5 || true; })
		[ -z "$errs" ] || die "the rerun $CSIZE corpus does not load: $errs"
		printf '%s' "$stamp" >"$CORPUS/.stamp"
	fi
	EDIT_ORIG=$src/$EDIT_FILE
	EDIT_PATH=$CORPUS/mod/$EDIT_FILE
	restore_root
	local edited=$EDIT_MODULE/${EDIT_FILE%/*}
	[ "$(cd "$CORPUS" && go list -f '{{.Dir}}' "$edited")" = "$(dirname "$EDIT_PATH")" ] ||
		die "rerun: $EDIT_MODULE is not replaced by $CORPUS/mod"
	# The packages, test variants included, whose import lists name it.
	EDIT_IMPORTERS=$(cd "$CORPUS" && go list -deps -test -f '{{.ImportPath}}{{range .Imports}}|{{.}}{{end}}' "${PATTERNS[@]}" |
		awk -F'|' -v p="$edited" '{ for (i = 2; i <= NF; i++) if ($i == p || index($i, p " [") == 1) { n++; break } } END { print n + 0 }')
}

# edit_root and restore_root make the edit and undo it.
edit_root() { printf '\n// Appended by forkcheck'"'"'s bench/run.sh -m rerun.\n%s\n' "$EDIT_FUNC" >>"$EDIT_PATH"; }
restore_root() { cp "$EDIT_ORIG" "$EDIT_PATH"; }

# rerun_caches: the rerun mode's warm caches, from which every run starts:
# START_GC, a build cache, and START_FACTS, a fact cache, both warmed at the
# path the runs' copies of them get (RUNCACHE, RUNFACTS), and none of it
# measured. The go command stores paths into the build cache in some
# entries (export file names, cgo's output) and forkcheck keys a package
# whose files are in the build cache by their names: in a cache warmed
# elsewhere, go list would write about 160 entries anew in each run (small
# corpus) and forkcheck miss the facts of the dependencies that import cgo
# packages. First WARM, the build cache gocache-rerun-SIZE kept between
# invocations (first a copy of gocache-warm-SIZE, if there is one: the same
# dependencies, compiled), gets the export data of the copy's packages as
# warm_caches' go list gives it; then a copy of it at RUNCACHE gets what the
# go command stores there, and a forkcheck run fills the fact cache. A
# no-op run and a second forkcheck run check that neither would add
# anything to the caches without the edit: a run after the edit pays for
# the edit only.
rerun_caches() {
	local gc facts
	[ -z "$START_GC" ] || rm -rf -- "$START_GC" "$START_FACTS" # the previous size's
	if [ ! -d "$WARM" ] && [ -d "$BENCH_DIR/gocache-warm-$CSIZE" ]; then
		log "seeding $WARM with a copy of $BENCH_DIR/gocache-warm-$CSIZE"
		rm -rf "$WARM.tmp"
		cp -a "$BENCH_DIR/gocache-warm-$CSIZE" "$WARM.tmp"
		mv "$WARM.tmp" "$WARM"
	fi
	log "warming: go list -export -compiled -deps -test"
	GOCACHE=$WARM go list -e -export -compiled -deps -test "${PATTERNS[@]}" >/dev/null 2>"$OUT/warm-list.out" ||
		{ tail -20 "$OUT/warm-list.out" >&2; die "go list -export failed on the rerun $CSIZE corpus"; }
	run_cache_dir
	START_GC=$RUNCACHE-start START_FACTS=$RUNFACTS-start

	log "warming the copies $RUNCACHE and $RUNFACTS: go list -export, then forkcheck, not measured"
	rm -rf "$RUNCACHE" "$RUNFACTS"
	cp -a "$WARM" "$RUNCACHE"
	GOCACHE=$RUNCACHE go list -e -export -compiled -deps -test "${PATTERNS[@]}" >/dev/null 2>"$OUT/warm-list.out" ||
		{ tail -20 "$OUT/warm-list.out" >&2; die "go list -export failed on the rerun $CSIZE corpus"; }
	GOCACHE=$RUNCACHE FORKCHECK_CACHE=$RUNFACTS "$BIN/forkcheck" "${PATTERNS[@]}" >"$OUT/warm-facts.out" 2>&1 || true
	crashed "$OUT/warm-facts.out" && die "forkcheck crashed warming the fact cache ($OUT/warm-facts.out)"

	gc=$(nfiles "$RUNCACHE") facts=$(nfiles "$RUNFACTS")
	GOCACHE=$RUNCACHE "$BIN/noop" "${PATTERNS[@]}" >"$OUT/warm-noop.out" 2>&1 ||
		{ tail -20 "$OUT/warm-noop.out" >&2; die "the no-op tool failed on the rerun $CSIZE corpus"; }
	GOCACHE=$RUNCACHE FORKCHECK_CACHE=$RUNFACTS "$BIN/forkcheck" "${PATTERNS[@]}" >"$OUT/warm-facts2.out" 2>&1 || true
	gc=$(($(nfiles "$RUNCACHE") - gc)) facts=$(($(nfiles "$RUNFACTS") - facts))
	[ "$gc $facts" = "0 0" ] ||
		log "warning: without the edit, a no-op and a forkcheck run added $gc files to the build cache and $facts to the fact cache (now in them)"
	rm -rf "$START_GC" "$START_FACTS"
	mv "$RUNCACHE" "$START_GC"
	mv "$RUNFACTS" "$START_FACTS"
}

# bench SIZE: sets up the corpus of SIZE and its warm cache, measures every
# tool under each driver N times, writes results-SIZE/summary.txt.
bench() {
	# CSIZE names the corpus's directories: a corpus of modules given by
	# -c is named by them, their slashes and at signs made underscores.
	CSIZE=$(tr '/@,' '__+' <<<"$1")
	corpus "$1"
	CORPUS=$BENCH_DIR/corpus-$CSIZE
	WARM=$BENCH_DIR/gocache-warm-$CSIZE
	FACTS=$BENCH_DIR/factcache-$CSIZE
	COLD=$BENCH_DIR/cold
	OUT=$BENCH_DIR/results-$CSIZE$([ "$MODE" = warm ] || echo "-$MODE")
	local start
	start=$(date +%s)
	mkdir -p "$OUT"
	rm -f "$OUT"/*

	# --- the corpus module -----------------------------------------------
	# A throwaway module with no package of its own. `go get -t` of the
	# patterns at the pinned versions adds every module that the packages
	# and their tests import, with their go.sum entries (go mod tidy would
	# drop them all: the module imports nothing). It is set up once per pin
	# list and then reused. Each size has its own: MVS over fewer roots can
	# select lower versions of the shared dependencies.
	local stamp
	stamp="${MODULES[*]} | ${PATTERNS[*]} | ${PINS[*]} | $GOVERSION"
	if [ ! -f "$CORPUS/.stamp" ] || [ "$(cat "$CORPUS/.stamp")" != "$stamp" ]; then
		log "setting up the corpus module in $CORPUS"
		rm -rf "$CORPUS"
		mkdir -p "$CORPUS"
		printf 'module forkcheck.bench/corpus\n\ngo %s\n' "$(sed 's/^go//; s/-.*//' <<<"$GOVERSION")" >"$CORPUS/go.mod"
		local args=() i errs
		for i in "${!MODULES[@]}"; do args+=("${PATTERNS[$i]}@${MODULES[$i]#*@}"); done
		args+=("${PINS[@]}")
		(cd "$CORPUS" && go get -t "${args[@]}") >"$BENCH_DIR/go-get-$CSIZE.log" 2>&1 ||
			{ tail -20 "$BENCH_DIR/go-get-$CSIZE.log" >&2; die "go get of the $CSIZE corpus failed (log: $BENCH_DIR/go-get-$CSIZE.log)"; }
		errs=$(cd "$CORPUS" && { go list -e -deps -test -f '{{with .Error}}{{.}}{{end}}' "${PATTERNS[@]}" 2>&1 | grep . | head -5 || true; })
		[ -z "$errs" ] || die "the $CSIZE corpus does not load: $errs"
		printf '%s' "$stamp" >"$CORPUS/.stamp"
	fi

	if [ "$MODE" = rerun ]; then
		rerun_corpus
		WARM=$BENCH_DIR/gocache-rerun-$CSIZE
	fi
	cd "$CORPUS"
	local npkg ndeps ntest nmods
	npkg=$(go list "${PATTERNS[@]}" | wc -l)
	ndeps=$(go list -deps "${PATTERNS[@]}" | wc -l)
	ntest=$(go list -deps -test "${PATTERNS[@]}" | wc -l)
	nmods=$(go list -m all | wc -l)
	# For the growth table, which reads only what is in results-SIZE.
	echo "$npkg $ndeps $ntest $nmods" >"$OUT/counts"

	# --- the warm cache --------------------------------------------------
	# Measured runs must pay for analysis, not for compilation, and go vet
	# must not replay a previous run's results. go vet needs the compiled
	# export data of every dependency (and caches it), and since Go 1.26 it
	# also caches each package's vet result (facts and output) under a key
	# that includes the vet tool's ID (cmd/go/internal/work: vet(), keyed by
	# toolID("vet"), the vet flags and the package's build action). So:
	# fill WARM once with the warm tool under go vet (compiles everything go
	# vet needs, tests included) and with `go list -export -compiled -deps
	# -test` (export data and cgo output of the roots and test variants,
	# what the standalone drivers ask go list for); then each go vet run
	# gets a fresh copy of WARM (copy not timed): compilation hits, vet
	# results of noop, forkcheck and the default suite miss, always, in
	# every repetition. Nothing here ever runs the default suite with
	# GOCACHE=WARM (warming with it would leave govet nothing to do).
	# The standalone drivers never write vet results, so they use WARM itself.
	# Rerun: the same, for the corpus whose edited module is a copy (its
	# packages, in another directory, are compiled anew), the standalone
	# drivers only.
	case $MODE in
	warm) warm_caches ;;
	rerun) rerun_caches ;;
	esac
	log "corpus ($CSIZE, $MODE): $npkg packages, $ndeps with dependencies, $ntest with tests; $N repetitions"
	# A run can be slowed by the one before it (the machine's other work,
	# writeback of the deleted cache copy), and on these corpora that drift
	# is as large as forkcheck's own cost under go vet. So the order
	# changes each repetition: under go vet the three tools rotate (noop
	# forkcheck govet; forkcheck govet noop; govet noop forkcheck; ...),
	# so that in 3 repetitions each takes each place once; standalone the
	# two swap (noop, forkcheck; forkcheck, noop; ...).
	local rep tool
	for rep in $(seq 1 "$N"); do
		if has_driver vet; then
			for tool in $(rotate $((rep - 1)) "${VET_TOOLS[@]}"); do
				measure vet "$tool" "$rep"
			done
		fi
		if has_driver standalone; then
			for tool in $(rotate $((rep - 1)) "${STANDALONE_TOOLS[@]}"); do
				measure standalone "$tool" "$rep"
			done
		fi
	done

	# --- report ----------------------------------------------------------
	local driver tools nw nc nr fs
	{
		echo
		echo "forkcheck benchmark: $REV, $GOVERSION, $(nproc) CPUs"
		if [ "$MODE" = rerun ]; then
			echo "corpus ($CSIZE, warm caches, then one root package edited before each run): ${MODULES[*]}, $EDIT_MODULE replaced by $CORPUS/mod"
		else
			echo "corpus ($CSIZE, $MODE caches): ${MODULES[*]}"
		fi
		echo "patterns: ${PATTERNS[*]}"
		echo "packages: $npkg; with dependencies: $ndeps; with dependencies and tests: $ntest; modules: $nmods"
		if [ "$MODE" = rerun ]; then
			echo "edit: $EDIT_MODULE/$EDIT_FILE gets '$EDIT_FUNC'; $EDIT_IMPORTERS of the $ntest packages import its package directly"
			echo "each run's copies of the build cache and the fact cache in $(dirname "$RUNCACHE")"
		elif [ -n "$RUNCACHE" ] && has_driver vet; then
			echo "go vet cache copies in $(dirname "$RUNCACHE")"
		fi
		echo "medians of $N runs (wall and CPU in seconds, peak RSS in MiB; x noop: the ratio to noop under the same driver):"
		echo
		printf '%-11s %-10s %9s %8s   %9s %8s   %9s %8s\n' driver tool wall 'x noop' cpu 'x noop' rss 'x noop'
		for driver in $DRIVERS; do
			if [ $driver = vet ]; then tools=("${VET_TOOLS[@]}"); else tools=("${STANDALONE_TOOLS[@]}"); fi
			nw=$(med "$OUT" $driver noop wall) nc=$(med "$OUT" $driver noop cpu) nr=$(med "$OUT" $driver noop rss)
			for tool in "${tools[@]}"; do
				awk -v d="$driver" -v t="$tool" -v nw="$nw" -v nc="$nc" -v nr="$nr" \
					-v w="$(med "$OUT" $driver "$tool" wall)" -v c="$(med "$OUT" $driver "$tool" cpu)" -v r="$(med "$OUT" $driver "$tool" rss)" 'BEGIN {
					printf "%-11s %-10s %9.2f %7.2fx   %9.2f %7.2fx   %9.0f %7.2fx\n",
						d, t, w, w / nw, c, c / nc, r / 1024, r / nr }'
			done
		done
		for driver in $DRIVERS; do
			if [ $driver = vet ]; then tools=("${VET_TOOLS[@]}"); else tools=("${STANDALONE_TOOLS[@]}"); fi
			for tool in "${tools[@]}"; do
				printf '  %-10s %-9s wall of each run: %s\n' "$driver" "$tool" "$(for f in "$OUT/$driver-$tool-"*.time; do printf '%s ' "$(wall "$f")"; done)"
			done
		done
		if [ "$MODE" = rerun ]; then
			for tool in "${STANDALONE_TOOLS[@]}"; do
				printf '  %-10s %-9s files each run added to the build cache, the fact cache: %s\n' standalone "$tool" "$(cat "$OUT/standalone-$tool-"*.added | awk '{ printf "%d %d; ", $1, $2 }')"
			done
		fi
		if [ "$MODE" = cold ]; then
			awk -v f="$(med "$OUT" standalone forkcheck wall)" -v n="$(med "$OUT" standalone noop wall)" -v c="$(med "$OUT" standalone checker wall)" 'BEGIN {
				printf "cold wall: forkcheck %.2fx checker, noop %.2fx checker\n", f / c, n / c }'
		fi
		echo
		if [ "$MODE" = rerun ]; then
			echo "target (forkcheck x noop): standalone wall of a second run after changing one root package (warm caches) <= 1.10x"
		else
			echo "targets (forkcheck x noop): vet wall <= 1.10x, vet peak RSS <= 1.20x; standalone warm wall <= 1.10x, peak RSS <= 1.20x; cold wall <= 1.50x checker and <= 1.00x noop"
			echo "(go vet's peak RSS is that of its largest single process: the go command or one tool run)"
		fi
		echo
		! has_driver vet || echo "go vet default suite findings: $(findings "$OUT/vet-govet-1.out") (in $OUT/vet-govet-1.out)"
		fs=
		! has_driver standalone || fs="standalone $(findings "$OUT/standalone-forkcheck-1.out")"
		! has_driver vet || fs="${fs:+$fs, }go vet $(findings "$OUT/vet-forkcheck-1.out")"
		echo "forkcheck findings: $fs"
		! has_driver standalone || head -20 "$OUT/standalone-forkcheck-1.out" | sed 's/^/  /'
		echo "outputs and GNU time reports: $OUT"
		echo "took $(($(date +%s) - start)) s"
	} | tee "$OUT/summary.txt"
	cd "$BENCH_DIR"
}

# growth SIZE...: the growth table over the results of the given sizes, from
# results-SIZE alone (counts, and the GNU time reports of the runs).
growth() {
	local s out driver npkg ntest nw fw gw nr fr gr n
	echo
	echo "forkcheck growth: $REV, $GOVERSION, $(nproc) CPUs"
	for s in "$@"; do
		corpus "$s"
		echo "  $s: ${MODULES[*]}"
	done
	n=$(find "$BENCH_DIR/results-$1" -name "${DRIVERS%% *}-noop-*.time" | wc -l)
	echo "medians of $n runs per size, tool and driver; roots: packages matched by the patterns; all: with dependencies and tests"
	echo "(under go vet every tool runs on all of them; standalone, on the roots: the no-op loads the rest from export data, forkcheck too but for the dependencies whose facts need their source)"
	echo
	echo "wall time in seconds; extra = forkcheck - noop, in seconds, then per 1000 roots and per 1000 of all packages:"
	printf '%-7s %6s %6s  %-10s %8s %9s %8s %8s   %8s %9s %9s\n' size roots all driver noop forkcheck govet 'fc/noop' extra '/1k roots' '/1k all'
	for s in "$@"; do
		out=$BENCH_DIR/results-$s
		read -r npkg _ ntest _ <"$out/counts"
		for driver in $DRIVERS; do
			nw=$(med "$out" $driver noop wall) fw=$(med "$out" $driver forkcheck wall) gw=-
			[ $driver != vet ] || gw=$(med "$out" vet govet wall)
			awk -v s="$s" -v p="$npkg" -v a="$ntest" -v d="$driver" -v nw="$nw" -v fw="$fw" -v gw="$gw" 'BEGIN {
				printf "%-7s %6d %6d  %-10s %8.2f %9.2f %8s %7.2fx   %+8.2f %+9.2f %+9.2f\n",
					s, p, a, d, nw, fw, (gw == "-" ? "-" : sprintf("%.2f", gw)), fw / nw, fw - nw, (fw - nw) * 1000 / p, (fw - nw) * 1000 / a }'
		done
	done
	echo
	echo "peak RSS in MiB (under go vet: its largest single process):"
	printf '%-7s %6s %6s  %-10s %8s %9s %8s %8s\n' size roots all driver noop forkcheck govet 'fc/noop'
	for s in "$@"; do
		out=$BENCH_DIR/results-$s
		read -r npkg _ ntest _ <"$out/counts"
		for driver in $DRIVERS; do
			nr=$(med "$out" $driver noop rss) fr=$(med "$out" $driver forkcheck rss) gr=-
			[ $driver != vet ] || gr=$(med "$out" vet govet rss)
			awk -v s="$s" -v p="$npkg" -v a="$ntest" -v d="$driver" -v nr="$nr" -v fr="$fr" -v gr="$gr" 'BEGIN {
				printf "%-7s %6d %6d  %-10s %8.0f %9.0f %8s %7.2fx\n",
					s, p, a, d, nr / 1024, fr / 1024, (gr == "-" ? "-" : sprintf("%.0f", gr / 1024)), fr / nr }'
		done
	done
	echo
	echo "(the growth is linear where the extra per 1000 packages stays about the same from size to size)"
	echo "per-size summaries: $BENCH_DIR/results-{$(IFS=,; echo "$*")}/summary.txt"
	echo "all sizes took $(($(date +%s) - START)) s"
}

# Set per size; removed (the edit undone) on exit, whatever the exit.
RUNCACHE= RUNFACTS= START_GC= START_FACTS= EDIT_PATH=
cleanup() {
	local d
	for d in "$RUNCACHE" "$RUNFACTS" "$START_GC" "$START_FACTS"; do
		[ -z "$d" ] || rm -rf -- "$d"
	done
	[ -z "$EDIT_PATH" ] || restore_root
}
trap cleanup EXIT
for s in "${SIZES[@]}"; do
	bench "$s"
done
if [ "$SIZE" = all ] && [ "$MODE" = warm ]; then # growth reads the warm results
	growth "${SIZES[@]}" | tee "$BENCH_DIR/results-growth.txt"
fi

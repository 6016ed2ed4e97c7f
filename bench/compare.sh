#!/usr/bin/env bash
# bench/compare.sh: times `infoportal build` against Hugo and the floor (examples/floor.rs)
# on generated corpora, and prints a Markdown table. See bench/README.md.
#
#   bench/compare.sh            1,000 and 10,000 pages (all three tools), 50,000 pages
#                               (infoportal and the floor: Hugo there only adds minutes)
#   bench/compare.sh --quick    1,000 pages, one run each: a smoke test for CI
#
# Options: --sizes "1000 10000"  --seed N  --runs N  --warmup N  --notices  --keep  --work DIR
set -euo pipefail

NOW=2026-11-26 # the build date the corpus is written for (one version is upcoming after it)
SEED=1
SIZES="1000 10000 50000"
HUGO_MAX=10000 # largest corpus Hugo is timed on
RUNS=""
WARMUP=""
KEEP=0
QUICK=0
NOTICES=0
WORK="${BENCH_WORK:-/dev/shm/infoportal-bench}"

die() {
	echo "compare.sh: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case "$1" in
	--quick) QUICK=1 SIZES="1000" RUNS=1 WARMUP=0 ;;
	--sizes) SIZES="$2" && shift ;;
	--seed) SEED="$2" && shift ;;
	--runs) RUNS="$2" && shift ;;
	--warmup) WARMUP="$2" && shift ;;
	--notices) NOTICES=1 ;;
	--keep) KEEP=1 ;;
	--work) WORK="$2" && shift ;;
	-h | --help)
		sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown option '$1' (see --help)" ;;
	esac
	shift
done

# --- Tools ------------------------------------------------------------------------------

INSTALL_HINT="install them with: apt-get install -y hugo hyperfine time"
missing=()
for tool in cargo hugo hyperfine awk; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# GNU time, not the shell keyword: only it reports the peak resident set size (-v).
[ -x /usr/bin/time ] || missing+=("/usr/bin/time")
if [ ${#missing[@]} -gt 0 ]; then
	die "missing ${missing[*]}; $INSTALL_HINT (cargo: https://rustup.rs)"
fi

case "$WORK" in
*[[:space:]]*) die "--work must not contain spaces (hyperfine runs the commands without a shell)" ;;
esac
if [ "${WORK#/dev/shm/}" = "$WORK" ]; then
	echo "compare.sh: warning: $WORK is not under /dev/shm; disk speed will be part of the timings" >&2
elif [ ! -w /dev/shm ]; then
	die "/dev/shm is not writable; pass --work DIR on a tmpfs"
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
RESULTS="$TARGET/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS" "$WORK"
if [ "$KEEP" = 0 ]; then
	# tmpfs is memory: do not leave gigabytes of corpora and HTML behind.
	trap 'rm -rf "$WORK"' EXIT
fi

echo "Building release binaries..." >&2
(cd "$ROOT" && cargo build --release --quiet --bins --examples)
INFOPORTAL="$TARGET/release/infoportal"
GEN="$TARGET/release/examples/gen_corpus"
FLOOR="$TARGET/release/examples/floor"

# --- Helpers ----------------------------------------------------------------------------

# command_for TOOL PAGES: the exact build command (also shown in the report).
command_for() {
	local tool=$1 n=$2
	case "$tool" in
	infoportal) echo "$INFOPORTAL build --root $WORK/corpus-$n --out $WORK/out-$n-infoportal --now $NOW" ;;
	hugo) echo "hugo --source $WORK/hugo-$n --destination $WORK/out-$n-hugo --quiet" ;;
	floor) echo "$FLOOR --root $WORK/corpus-$n --out $WORK/out-$n-floor" ;;
	esac
}

# checked_run TOOL PAGES: one build under GNU time; a failed build stops everything, with
# its own output. Prints the peak RSS in KiB. The run also leaves an output folder behind,
# as a real rebuild would find it.
checked_run() {
	local tool=$1 n=$2
	local log="$RESULTS/$tool-$n.log" cmd
	cmd=$(command_for "$tool" "$n")
	# shellcheck disable=SC2086 # the command is a plain word list
	if ! /usr/bin/time -v $cmd >"$log" 2>&1; then
		echo "compare.sh: $tool failed on the $n-page corpus:" >&2
		echo "  $cmd" >&2
		if [ "$tool" = hugo ]; then
			# --quiet hides which ref is broken; run once more to show it.
			hugo --source "$WORK/hugo-$n" --destination "$WORK/out-$n-hugo" 2>&1 | tail -n 40 >&2 || true
		else
			grep -v '^\s' "$log" | tail -n 40 >&2 || true
		fi
		exit 1
	fi
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$log"
}

html_pages() {
	find "$1" -name '*.html' | wc -l
}

# time_rounds PAGES RUNS WARMUP TOOLS...: paired runs. Each round runs every tool once
# (hyperfine --runs 1), alternating the order, so a burst of load from elsewhere on a
# shared machine hits all tools alike instead of one tool's block of runs; the first round
# also does the warm-up runs. Per-run rows (hyperfine's CSV) collect in runs-PAGES.csv.
time_rounds() {
	local n=$1 runs=$2 warmup=$3 r i tool order
	shift 3
	local tools=("$@")
	echo "Timing the $n-page corpus: $runs rounds of ${tools[*]} ($warmup warm-up runs each)..." >&2
	: >"$RESULTS/runs-$n.csv"
	for r in $(seq 1 "$runs"); do
		order=("${tools[@]}")
		if [ $((r % 2)) = 0 ]; then
			order=()
			for ((i = ${#tools[@]} - 1; i >= 0; i--)); do order+=("${tools[$i]}"); done
		fi
		local args=(--shell=none --style none --runs 1 --warmup "$([ "$r" = 1 ] && echo "$warmup" || echo 0)"
			--export-json "$RESULTS/hyperfine-$n-round$r.json" --export-csv "$RESULTS/round.csv")
		for tool in "${order[@]}"; do
			args+=(-n "$tool" "$(command_for "$tool" "$n")")
		done
		hyperfine "${args[@]}" >/dev/null
		tail -n +2 "$RESULTS/round.csv" >>"$RESULTS/runs-$n.csv"
		printf '.' >&2
	done
	rm -f "$RESULTS/round.csv"
	echo >&2
}

# summarize PAGES TOOLS...: medians, CPU means and the table rows; results-PAGES.json.
summarize() {
	local n=$1 tool times median cpu
	shift
	local json="$RESULTS/results-$n.json" first=1
	printf '{\n  "pages": %d,\n  "results": [' "$n" >"$json"
	for tool in "$@"; do
		# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds)
		times=$(awk -F, -v t="$tool" '$1 == t { print $2 }' "$RESULTS/runs-$n.csv" | sort -g)
		median=$(echo "$times" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
		cpu=$(awk -F, -v t="$tool" '$1 == t { s += $5 + $6; k++ } END { print s / k }' "$RESULTS/runs-$n.csv")
		MEDIAN[$n,$tool]=$median
		CPU[$n,$tool]=$cpu
		[ "$first" = 1 ] || printf ',' >>"$json"
		first=0
		printf '\n    {"tool": "%s", "command": "%s", "median_s": %s, "cpu_mean_s": %s, "peak_rss_kib": %s, "html_pages": %s, "times_s": [%s]}' \
			"$tool" "$(command_for "$tool" "$n")" "$median" "$cpu" "${RSS[$tool]}" "${PAGES[$tool]}" \
			"$(echo "$times" | paste -sd, -)" >>"$json"
	done
	printf '\n  ]\n}\n' >>"$json"
	for tool in "$@"; do
		awk -v n="$n" -v tool="$tool" -v med="${MEDIAN[$n,$tool]}" -v cpu="${CPU[$n,$tool]}" \
			-v rss="${RSS[$tool]}" -v pages="${PAGES[$tool]}" \
			-v ip="${MEDIAN[$n,infoportal]}" -v floor="${MEDIAN[$n,floor]}" '
			function secs(s) { return s < 1 ? sprintf("%.0f ms", s * 1000) : sprintf("%.2f s", s) }
			function thousands(x,   s) {
				s = sprintf("%d", x)
				while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
				return s
			}
			BEGIN {
				printf "| %s | %s | %s | %s | %s MiB | %s | %.2f× | %.1f× |\n",
					thousands(n), tool, secs(med), secs(cpu), thousands(rss / 1024), thousands(pages), med / ip, med / floor
			}' >>"$TABLE"
	done
}

# --- Runs -------------------------------------------------------------------------------

TABLE="$RESULTS/summary.md"
declare -A MEDIAN CPU
{
	echo "| pages | tool | median wall | CPU (user+sys) | peak RSS | HTML pages | × infoportal | × floor |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|"
} >"$TABLE"

for n in $SIZES; do
	tools=(infoportal floor)
	gen_args=(--pages "$n" --seed "$SEED" --out "$WORK/corpus-$n" --force)
	[ "$NOTICES" = 0 ] || gen_args+=(--notices)
	if [ "$n" -le "$HUGO_MAX" ]; then
		tools=(infoportal hugo floor)
		gen_args+=(--hugo "$WORK/hugo-$n")
	fi
	echo "Generating the $n-page corpus..." >&2
	"$GEN" "${gen_args[@]}"

	declare -A RSS=() PAGES=()
	for tool in "${tools[@]}"; do
		rm -rf "$WORK/out-$n-$tool"
		RSS[$tool]=$(checked_run "$tool" "$n")
		PAGES[$tool]=$(html_pages "$WORK/out-$n-$tool")
	done

	# Fewer rounds as corpora grow: the spread shrinks as the runs get longer.
	if [ "$n" -le 1000 ]; then
		runs=${RUNS:-20} warmup=${WARMUP:-2}
	elif [ "$n" -le 10000 ]; then
		runs=${RUNS:-10} warmup=${WARMUP:-2}
	else
		runs=${RUNS:-5} warmup=${WARMUP:-1}
	fi
	time_rounds "$n" "$runs" "$warmup" "${tools[@]}"
	summarize "$n" "${tools[@]}"
done

# --- Report -----------------------------------------------------------------------------

scaling=""
prev=""
for n in $SIZES; do
	if [ -n "$prev" ]; then
		scaling+=$(awk -v a="$prev" -v b="$n" -v ia="${MEDIAN[$prev,infoportal]}" -v ib="${MEDIAN[$n,infoportal]}" \
			-v fa="${MEDIAN[$prev,floor]}" -v fb="${MEDIAN[$n,floor]}" \
			'BEGIN { printf "- %d → %d pages (×%.0f): infoportal ×%.1f, floor ×%.1f\n", a, b, b / a, ib / ia, fb / fa }')
		scaling+=$'\n'
	fi
	prev=$n
done

{
	echo
	echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
	echo "Date: $(date -u +%Y-%m-%d), infoportal ${BENCH_REV:-$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')}, $(hugo version | awk '{ print $1, $2 }'), $(hyperfine --version)"
	echo "Corpus: examples/gen_corpus --seed $SEED$([ "$NOTICES" = 0 ] || echo ' --notices'); infoportal builds with --now $NOW; output on $WORK (tmpfs)"
	if [ -n "$scaling" ]; then
		echo
		echo "Scaling of the median wall time (linear would be the page ratio):"
		echo
		printf '%s' "$scaling"
	fi
	if [ "$QUICK" = 1 ]; then
		echo
		echo "(--quick: one run each, a smoke test; do not quote these numbers)"
	fi
} >>"$TABLE"

echo
cat "$TABLE"
echo
echo "Raw results: $RESULTS" >&2

#!/bin/sh
# run.sh: time vmnetwatch reading a large DHCP capture against tcpdump and
# against a bare libpcap loop, in one run, and print the ratios. Machines
# are shared and noisy, so only ratios taken in the same run mean much.
#
# Environment: VMNW (the binary; default build/vmnetwatch, else one is
# built in bench/out/build), BENCH_PACKETS (1000000), BENCH_REPS (7),
# BENCH_TCPDUMP_REPS (3: a minute each), CC (cc).
#
# Exit status: 0 when everything ran, whatever the figures; 1 when
# something could not be built or run.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
packets=${BENCH_PACKETS:-1000000}
reps=${BENCH_REPS:-7}
tcpdump_reps=${BENCH_TCPDUMP_REPS:-3}
capture=$out/dhcp-$packets.pcap
results=$out/results
cc=${CC:-cc}

# Targets: how much faster than tcpdump, how close to a bare read, how big.
target_tcpdump=25
target_bare=3
target_rss_mib=32

# Stop with a message: something the measurement needs did not work.
bench_fail()
{
	echo "run.sh: $*" >&2
	exit 1
}

# Compiler and linker flags for libpcap, from pkg-config or pcap-config.
bench_pcap_flags()
{
	if pkg-config --exists libpcap 2>/dev/null; then
		pkg-config --"$1" libpcap
	elif command -v pcap-config >/dev/null; then
		pcap-config --"$1"
	else
		bench_fail "libpcap development files not found"
	fi
}

# Compile one of the helper programs (it takes a moment, so always).
bench_compile()
{
	src=$here/$1.c
	bin=$out/$1
	# shellcheck disable=SC2046
	$cc -O2 -std=c11 -Wall -Wextra $(bench_pcap_flags cflags) \
	    -o "$bin" "$src" $(bench_pcap_flags libs) ||
		bench_fail "cannot compile $src"
}

# Make sure a plain optimised vmnetwatch exists; print its path.
bench_vmnetwatch()
{
	if [ -n "${VMNW:-}" ]; then
		[ -x "$VMNW" ] || bench_fail "VMNW=$VMNW is not executable"
		echo "$VMNW"
		return 0
	fi
	if [ -x "$root/build/vmnetwatch" ]; then
		echo "$root/build/vmnetwatch"
		return 0
	fi
	mkdir -p "$out/build"
	echo "building vmnetwatch in $out/build" >&2
	(cd "$out/build" && "$root/configure" -q && make -j2 vmnetwatch) \
	    > "$out/build.log" 2>&1 ||
		bench_fail "build failed, see $out/build.log"
	echo "$out/build/vmnetwatch"
}

# Warn when the binary carries sanitizers: its figures would mean little.
bench_check_plain()
{
	if command -v ldd >/dev/null &&
	    ldd "$1" 2>/dev/null | grep -q -e asan -e ubsan; then
		echo "WARNING: $1 is built with sanitizers;" \
		    "its figures are not representative" >&2
	fi
}

# Pick how to read wall time (nanoseconds when date can) and find GNU time.
bench_detect_clock()
{
	case $(date +%N) in
	*[!0-9]*|'') ns_clock=no ;;
	*) ns_clock=yes ;;
	esac
	for time_cmd in /usr/bin/time gtime ''; do
		[ -n "$time_cmd" ] || bench_fail "GNU time not found" \
		    "(apt-get install time; brew install gnu-time)"
		"$time_cmd" -f '%M' true >/dev/null 2>&1 && break
	done
}

# Current time in nanoseconds, or nothing when date cannot say.
bench_now()
{
	[ "$ns_clock" = yes ] && date +%s%N
	return 0
}

# Run a command once under GNU time; its exit status.
bench_timed()
{
	"$time_cmd" -f '%e %U %S %M' -o "$out/rusage" "$@" \
	    > /dev/null 2> "$out/stderr"
}

# Turn the rusage record into "wall cpu rss_kib"; a failing command's
# record starts with a line of its own.
bench_rusage()
{
	awk 'NF == 4 && $1 ~ /^[0-9.]+$/ { print $1, $2 + $3, $4 }' \
	    "$out/rusage" | tail -n 1
}

# Time one command once and append "wall cpu rss" to its result file.
bench_once()
{
	label=$1
	maxrc=$2
	shift 2
	t0=$(bench_now)
	rc=0
	bench_timed "$@" || rc=$?
	t1=$(bench_now)
	if [ "$rc" -gt "$maxrc" ]; then
		cat "$out/stderr" >&2
		bench_fail "$label exited with status $rc"
	fi
	# shellcheck disable=SC2046
	set -- $(bench_rusage)
	[ $# -eq 3 ] || bench_fail "cannot read the rusage of $label"
	if [ -n "$t0" ]; then
		wall=$(awk -v a="$t0" -v b="$t1" -v o="$overhead" \
		    'BEGIN { w = (b - a) / 1e9 - o; print (w > 0 ? w : 0) }')
	else
		wall=$1
	fi
	echo "$wall $2 $3" >> "$results/$label"
}

# What starting a command under time costs, taken off every wall time.
bench_calibrate()
{
	overhead=0
	rm -rf "$results"
	mkdir -p "$results"
	[ "$ns_clock" = yes ] || return 0
	for _ in 1 2 3 4 5; do
		bench_once overhead 0 true
	done
	overhead=$(sort -n "$results/overhead" | awk 'NR == 1 { print $1 }')
}

# Best and median wall time, best CPU time and peak RSS of one label.
bench_summary()
{
	sort -n "$results/$1" | awk '
	{ w[NR] = $1; if (NR == 1 || $2 < c) c = $2; if ($3 > r) r = $3 }
	END {
		m = NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2
		printf "%d %.3f %.3f %.3f %.1f\n", NR, w[1], m, c, r / 1024
	}'
}

# One field of a summary: 1 runs, 2 best, 3 median, 4 cpu, 5 rss MiB.
bench_field()
{
	bench_summary "$1" | awk -v f="$2" '{ print $f }'
}

# Check that vmnetwatch read the whole file; print what it found.
bench_sanity()
{
	rc=0
	"$vmnw" --report --json -r "$capture" > "$out/report.json" \
	    2> "$out/stderr" || rc=$?
	if [ "$rc" -gt 1 ]; then
		cat "$out/stderr" >&2
		bench_fail "vmnetwatch --report exited with status $rc"
	fi
	command -v jq >/dev/null || {
		echo "(jq missing: packet count of the report not checked)"
		return 0
	}
	seen=$(jq -r '.dhcp.packets' "$out/report.json") ||
		bench_fail "vmnetwatch --json printed no valid JSON"
	[ "$seen" = "$packets" ] ||
		bench_fail "vmnetwatch saw $seen packets of $packets"
	jq -r '"vmnetwatch saw \(.dhcp.packets) packets, " +
	    "\(.dhcp.transactions | length) transactions in the report, " +
	    "\([.dhcp.transactions[] | select(.answered == false)] |
	    length) of them unanswered, exit status '"$rc"'"' \
	    "$out/report.json"
}

# Run every command round-robin, so that noise spreads over all of them.
bench_rounds()
{
	round=1
	while [ "$round" -le "$reps" ] || [ "$round" -le "$tcpdump_reps" ]; do
		echo "round $round" >&2
		if [ "$round" -le "$tcpdump_reps" ]; then
			bench_once tcpdump 0 tcpdump -nv -r "$capture"
		fi
		if [ "$round" -le "$reps" ]; then
			bench_once bareread 0 "$out/bareread" "$capture"
			bench_once vmnw-text 1 "$vmnw" --report -r "$capture"
			bench_once vmnw-json 1 "$vmnw" --report --json \
			    -r "$capture"
		fi
		round=$((round + 1))
	done
}

# The table of raw figures.
bench_table()
{
	printf '\n%-34s %4s %9s %9s %9s %8s\n' command runs best median \
	    cpu rss
	printf '%-34s %4s %9s %9s %9s %8s\n' "" "" "(s)" "(s)" "(s)" "(MiB)"
	for pair in "tcpdump:tcpdump -nv -r FILE" "bareread:bareread FILE" \
	    "vmnw-text:vmnetwatch --report -r FILE" \
	    "vmnw-json:vmnetwatch --report --json -r FILE"; do
		# shellcheck disable=SC2046
		set -- $(bench_summary "${pair%%:*}")
		printf '%-34s %4s %9s %9s %9s %8s\n' "${pair#*:}" "$@"
	done
}

# One ratio line: name, value, comparison, target, a note.
bench_verdict()
{
	awk -v name="$1" -v v="$2" -v op="$3" -v t="$4" -v note="$5" 'BEGIN {
		ok = op == ">=" ? v >= t : op == "<=" ? v <= t : v < t
		printf "%-32s %8.2f  target %s %-3s %s%s\n", name, v, op,
		    t, ok ? "PASS" : "MISS", note == "" ? "" : "  " note
	}'
}

# Ratios from the best runs (median-based ones in brackets) and the RSS.
bench_ratios()
{
	echo
	for mode in text json; do
		v=vmnw-$mode
		best=$(awk -v a="$(bench_field tcpdump 2)" \
		    -v b="$(bench_field $v 2)" 'BEGIN { print a / b }')
		med=$(awk -v a="$(bench_field tcpdump 3)" \
		    -v b="$(bench_field $v 3)" 'BEGIN { printf "%.2f", a / b }')
		bench_verdict "tcpdump/vmnetwatch ($mode)" "$best" ">=" \
		    "$target_tcpdump" "(median $med)"
		best=$(awk -v a="$(bench_field $v 2)" \
		    -v b="$(bench_field bareread 2)" 'BEGIN { print a / b }')
		med=$(awk -v a="$(bench_field $v 3)" \
		    -v b="$(bench_field bareread 3)" \
		    'BEGIN { printf "%.2f", a / b }')
		bench_verdict "vmnetwatch/bareread ($mode)" "$best" "<=" \
		    "$target_bare" "(median $med)"
		bench_verdict "vmnetwatch peak RSS MiB ($mode)" \
		    "$(bench_field $v 5)" "<" "$target_rss_mib" ""
	done
}

# Instruction counts, where the machine exposes the counter.
bench_instructions()
{
	echo
	if ! command -v perf >/dev/null; then
		echo "perf: not installed, no instruction counts"
		return 0
	fi
	probe=$(perf stat -x, -e instructions true 2>&1 >/dev/null |
	    awk -F, '/instructions/ { print $1 }')
	case $probe in
	''|*[!0-9]*)
		echo "perf: instructions counter not available here" \
		    "(${probe:-no output})"
		return 0 ;;
	esac
	bench_count bareread "$out/bareread" "$capture"
	bench_count vmnetwatch "$vmnw" --report -r "$capture"
}

# Print the instructions one command retires.
bench_count()
{
	label=$1
	shift
	n=$(perf stat -x, -e instructions "$@" 2>&1 >/dev/null |
	    awk -F, '/instructions/ { print $1 }')
	echo "instructions $label: $n"
}

bench_detect_clock
command -v tcpdump >/dev/null || bench_fail "tcpdump is not installed"
mkdir -p "$out"
bench_compile gen
bench_compile bareread
[ -s "$capture" ] || "$out/gen" -n "$packets" -o "$capture" ||
	bench_fail "cannot generate $capture"
vmnw=$(bench_vmnetwatch)
bench_check_plain "$vmnw"

echo "capture:    $capture ($(wc -c < "$capture") bytes, $packets packets)"
echo "vmnetwatch: $vmnw"
echo "machine:    $(uname -sm), $(getconf _NPROCESSORS_ONLN 2>/dev/null ||
    echo '?') cpus, $(date '+%Y-%m-%d %H:%M')"
echo "runs:       $reps each (tcpdump $tcpdump_reps), round-robin," \
    "page cache warm"
cat "$capture" > /dev/null
bench_sanity
bench_calibrate
echo "overhead:   $(awk -v o="$overhead" 'BEGIN { printf "%.1f", o * 1000 }')" \
    "ms per run (starting time and date), taken off every wall time"
bench_rounds
bench_table
bench_ratios
bench_instructions

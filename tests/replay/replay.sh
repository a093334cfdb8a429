#!/bin/sh
# Replay tests: public captures and our lab's captures through the real
# binary. Each must be read without a crash or a sanitizer report, agree
# with tcpdump's reference decode, and match its golden --report output.
# VMNW_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.

. "$VMNW_SRCDIR/tests/tap.sh"

here=$VMNW_SRCDIR/tests/replay
corpus=${VMNW_SHARED:-$VMNW_SRCDIR/../shared}/corpus/pcaps
fixtures=$VMNW_SRCDIR/tests/fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="detect_leaks=0:exitcode=86"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=87:print_stacktrace=1"

# Run vmnetwatch from the capture's folder so reports name no path.
report()
{
	(cd "$(dirname "$1")" && shift_file=$(basename "$1") &&
	    shift && "$VMNW" --report "$@" -r "$shift_file")
}

# Exit 0 or 1 is a report; anything else, or a sanitizer, is a crash.
check_runs()
{
	name=$1 file=$2
	report "$file" --json >"$work/$name.json" 2>"$work/$name.err"
	rc=$?
	if [ $rc -gt 1 ] || grep -q Sanitizer "$work/$name.err"; then
		tap_fail "$name: read without a crash" "exit $rc"
		tap_diag "$(head -20 "$work/$name.err")"
		return 1
	fi
	tap_check "$name: JSON report parses" \
	    python3 -m json.tool "$work/$name.json" /dev/null
}

check_tcpdump()
{
	name=$1 out=$2
	if python3 "$here/compare-tcpdump.py" "$out" "$work/$name.json" \
	    >"$work/$name.cmp"; then
		tap_pass "$name: agrees with tcpdump's decode"
	else
		tap_fail "$name: agrees with tcpdump's decode"
		tap_diag "$(cat "$work/$name.cmp")"
	fi
}

check_golden()
{
	name=$1 file=$2 golden=$here/golden/$1.txt
	report "$file" >"$work/$name.txt" 2>&1
	if [ -n "${VMNW_UPDATE_GOLDEN:-}" ]; then
		cp "$work/$name.txt" "$golden"
	fi
	if diff -u "$golden" "$work/$name.txt" >"$work/$name.diff"; then
		tap_pass "$name: report matches golden output"
	else
		tap_fail "$name: report matches golden output"
		tap_diag "$(head -40 "$work/$name.diff")"
	fi
}

replay_corpus()
{
	if [ ! -d "$corpus" ]; then
		tap_skip "public captures" "no corpus at $corpus"
		return
	fi
	for file in "$corpus"/*.pcap "$corpus"/*.pcapng; do
		name=$(basename "$file")
		name=${name%.*}
		check_runs "$name" "$file" || continue
		for out in "$corpus/$name.out" "$corpus/$name-v.out"; do
			[ -f "$out" ] && check_tcpdump "$name" "$out"
		done
		check_golden "$name" "$file"
	done
}

# The lab's own captures: a healthy exchange exits 0, a blocked one 1.
replay_lab()
{
	for name in lab-healthy:0 lab-blocked:1; do
		want=${name#*:}
		name=${name%:*}
		check_runs "$name" "$fixtures/$name.pcap" || continue
		report "$fixtures/$name.pcap" >/dev/null 2>&1
		rc=$?
		if [ $rc -eq "$want" ]; then
			tap_pass "$name: --report exits $want"
		else
			tap_fail "$name: --report exits $want" "got $rc"
		fi
		check_golden "$name" "$fixtures/$name.pcap"
	done
}

# A cut file is read up to the cut and said so; a non-capture exits 3.
replay_damaged()
{
	head -c 700 "$fixtures/lab-healthy.pcap" >"$work/cut.pcap"
	check_runs cut "$work/cut.pcap" &&
	    tap_check "cut file: the report says where reading stopped" \
		grep -q "stopped reading" "$work/cut.json"
	echo "not a capture" >"$work/text.pcap"
	"$VMNW" --report -r "$work/text.pcap" >/dev/null 2>"$work/text.err"
	rc=$?
	if [ $rc -eq 3 ] && grep -q "cannot read" "$work/text.err"; then
		tap_pass "not a capture: exit 3 with a clear error"
	else
		tap_fail "not a capture: exit 3 with a clear error" \
		    "exit $rc: $(cat "$work/text.err")"
	fi
}

# What -w saves reads back to the same transactions.
replay_write()
{
	file=$fixtures/lab-healthy.pcap
	report "$file" --json -w "$work/saved.pcap" >"$work/a.json" 2>&1
	report "$work/saved.pcap" --json >"$work/b.json" 2>&1
	tap_check "-w saves packets that replay the same" python3 -c '
import json, sys
a, b = (json.load(open(p))["dhcp"] for p in sys.argv[1:])
sys.exit(a["transactions"] != b["transactions"] or
         a["packets"] != b["packets"] or a["packets"] == 0)
' "$work/a.json" "$work/b.json"
}

replay_corpus
replay_lab
replay_damaged
replay_write
echo "1..$TAP_N"
tap_done

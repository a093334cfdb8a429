#!/usr/bin/env bash
# Lab test: a firewall probe that hangs, babbles or is missing leaves the
# state unknown, with the reason, and never holds up the report; on the
# screen, keys still work while the probe hangs.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

sim=$src/tests/sim/socketfilterfw
socket=vmnwfw$$

lab_test_setup
tap_plan 10
export SFW_STATE=$LAB_DIR/sfw.state

# Run one report with the probe's environment in $@; sets ELAPSED.
timed_report()
{
	local t0 t1

	t0=$(date +%s.%N)
	lab_vmnw_start --report --json --duration 1 -i bridge100 \
	    --socketfilterfw "$@"
	lab_vmnw_wait 15
	t1=$(date +%s.%N)
	ELAPSED=$(echo "$t1 - $t0" | bc)
}

# Whether ELAPSED is below $1 seconds.
faster_than()
{
	[ "$(echo "$ELAPSED < $1" | bc)" = 1 ]
}

export SFW_HANG=1
timed_report "$sim"
unset SFW_HANG
tap_check "hung probe: the report ends in time (${ELAPSED} s)" \
    faster_than 5
tap_check "hung probe: exits 0" [ "$LAB_VMNW_STATUS" = 0 ]
tap_check "hung probe: state unknown, reason says no answer" lab_json \
    '.firewall.state == "unknown" and
    (.firewall.reason | test("no answer within"))'
lab_test_explain

export SFW_BABBLE=1
timed_report "$sim"
unset SFW_BABBLE
tap_check "babbling probe: killed, state unknown (${ELAPSED} s)" lab_json \
    '.firewall.state == "unknown" and
    (.firewall.reason | test("more than 64 KiB"))'
tap_check "babbling probe: the report ends in time" faster_than 5

timed_report "$LAB_DIR/no-such-socketfilterfw"
tap_check "missing probe: state unknown, reason cannot run" lab_json \
    '.firewall.state == "unknown" and
    (.firewall.reason | test("cannot run .*No such file"))'
tap_check "missing probe: the rule is unknown, not blocked" lab_json \
    '.dhcp_rule.verdict == "unknown" and .dhcp_rule.listed == null'
lab_test_explain

# The screen: tmux drives the real program while its probe hangs.
tm()
{
	tmux -L "$socket" -f /dev/null "$@"
}

# Poll the pane for an ERE for up to $2 seconds.
pane_shows()
{
	local i

	for i in $(seq $(($2 * 10))); do
		tm capture-pane -p -t fw 2>/dev/null | grep -Eq -- "$1" &&
		    return 0
		sleep 0.1
	done
	return 1
}

if ! command -v tmux >/dev/null 2>&1; then
	for i in 1 2 3; do
		tap_skip "screen with a hung probe" "tmux is not installed"
	done
	tap_done
fi
trap 'tm kill-server >/dev/null 2>&1; lab_cleanup' EXIT
tm new-session -d -s fw -x 120 -y 30 "TERM=xterm-256color SFW_HANG=1 \
    SFW_STATE='$SFW_STATE' '$VMNW' -r '$src/tests/fixtures/lab-healthy.pcap' \
    --socketfilterfw '$sim'; echo EXITED \$?; sleep 30"
tap_check "screen: comes up while the probe hangs" pane_shows 'DHCP' 3
tm send-keys -t fw '?'
tap_check "screen: the help key answers at once" pane_shows '[Hh]elp' 2
tm send-keys -t fw '?'
sleep 0.3
tm send-keys -t fw q
tap_check "screen: q quits promptly" pane_shows 'EXITED 0' 3
tm kill-server >/dev/null 2>&1
tap_done

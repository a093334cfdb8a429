#!/bin/sh
# Screen test: the real binary in a tmux pane replaying the lab captures,
# checked by what a person would see. Speaks TAP.
#
# Environment: VMNW (the binary), VMNW_SRCDIR (the source tree).

VMNW=${VMNW:-./vmnetwatch}
srcdir=${VMNW_SRCDIR:-.}
healthy=$srcdir/tests/fixtures/lab-healthy.pcap
blocked=$srcdir/tests/fixtures/lab-blocked.pcap
healthy_mac=52:54:00:6c:ab:01
blocked_mac=52:54:00:6c:ab:03
width=120
height=30
socket=vmnwtest$$
session=feed

if [ ! -x "$VMNW" ]; then
	echo "Bail out! $VMNW is not an executable"
	exit 1
fi
. "$srcdir/tests/screen/lib.sh"
screen_plan 15

# The layout after a resize: header on top, status at the bottom, the
# rows in between, nothing left over from the larger size.
layout_clean() {
	rows=$1
	[ "$(wc -l <"$tmp/screen")" -eq "$rows" ] || return 1
	head -n 1 "$tmp/screen" | grep -q '^ vmnetwatch' || return 1
	tail -n 1 "$tmp/screen" | grep -q 'quit' || return 1
	[ "$(grep -c vmnetwatch "$tmp/screen")" -eq 1 ] || return 1
	[ "$(grep -c 'DHCP feed' "$tmp/screen")" -eq 1 ] || return 1
	[ "$(grep -c "$healthy_mac" "$tmp/screen")" -eq 4 ] || return 1
	last=$(grep -n "$healthy_mac" "$tmp/screen" | tail -n 1 | cut -d: -f1)
	sed -n "$((last + 1)),$((rows - 1))p" "$tmp/screen" | grep -q '[^ ]' &&
	    return 1
	return 0
}

# Paused after the first of three DISCOVERs: one row, two more counted.
paused_first() {
	all_of 'PAUSED \+2 new' || return 1
	[ "$(grep -c DISCOVER "$tmp/screen")" -eq 1 ]
}

healthy_cases() {
	start "$healthy"
	wait_for ' ACK ' 15
	wait_for '4 packets' 5

	check "header names the file and counts its packets" \
	    all_of '^ vmnetwatch .*lab-healthy\.pcap' '4 packets' \
	    '0 unanswered'
	check "feed shows DISCOVER, OFFER, REQUEST and ACK of $healthy_mac" \
	    all_of "DISCOVER .*$healthy_mac" "OFFER .*$healthy_mac" \
	    "REQUEST .*$healthy_mac" "ACK .*$healthy_mac"
	check "requests say how fast they were answered, with the hostname" \
	    all_of "DISCOVER .*answered in [0-9.]+ ms +web" \
	    "REQUEST .*answered in [0-9.]+ ms +web"

	keys / AB:01 Enter
	wait_for 'filter: AB:01'
	check "a filter on part of the MAC (any case) keeps its packets" \
	    all_of 'DHCP feed +4 matching' "ACK .*$healthy_mac"
	keys / BSpace BSpace BSpace BSpace BSpace 7f:ee Enter
	wait_for 'filter: 7f:ee'
	check "a filter matching no MAC or hostname hides every packet" \
	    wait_gone "$healthy_mac" 3
	keys / BSpace BSpace BSpace BSpace BSpace Enter
	check "an empty filter shows everything again" \
	    wait_for "ACK .*$healthy_mac" 3

	keys Home Enter End
	wait_for 'Packet #1 '
	check "Enter shows the packet decoded, options and MAC included" \
	    wait_for "Client-ID.*$healthy_mac" 3
	keys Escape
	wait_for 'DHCP feed'

	# Every key at once needs room: more than 120x30 holds since the
	# lease pane, layout and fix keys joined.
	tm resize-window -t "$session" -x 180 -y 50
	keys '?'
	wait_for 'vmnetwatch keys'
	check "? lists every key" all_of '^ +Up ' '^ +Down ' 'PgUp ' \
	    'PgDn ' 'Home ' 'End ' 'Enter ' ' q ' ' p ' ' c ' ' / ' \
	    ' \? ' 'Esc ' 'Backspace '
	keys Escape
	wait_for 'DHCP feed'
	tm resize-window -t "$session" -x "$width" -y "$height"

	keys p
	check "p pauses the view" wait_for 'PAUSED \+0 new' 3
	keys p
	wait_gone PAUSED 3

	tm resize-window -t "$session" -x 90 -y 20
	check "after shrinking: header, feed and status, no debris" \
	    settle 3 layout_clean 20
	tm resize-window -t "$session" -x "$width" -y "$height"
	check "after growing back: the same, at the full size" \
	    settle 3 layout_clean "$height"

	keys q
	status=$(wait_status 5)
	check "q quits with status 0" [ "$status" = 0 ]
	stop
}

blocked_cases() {
	start "$blocked"
	wait_for "DISCOVER .*$blocked_mac" 15
	keys p
	wait_for '3 packets' 15
	check "paused: the view holds while capture goes on" paused_first
	keys p

	wait_for 'UNANSWERED' 10
	check "unanswered DISCOVERs from $blocked_mac are flagged" \
	    all_of "DISCOVER .*$blocked_mac +UNANSWERED +blocked" \
	    '[0-9]+ UNANSWERED'
	keys C-c
	status=$(wait_status 5)
	check "Ctrl-C quits with status 0" [ "$status" = 0 ]
	stop
}

if [ -r "$healthy" ]; then
	healthy_cases
else
	for i in $(seq 1 12); do
		skip "fixture $healthy is missing"
	done
fi

if [ -r "$blocked" ]; then
	blocked_cases
else
	for i in $(seq 1 3); do
		skip "fixture $blocked is missing"
	done
fi

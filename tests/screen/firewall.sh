#!/bin/sh
# Screen test: the firewall pane against the socketfilterfw simulator,
# in both macOS generations, flapping, and with a probe that hangs.
# Speaks TAP. Environment: VMNW (the binary), VMNW_SRCDIR (the sources).

VMNW=${VMNW:-./vmnetwatch}
srcdir=${VMNW_SRCDIR:-.}
sim=$srcdir/tests/sim/socketfilterfw
capture=$srcdir/tests/fixtures/lab-blocked.pcap
width=110
height=24
socket=vmnwfw$$
session=fw

. "$srcdir/tests/screen/lib.sh"
screen_plan 10


# start_sim ENV...: replay the blocked capture with the simulator as the
# firewall; ENV assignments configure the simulator.
start_sim() {
	rm -f "$tmp/status"
	tm new-session -d -s "$session" -x "$width" -y "$height" \
	    "env TERM=xterm-256color SFW_STATE=$tmp/sfw.state $* \
	    \"$VMNW\" -r \"$capture\" --socketfilterfw \"$sim\"; \
	    echo \$? >\"$tmp/status\"; sleep 60"
	socket_path=$(tm display-message -p '#{socket_path}')
}

# sfw ARG...: change the simulated firewall's state, as a user would.
sfw() {
	SFW_STATE=$tmp/sfw.state "$sim" "$@" >/dev/null
}

bootpd_blocked() {
	rm -f "$tmp/sfw.state"
	sfw --setglobalstate on
	sfw --add /usr/libexec/bootpd
	sfw --blockapp /usr/libexec/bootpd
}

generation_cases() {
	for gen in 14 15; do
		bootpd_blocked
		start_sim SFW_GENERATION=$gen
		check "macOS $gen: the pane says the firewall is ON" \
		    wait_for '^ Firewall +ON +since' 10
		check "macOS $gen: bootpd is listed and blocked" \
		    wait_for 'bootpd rule: listed, blocked.*-> blocked' 5
		keys q
		wait_status 5 >/dev/null
		stop
	done
}

flapping_case() {
	bootpd_blocked
	# The agent waits long enough for a 1 s poll to see the switch off.
	start_sim SFW_AGENT=4
	wait_for '^ Firewall +ON' 10
	sfw --setglobalstate off
	wait_for '^ Firewall +OFF' 8
	wait_for '^ Firewall +ON' 10
	sfw --setglobalstate off
	check "an agent that switches it back on makes it FLAPPING" \
	    wait_for 'FLAPPING' 12
	check "the timeline shows the switches" \
	    wait_for 'samples .*(#|█)(_|▁)+(#|█)' 3
	keys q
	wait_status 5 >/dev/null
	stop
}

hung_case() {
	bootpd_blocked
	start_sim SFW_HANG=1
	check "a hung probe shows UNKNOWN and why" \
	    wait_for '^ Firewall +UNKNOWN .+' 10
	keys '?'
	check "keys still work while the probe hangs" \
	    wait_for 'vmnetwatch keys' 3
	keys Escape q
	status=$(wait_status 5)
	check "q still quits at once, with status 0" [ "$status" = 0 ]
	stop
}

no_backend_case() {
	start "$capture"
	wait_for 'DISCOVER' 10
	check "without a firewall backend there is no firewall pane" \
	    wait_gone '^ Firewall' 2
	keys q
	wait_status 5 >/dev/null
	stop
}

generation_cases
flapping_case
hung_case
no_backend_case

#!/bin/sh
# Screen test: the layout at 80x24 and 40x12, a storm of resizes, focus
# with Tab, zoom with z, ages with T and a mouse click. Speaks TAP.
#
# Environment: VMNW (the binary), VMNW_SRCDIR (the source tree).

VMNW=${VMNW:-./vmnetwatch}
srcdir=${VMNW_SRCDIR:-.}
blocked=$srcdir/tests/fixtures/lab-blocked.pcap
healthy=$srcdir/tests/fixtures/lab-healthy.pcap
leases=$srcdir/tests/fixtures/leases/lab.leases
sim=$srcdir/tests/sim/socketfilterfw
width=80
height=24
socket=vmnwlayout$$
session=layout
esc=$(printf '\033')

. "$srcdir/tests/screen/lib.sh"
screen_plan 16


# start_all FILE [SESSION]: every pane has something to show: a capture,
# a lease file and the simulated firewall.
start_all() {
	rm -f "$tmp/status"
	SFW_STATE=$tmp/sfw.state "$sim" --setglobalstate on >/dev/null
	tm new-session -d -s "${2:-$session}" -x "$width" -y "$height" \
	    "env TERM=xterm-256color VMNW_THEMEDIR=$srcdir/themes \
	    SFW_STATE=$tmp/sfw.state \"$VMNW\" -r \"$1\" -l \"$leases\" \
	    --socketfilterfw \"$sim\"; echo \$? >\"$tmp/status\"; sleep 60"
	socket_path=$(tm display-message -p '#{socket_path}')
}

# The title row of the focused pane carries the mark, > or a triangle.
focused() {
	grep -Eq "^(>|▶)$1" "$tmp/screen"
}

# Line N of the last snapshot matches ERE.
line_is() {
	sed -n "$1p" "$tmp/screen" | grep -Eq -- "$2"
}

# A mouse press and release at column X, row Y (from 1), as xterm's SGR
# mouse mode sends them; tmux passes them on to the program.
click() {
	tm send-keys -t "$session" -l "$esc[<0;$1;$2M$esc[<0;$1;$2m"
}

start_all "$blocked"
wait_for 'DISCOVER .*UNANSWERED' 15
check "80x24: header, every pane title and the status line show" \
    all_of '^ vmnetwatch' ' Diagnosis ' ' Firewall ' ' Leases ' \
    'DHCP feed' 'quit'
check "80x24: the feed keeps rows of packets" \
    all_of 'DISCOVER .*52:54:00:6c:ab:03'
check "80x24: the feed has the focus at first" focused 'DHCP feed'

keys Tab
settle 3 focused ' ?Diagnosis'
check "Tab gives the focus to the next pane, the top one" \
    focused 'Diagnosis'
keys Tab Tab
settle 3 focused 'Leases'
check "Tab again passes panes in order, to the lease pane" \
    focused 'Leases'
keys BTab
settle 3 focused 'Firewall'
check "Shift-Tab goes back" focused 'Firewall'

keys z
check "z zooms the focused pane over the whole body" \
    wait_gone 'DHCP feed|Diagnosis' 3
check "and keeps the header and status line" \
    all_of '^ vmnetwatch' 'Firewall' 'quit'
keys z
check "z again brings every pane back" wait_for 'DHCP feed' 3

keys Tab Tab
keys T
check "T shows packet times as ages" \
    wait_for 'AGE .*DISCOVER|^ +-[0-9]+\.[0-9]s +DISCOVER' 3
keys T
check "T again shows clock times" \
    wait_for '[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} +DISCOVER' 3

keys Tab
settle 3 focused 'Diagnosis'
click 5 "$(grep -n 'DHCP feed' "$tmp/screen" | cut -d: -f1)"
check "a mouse click on the feed's title focuses it" \
    settle 3 focused 'DHCP feed'

tm resize-window -t "$session" -x 40 -y 12
settle 5 line_is 1 '^ vmnetwatch'
check "40x12: the header and the top verdict still show" \
    all_of '^ vmnetwatch' 'critical'
check "40x12: the feed still shows a packet" all_of 'DISCOVER'

# A storm: many sizes in a row, then compared with a fresh program that
# only ever had the final size.
for size in 100x30 60x15 120x40 45x13 90x25 70x20 130x35 50x14 110x28 \
    80x24 66x18 99x33 41x12 120x30 85x26; do
	tm resize-window -t "$session" -x "${size%x*}" -y "${size#*x}"
done
tm resize-window -t "$session" -x 100 -y 30
sleep 1
keys q
wait_status 5 >/dev/null
stop

start "$healthy"
wait_for '4 packets' 15
for size in 100x30 60x15 120x40 45x13 90x25 70x20 130x35 50x14 110x28 \
    80x24 66x18 99x33 41x12 120x30 85x26 100x30 40x12 100x30; do
	tm resize-window -t "$session" -x "${size%x*}" -y "${size#*x}"
done
sleep 1.5
snap
cp "$tmp/screen" "$tmp/storm"
keys q
wait_status 5 >/dev/null
stop
width=100
height=30
start "$healthy"
wait_for '4 packets' 15
sleep 1
snap
check "after a storm of 18 resizes the screen equals a fresh one" \
    cmp -s "$tmp/storm" "$tmp/screen"
if ! cmp -s "$tmp/storm" "$tmp/screen"; then
	diff "$tmp/storm" "$tmp/screen" | sed 's/^/# /'
fi
keys q
status=$(wait_status 5)
check "q still quits with status 0" [ "$status" = 0 ]
stop

#!/bin/sh
# Screen test: the lease pane's rows sorted, selected, coloured by role,
# and Enter filtering the feed to the selected row's MAC. Speaks TAP.
#
# Environment: VMNW (the binary), VMNW_SRCDIR (the source tree).

VMNW=${VMNW:-./vmnetwatch}
srcdir=${VMNW_SRCDIR:-.}
healthy=$srcdir/tests/fixtures/lab-healthy.pcap
leases=$srcdir/tests/fixtures/leases/lab.leases
width=110
height=30
socket=vmnwleases$$
session=leases
esc=$(printf '\033')

. "$srcdir/tests/screen/lib.sh"
screen_plan 12


# Line numbers of the lease rows for these names, in screen order.
order_of() {
	for name in "$@"; do
		grep -n " $name\$" "$tmp/screen" | head -n 1 | cut -d: -f1
	done | tr '\n' ' '
}

# in_order NAME...: the rows of these leases appear in this order.
in_order() {
	set -- $(order_of "$@")
	prev=0
	for line in "$@"; do
		[ "$line" -gt "$prev" ] || return 1
		prev=$line
	done
	return 0
}

# The lease row of NAME with its colours, from the pane with -e.
row_sgr() {
	tm capture-pane -e -p -t "$session" |
	    grep -aE "(stale|expired|duplicate-ip|no-lease|ok).*[ m]$1" |
	    head -n 1
}

# selected NAME: the row of NAME has the selection's background.
selected() {
	row_sgr "$1" | grep -aq "$esc\[[0-9;]*46m"
}

start "$healthy" -l "$leases"
wait_for '4 packets' 15
check "the lease pane shows every lease, sorted by status" \
    all_of 'Leases +sort: status' 'duplicate-ip +52:54:00:6c:ab:07' \
    'stale +52:54:00:6c:ab:01 +192\.168\.64\.20'
check "status sort: duplicate addresses (warnings) before stale rows" \
    in_order twin-a twin-b old web
check "rows are coloured by role: duplicate-ip as a warning (yellow)" \
    sh -c "tm() { tmux -L '$socket' -f /dev/null \"\$@\"; }; \
    tm capture-pane -e -p -t '$session' | grep -a 'duplicate-ip' |
    grep -aq '$esc\[[0-9;]*33m'"

keys BTab
wait_for '^(>|▶)Leases' 3
keys s
check "s sorts by address" wait_for 'Leases +sort: address' 3
check "address order is numeric: .5, .20, .30, .40" \
    in_order old web db twin-a
keys s
check "s again sorts by MAC" wait_for 'Leases +sort: MAC' 3
keys s
wait_for 'Leases +sort: name' 3
check "then by name" in_order db old twin-a twin-b web

keys Home Down
check "Down selects the next row" settle 3 selected old
keys End
check "End selects the last row" settle 3 selected web

keys Enter
check "Enter filters the feed to the row's MAC" \
    wait_for 'filter: 52:54:00:6c:ab:01' 3
check "and the feed shows that MAC's packets" \
    all_of 'DHCP feed +4 matching' 'ACK .*52:54:00:6c:ab:01'
keys Home Down Down Enter
wait_for 'filter: 52:54:00:6c:ab:07' 3
check "another row's MAC, with no packets, empties the feed" \
    all_of 'DHCP feed +0 matching' 'No packet matches the filter'
keys q
wait_status 5 >/dev/null
stop

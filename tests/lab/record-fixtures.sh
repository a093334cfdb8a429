#!/usr/bin/env bash
# tests/lab/record-fixtures.sh: record the lab captures under tests/fixtures.
#
#	tests/lab/record-fixtures.sh [OUTDIR]
#
# lab-healthy.pcap: one client ("web") getting a lease from dnsmasq.
# lab-blocked.pcap: one client ("blocked") whose DISCOVERs an nftables
# rule drops: three unanswered DISCOVERs over about 8 seconds.
# Each comes with its `tcpdump -nv` decode (.txt). Needs root.

set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here/../fixtures}" && pwd) || exit 1
. "$here/lib.sh"

# Count the packets a capture file holds so far.
pcap_count()
{
	tcpdump -nr "$1" 2>/dev/null | wc -l
}

# Succeed once a capture file holds at least N packets.
pcap_has()
{
	[ "$(pcap_count "$1")" -ge "$2" ]
}

# Write the reference decode beside a capture.
pcap_decode()
{
	tcpdump -nv -r "$1" >"${1%.pcap}.txt" 2>/dev/null
}

# One client that gets its lease.
record_healthy()
{
	local pcap=$LAB_DIR/healthy.pcap

	lab_capture_start "$pcap" || return 1
	lab_client_add web 52:54:00:6c:ab:01 web &&
	lab_client_start web &&
	lab_client_wait web bound 10 || lab_err "web got no lease" || return 1
	lab_wait_for 5 pcap_has "$pcap" 4
	lab_capture_stop
	lab_client_stop web
	cp "$pcap" "$out/lab-healthy.pcap"
}

# One client that a firewall rule keeps from its lease.
record_blocked()
{
	local pcap=$LAB_DIR/blocked.pcap

	lab_block_all || return 1
	lab_capture_start "$pcap" || return 1
	lab_client_add blocked 52:54:00:6c:ab:03 blocked &&
	lab_client_start blocked || return 1
	lab_wait_for 12 pcap_has "$pcap" 3 ||
	    lab_err "expected 3 DISCOVERs" || return 1
	sleep 2
	lab_capture_stop
	lab_client_stop blocked
	echo "dropped by the rule: $(lab_block_count) packets"
	lab_unblock
	cp "$pcap" "$out/lab-blocked.pcap"
}

[ "$(id -u)" = 0 ] || { echo "record-fixtures: needs root" >&2; exit 1; }
lab_init && lab_host_up || exit 1
record_healthy || exit 1
record_blocked || exit 1
for f in lab-healthy lab-blocked; do
	pcap_decode "$out/$f.pcap"
	echo "$out/$f.pcap: $(pcap_count "$out/$f.pcap") packets"
done

#!/usr/bin/env bash
# tests/lab/lab.sh: the DHCP lab of DESIGN.md, by hand.
#
#	lab.sh up DIR		build a lab that outlives this command; its
#				state, PIDs and names go to DIR
#	lab.sh down DIR		stop its processes by their recorded PIDs and
#				remove its namespaces
#	lab.sh exec DIR CMD...	run CMD in the lab's host namespace
#	lab.sh status DIR	names, processes and leases
#
# The lab: namespace <id>-host with bridge100 (192.168.64.1/24) and a
# DHCP-only dnsmasq; clients "web" and "db" that get leases; client
# "blocked", whose DHCP an nftables rule drops; and, where QEMU is
# installed, two real VMs booting Debian's kernel: "vm1" gets a lease,
# "vm2"'s DHCP is dropped too. Needs root.

set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# Print how to use this command and fail.
usage()
{
	awk 'NR >= 4 && NR <= 9 { sub(/^#\t?/, ""); print }' "$0" >&2
	exit 2
}

# Build the lab, start the clients and wait for the healthy ones. Leases
# last 2 minutes, so renewals keep showing up while someone watches.
lab_cmd_up()
{
	LAB_LEASE=2m
	lab_init "$1" || exit 1
	if ! lab_host_up ||
	    ! lab_client_add web 52:54:00:6c:ab:01 web ||
	    ! lab_client_add db 52:54:00:6c:ab:02 db ||
	    ! lab_client_add blocked 52:54:00:6c:ab:03 blocked ||
	    ! lab_block_mac 52:54:00:6c:ab:03 ||
	    ! lab_client_start web || ! lab_client_start db ||
	    ! lab_client_start blocked; then
		lab_cleanup
		exit 1
	fi
	lab_client_wait web bound 10 && lab_client_wait db bound 10 ||
	    echo "lab: a healthy client got no lease yet" >&2
	lab_cmd_guests
	lab_cmd_status
}

# Two VMs, in the two NIC syntaxes the VM tools use; they boot while the
# dashboard watches. Without QEMU, or its kernel, the lab goes on without.
lab_cmd_guests()
{
	local tap=script=no,downscript=no nic=model=virtio-net-pci

	command -v qemu-system-x86_64 >/dev/null 2>&1 || return 0
	echo "lab: preparing the VMs' kernel (cached after the first time)" >&2
	if ! lab_guest_build || ! lab_tap_add tapvm1 || ! lab_tap_add tapvm2 ||
	    ! lab_block_mac 52:54:00:6c:ab:12; then
		echo "lab: going on without VMs" >&2
		return 0
	fi
	lab_guest_start vm1 kernel \
	    -netdev "tap,id=n0,ifname=tapvm1,$tap" \
	    -device virtio-net-pci,netdev=n0,mac=52:54:00:6c:ab:11 &&
	lab_guest_start vm2 kernel \
	    -nic "tap,ifname=tapvm2,$tap,$nic,mac=52:54:00:6c:ab:12" ||
	    echo "lab: a VM did not start" >&2
}

# Show what the lab holds.
lab_cmd_status()
{
	local pid start sig name state

	echo "host namespace: $LAB_HOST (bridge $LAB_BRIDGE, $LAB_NET.1/24)"
	while read -r pid start sig name; do
		state=stopped
		lab_pid_alive "$pid" "$start" && state=running
		echo "process: $name pid $pid $state"
	done <"$LAB_DIR/pids"
	echo "leases:"
	sed 's/^/  /' "$LAB_DIR/leases"
	echo "dropped by the firewall rule: $(lab_block_count) packets"
	echo "watch it: ip netns exec $LAB_HOST vmnetwatch -i $LAB_BRIDGE"
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2
shift 2
[ "$(id -u)" = 0 ] || { echo "lab: needs root" >&2; exit 1; }
case $cmd in
up)
	lab_cmd_up "$dir"
	;;
down)
	lab_load "$dir" && lab_cleanup
	;;
exec)
	[ $# -ge 1 ] || usage
	lab_load "$dir" && exec ip netns exec "$LAB_HOST" "$@"
	;;
status)
	lab_load "$dir" && lab_cmd_status
	;;
*)
	usage
	;;
esac

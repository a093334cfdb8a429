#!/usr/bin/env bash
# Lab test with real QEMU guests on bridge100: one leased (a Debian kernel
# running udhcpc, -netdev + -device), one whose DHCP a firewall rule drops,
# two sharing a MAC, one without mac=, all but the first firmware-only
# (the NIC's iPXE ROM does DHCP), plus a stale lease seeded into dnsmasq's
# file. vmnetwatch --report --json must give every row its status; two more
# runs check that a lease file replaced by rename and one rewritten in
# place are both read. Only our own guests' PIDs and MACs are looked at:
# other QEMU processes on the machine may show up in the report.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

tap_need_lab qemu-system-x86_64
[ -f /usr/lib/ipxe/qemu/pxe-virtio.rom ] ||
    tap_require_fail "needs ipxe-qemu (the NIC boot ROM)"
lab_test_setup
tap_plan 19

lid=$(printf %02x $(( $$ % 256 )))
mac_ok=52:54:00:$lid:00:01
mac_blk=52:54:00:$lid:00:02
mac_twin=52:54:00:$lid:00:07
mac_stale=52:54:00:$lid:00:0d
mac_default=52:54:00:12:34:56
tap=script=no,downscript=no
nic=$tap,model=virtio-net-pci

# jq condition COND (last argument) over the JSON in FILE (first).
json_in()
{
	local file=$1 cond=${*: -1}

	shift
	jq -e -s "${@:1:$#-1}" "length == 1 and (.[0] | $cond)" "$file" \
	    >/dev/null 2>&1
}

# The row of a guest PID, for jq (--argjson p PID).
row='(.rows[] | select(.vm_pid == $p))'

# A short vmnetwatch run on a lease file we control: at 1.5 s the file is
# replaced by rename (mode rename) or rewritten in place (mode inplace).
lease_file_run()
{
	local mode=$1 file=$LAB_DIR/$1.leases ino

	echo "0 52:54:00:$lid:01:01 192.168.64.240 before *" >"$file"
	lab_spawn "vmnw-$mode" TERM "$VMNW" --report --json --duration 4 \
	    -i bridge100 -l "$file"
	sleep 1.5
	ino=$(stat -c %i "$file")
	if [ "$mode" = rename ]; then
		echo "0 52:54:00:$lid:01:02 192.168.64.241 after *" \
		    >"$file-"
		mv "$file-" "$file"
	else
		echo "0 52:54:00:$lid:01:02 192.168.64.241 after *" >"$file"
		[ "$(stat -c %i "$file")" = "$ino" ] ||
		    tap_diag "in-place rewrite changed the inode"
	fi
}

# Wait for the run of lease_file_run MODE to end.
lease_file_wait()
{
	local pid

	pid=$(lab_pid_of "vmnw-$1")
	lab_wait_for 15 eval '! lab_pid_start "$pid" >/dev/null'
	wait "$pid" 2>/dev/null
}

# The lease pane as a person sees it: the dashboard in a tall tmux pane
# in the lab's host namespace, until every guest's row has its status.
screen_rows()
{
	local sock=vmnwg$$ out=$LAB_DIR/screen.txt i

	tmux -L "$sock" -f /dev/null new-session -d -x 200 -y 90 \
	    "TERM=xterm-256color ip netns exec $LAB_HOST $VMNW -i bridge100 \
	    -l $LAB_DIR/leases" || return 1
	for i in $(seq 1 150); do
		tmux -L "$sock" capture-pane -p >"$out" 2>/dev/null
		grep -Eq "^ *ok +$mac_ok" "$out" &&
		    grep -Eq "^ *no-lease +$mac_blk" "$out" &&
		    [ "$(grep -Ec "^ *duplicate-mac +$mac_twin" "$out")" = 2 ] &&
		    grep -Eq "^ *default-mac +$mac_default" "$out" &&
		    grep -Eq "^ *stale +$mac_stale" "$out" && break
		sleep 0.1
	done
	tmux -L "$sock" send-keys q
	sleep 0.3
	tmux -L "$sock" kill-server 2>/dev/null
	[ "$i" -lt 150 ] || { tap_diag "$(cat "$out")"; return 1; }
}

# Everything the guests must have done before the report is taken.
guests_served()
{
	[ -n "$(lab_lease_of "$mac_ok")" ] &&
	    [ -n "$(lab_lease_of "$mac_twin")" ] &&
	    [ -n "$(lab_lease_of "$mac_default")" ] &&
	    [ "$(lab_block_count)" -ge 2 ]
}

lab_lease_seed "$mac_stale" 192.168.64.250 gone ||
    tap_bail "could not seed a stale lease"
lab_block_mac "$mac_blk" || tap_bail "could not add the nft rule"
for t in tapok tapblk tapt1 tapt2 tapdf; do
	lab_tap_add "$t" || tap_bail "could not add tap $t"
done
kernel=pxe
if lab_guest_build; then
	kernel=kernel
else
	tap_diag "no kernel guest (could not build it): iPXE for all"
fi

lab_vmnw_start --report --json --duration 120 -i bridge100 \
    -l "$LAB_DIR/leases"
lab_vmnw_wait_capture 5 || sleep 1
lab_guest_start gok "$kernel" -netdev tap,id=n0,ifname=tapok,$tap \
    -device virtio-net-pci,netdev=n0,mac=$mac_ok
pid_ok=$LAB_GUEST_PID
lab_guest_start gblk pxe -nic tap,ifname=tapblk,$nic,mac=$mac_blk
pid_blk=$LAB_GUEST_PID
lab_guest_start gt1 pxe -nic tap,ifname=tapt1,$nic,mac=$mac_twin
pid_t1=$LAB_GUEST_PID
lab_guest_start gt2 pxe -netdev tap,id=n0,ifname=tapt2,$tap \
    -device virtio-net-pci,netdev=n0,mac=$mac_twin
pid_t2=$LAB_GUEST_PID
lab_guest_start gdf pxe -nic tap,ifname=tapdf,$nic
pid_df=$LAB_GUEST_PID
lease_file_run rename
lease_file_run inplace
lease_file_wait rename
lease_file_wait inplace

served=0
lab_wait_for 60 guests_served && served=1
sleep 3			# one more VM scan and lease re-check
screen=0
screen_rows && screen=1
kill -TERM "$LAB_VMNW_PID"
lab_vmnw_wait 15
lab_guest_stop gok tapok
lab_guest_stop gblk tapblk
lab_guest_stop gt1 tapt1
lab_guest_stop gt2 tapt2
lab_guest_stop gdf tapdf
lease=$(lab_lease_of "$mac_ok")

tap_check "guests did their DHCP within 60 s" [ $served = 1 ]
tap_check "on screen, the lease pane gives every guest's row its status" \
    [ $screen = 1 ]
tap_check "report printed, exit 1 (an unanswered request is critical)" \
    [ "$LAB_VMNW_STATUS" = 1 ]
tap_check "lease file read as dnsmasq, state ok" lab_json \
    '.lease_file.format == "dnsmasq" and .lease_file.state == "ok"'
tap_check "leased guest ($kernel): row ok at ${lease:-?}" lab_json \
    --argjson p "$pid_ok" --arg ip "${lease:-none}" --arg m "$mac_ok" \
    "$row | .status == \"ok\" and .ip == \$ip and .mac == \$m"
tap_check "leased guest: VM named gok, NIC on tap, not default" lab_json \
    --argjson p "$pid_ok" --arg m "$mac_ok" \
    'any(.vms[]; .pid == $p and .name == "gok" and
    .nics == [{mac: $m, backend: "tap", default_mac: false}])'
if [ $kernel = kernel ]; then
	tap_check "leased guest: lease carries udhcpc's hostname" lab_json \
	    --argjson p "$pid_ok" "$row | .lease_name == \"gok\""
else
	tap_skip "leased guest: lease carries udhcpc's hostname" \
	    "no kernel guest"
fi
tap_check "dnsmasq's in-place rewrite was read (the new lease is in)" \
    lab_json --arg m "$mac_ok" \
    'any(.leases[]; .mac == $m and (.expires | type) == "number" and
    .expired == false)'
tap_check "blocked guest: row no-lease, DHCP seen, unanswered" lab_json \
    --argjson p "$pid_blk" \
    "$row | .status == \"no-lease\" and .ip == null and
    .dhcp_seen == true and .dhcp_answered == false"
tap_check "blocked guest: dhcp-unanswered names its MAC" lab_json \
    --arg m "$mac_blk" \
    'any(.verdicts[]; .id == "dhcp-unanswered" and
    (.evidence | contains($m)))'
tap_check "blocked guest: vm-no-lease verdict" lab_json --arg m "$mac_blk" \
    'any(.verdicts[]; .id == "vm-no-lease" and (.evidence | contains($m)))'
tap_check "twins (-nic and -netdev/-device): both rows duplicate-mac" \
    lab_json --argjson a "$pid_t1" --argjson b "$pid_t2" \
    '[.rows[] | select(.vm_pid == $a or .vm_pid == $b) | .status] ==
    ["duplicate-mac", "duplicate-mac"]'
tap_check "twins: duplicate-mac verdict names the MAC" lab_json \
    --arg m "$mac_twin" \
    'any(.verdicts[]; .id == "duplicate-mac" and (.evidence | contains($m)))'
tap_check "no mac=: row default-mac on 52:54:00:12:34:56" lab_json \
    --argjson p "$pid_df" --arg m "$mac_default" \
    "$row | .status == \"default-mac\" and .mac == \$m"
tap_check "no mac=: NIC flagged default_mac, default-mac verdict" lab_json \
    --argjson p "$pid_df" \
    'any(.vms[]; .pid == $p and .nics[0].default_mac == true) and
    any(.verdicts[]; .id == "default-mac")'
tap_check "seeded lease without a VM: row stale" lab_json \
    --arg m "$mac_stale" \
    'any(.rows[]; .mac == $m and .status == "stale" and .vm_pid == null and
    .lease_name == "gone" and .ip == "192.168.64.250")'
tap_check "lease line for the stale MAC in leases[]" lab_json \
    --arg m "$mac_stale" 'any(.leases[]; .mac == $m and .name == "gone")'
tap_check "lease file replaced by rename: new table read" \
    json_in "$LAB_DIR/vmnw-rename.out" --arg m "52:54:00:$lid:01:02" \
    '[.leases[].mac] == [$m] and .lease_file.state == "ok"'
tap_check "lease file rewritten in place: new table read" \
    json_in "$LAB_DIR/vmnw-inplace.out" --arg m "52:54:00:$lid:01:02" \
    '[.leases[].mac] == [$m] and .lease_file.state == "ok"'
lab_test_explain
[ "$TAP_FAILED" -gt 0 ] && for g in gok gblk gt1 gt2 gdf; do
	tap_diag "--- $g console:"
	tap_diag "$(tail -c 600 "$LAB_DIR/$g.console" 2>/dev/null)"
done
tap_done

# tests/lab/lib.sh: the DHCP lab of DESIGN.md, in network namespaces.
#
# Source it from bash. A "host" namespace holds the bridge bridge100
# (192.168.64.1/24) and a DHCP-only dnsmasq; each client is a namespace
# joined to the bridge by a veth pair and runs busybox udhcpc with
# tests/lab/udhcpc.script, so nothing outside the lab is ever touched.
#
# Every name starts with $LAB_ID (vmnw<pid> unless set), so parallel labs
# never collide. State lives in $LAB_DIR:
#	id	the LAB_ID
#	pids	"PID STARTTIME SIGNAL NAME" for every process started
#	netns	every namespace created, in order
#	clients	"NAME MAC HOSTNAME NAMESPACE VETH"
#	leases	dnsmasq's lease file; dnsmasq.log its log
#	NAME.events	what udhcpc.script saw for client NAME
#
# Typical use in a test:
#	lab_init && lab_host_up && lab_client_add web 52:54:00:6c:ab:01 web
#	lab_client_start web && lab_client_wait web bound 5
# lab_init registers lab_cleanup on EXIT (and HUP, INT, TERM); lab_init DIR
# keeps the lab after the shell exits (tests/lab/lab.sh up/down).

LAB_ID=${LAB_ID:-vmnw$$}
LAB_BRIDGE=bridge100
LAB_NET=192.168.64
LAB_TABLE=vmnwlab
LAB_FILTER='udp and (port 67 or port 68)'
LAB_LEASE=${LAB_LEASE:-12h}
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_DIR=
LAB_KEEP=0
LAB_LAST_PID=

# Say what went wrong on stderr and fail.
lab_err()
{
	echo "lab: $*" >&2
	return 1
}

# Derive every name from LAB_ID.
lab_names_set()
{
	LAB_HOST=$LAB_ID-host
}

# Create the state directory and arrange for cleanup.
lab_init()
{
	if [ -n "${1:-}" ]; then
		LAB_KEEP=1
		mkdir -p "$1" && LAB_DIR=$(cd "$1" && pwd) || return 1
		[ ! -s "$LAB_DIR/pids" ] && [ ! -s "$LAB_DIR/netns" ] ||
		    lab_err "$LAB_DIR already holds a lab" || return 1
	else
		LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vmnwlab.XXXXXX") ||
		    return 1
		trap lab_cleanup EXIT
		trap 'exit 129' HUP
		trap 'exit 130' INT
		trap 'exit 143' TERM
	fi
	lab_names_set
	chmod 755 "$LAB_DIR"
	echo "$LAB_ID" >"$LAB_DIR/id"
	: >"$LAB_DIR/pids"
	: >"$LAB_DIR/netns"
	: >"$LAB_DIR/clients"
}

# Reopen a lab that lab_init DIR left behind.
lab_load()
{
	[ -f "$1/id" ] || lab_err "$1 holds no lab" || return 1
	LAB_DIR=$(cd "$1" && pwd)
	LAB_ID=$(cat "$LAB_DIR/id")
	LAB_KEEP=1
	lab_names_set
}

# Run a command inside the host namespace.
lab_exec()
{
	ip netns exec "$LAB_HOST" "$@"
}

# Start time of a process (field 22 of its stat), empty when gone.
lab_pid_start()
{
	local stat rest

	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	rest=${stat##*) }
	set -- $rest
	[ "$1" != Z ] || return 1
	echo "${20}"
}

# Record a process we started, so cleanup can stop it by its PID.
lab_track()
{
	local start

	start=$(lab_pid_start "$1") || start=0
	echo "$1 $start $2 $3" >>"$LAB_DIR/pids"
}

# Succeed while the recorded process still runs (not a reused PID; one
# that ended before it could be recorded is never signalled).
lab_pid_alive()
{
	local now

	now=$(lab_pid_start "$1") || return 1
	[ "$2" != 0 ] && [ "$now" = "$2" ]
}

# PID of the newest tracked process called NAME.
lab_pid_of()
{
	awk -v n="$1" '$4 == n { p = $1 } END { if (p) print p }' \
	    "$LAB_DIR/pids"
}

# Succeed while a process listed in FILE still runs.
lab_pids_left()
{
	local pid start sig name

	while read -r pid start sig name; do
		lab_pid_alive "$pid" "$start" && return 0
	done <"$1"
	return 1
}

# Stop the processes listed in FILE: their own signal first, SIGKILL
# for those still there 3 s later; reap the ones that are our children.
lab_stop_pids()
{
	local pid start sig name i

	while read -r pid start sig name; do
		lab_pid_alive "$pid" "$start" && kill "-$sig" "$pid" 2>/dev/null
	done <"$1"
	for i in $(seq 30); do
		lab_pids_left "$1" || break
		sleep 0.1
	done
	while read -r pid start sig name; do
		lab_pid_alive "$pid" "$start" || continue
		echo "lab: $name ($pid) ignored SIG$sig, killing" >&2
		kill -KILL "$pid" 2>/dev/null
	done <"$1"
	while read -r pid start sig name; do
		wait "$pid" 2>/dev/null
	done <"$1"
	return 0
}

# Stop the tracked processes called NAME (all of them when NAME is empty).
lab_stop()
{
	local list=$LAB_DIR/.stopping

	awk -v n="${1:-}" 'n == "" || $4 == n' "$LAB_DIR/pids" >"$list"
	lab_stop_pids "$list"
	awk -v n="${1:-}" 'n != "" && $4 != n' "$LAB_DIR/pids" \
	    >"$LAB_DIR/.pids" && mv "$LAB_DIR/.pids" "$LAB_DIR/pids"
	rm -f "$list"
}

# Start a command in the host namespace in the background, tracked as NAME
# and stopped with SIG; its output goes to $LAB_DIR/NAME.out and .err.
lab_spawn()
{
	local name=$1 sig=$2

	shift 2
	ip netns exec "$LAB_HOST" "$@" </dev/null \
	    >"$LAB_DIR/$name.out" 2>"$LAB_DIR/$name.err" &
	LAB_LAST_PID=$!
	lab_track "$LAB_LAST_PID" "$sig" "$name"
}

# Create a namespace of ours with loopback up and no IPv6 chatter.
lab_netns_add()
{
	ip netns add "$1" || return 1
	echo "$1" >>"$LAB_DIR/netns"
	ip -n "$1" link set lo up
	ip netns exec "$1" sh -c \
	    'echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6' \
	    2>/dev/null
	return 0
}

# The host namespace, without the bridge yet.
lab_host_add()
{
	lab_netns_add "$LAB_HOST"
}

# Create bridge100 with the lab address and attach every client's veth.
lab_bridge_create()
{
	local name mac host ns veth

	ip -n "$LAB_HOST" link add "$LAB_BRIDGE" type bridge \
	    stp_state 0 forward_delay 0 || return 1
	ip -n "$LAB_HOST" addr add "$LAB_NET.1/24" dev "$LAB_BRIDGE" &&
	ip -n "$LAB_HOST" link set "$LAB_BRIDGE" up || return 1
	while read -r name mac host ns veth; do
		ip -n "$LAB_HOST" link set "$veth" master "$LAB_BRIDGE" up ||
		    return 1
	done <"$LAB_DIR/clients"
}

# Remove bridge100; the client veths stay, detached.
lab_bridge_delete()
{
	ip -n "$LAB_HOST" link del "$LAB_BRIDGE"
}

# Start the DHCP-only dnsmasq on bridge100; $! is dnsmasq itself.
lab_dnsmasq_start()
{
	touch "$LAB_DIR/leases" "$LAB_DIR/dnsmasq.log"
	chown nobody "$LAB_DIR/dnsmasq.log" 2>/dev/null
	lab_spawn dnsmasq TERM dnsmasq --keep-in-foreground \
	    --conf-file=/dev/null --port=0 --no-ping \
	    --interface="$LAB_BRIDGE" --bind-interfaces \
	    --dhcp-range="$LAB_NET.2,$LAB_NET.254,255.255.255.0,$LAB_LEASE" \
	    --dhcp-leasefile="$LAB_DIR/leases" --dhcp-authoritative \
	    --log-dhcp --log-facility="$LAB_DIR/dnsmasq.log" \
	    --pid-file="$LAB_DIR/dnsmasq.pid"
	lab_wait_for 5 lab_dnsmasq_ready ||
	    lab_err "dnsmasq did not start: $(cat "$LAB_DIR/dnsmasq.err")"
}

# dnsmasq is ready once it runs and listens on the DHCP port.
lab_dnsmasq_ready()
{
	local pid

	pid=$(lab_pid_of dnsmasq)
	[ -n "$pid" ] && lab_pid_start "$pid" >/dev/null &&
	    lab_exec cat /proc/net/udp | awk '$2 ~ /:0043$/ { f = 1 }
	    END { exit !f }'
}

# Stop dnsmasq (if it still runs) and start it again on the same lease file.
lab_dnsmasq_restart()
{
	lab_stop dnsmasq
	lab_dnsmasq_start
}

# The whole host side: namespace, bridge100 and dnsmasq.
lab_host_up()
{
	lab_host_add && lab_bridge_create && lab_dnsmasq_start
}

# Poll a command every 0.1 s until it succeeds or SECONDS pass.
lab_wait_for()
{
	local limit=$(( $1 * 10 )) i=0

	shift
	while ! "$@"; do
		i=$((i + 1))
		[ $i -ge $limit ] && return 1
		sleep 0.1
	done
}

# Bring bridge100 back after lab_bridge_delete. dnsmasq binds its DHCP
# socket to the device: it survives the loss ("error binding DHCP socket to
# device") but serves nothing on the new bridge, so it is restarted too.
lab_bridge_return()
{
	lab_bridge_create && lab_dnsmasq_restart
}

# Add a client namespace NAME with MAC, joined to the bridge by a veth.
lab_client_add()
{
	local name=$1 mac=$2 host=${3:-$1} ns=$LAB_ID-$1 veth n

	n=$(( $(wc -l <"$LAB_DIR/clients") + 1 ))
	veth=vc$n
	lab_netns_add "$ns" || return 1
	ip -n "$LAB_HOST" link add "$veth" type veth peer name eth0 \
	    netns "$ns" || return 1
	ip -n "$ns" link set eth0 address "$mac" &&
	ip -n "$ns" link set eth0 up || return 1
	echo "$name $mac $host $ns $veth" >>"$LAB_DIR/clients"
	if ip -n "$LAB_HOST" link show "$LAB_BRIDGE" >/dev/null 2>&1; then
		ip -n "$LAB_HOST" link set "$veth" master "$LAB_BRIDGE" ||
		    return 1
	fi
	ip -n "$LAB_HOST" link set "$veth" up
}

# One field of a client's line: 2 MAC, 3 hostname, 4 namespace, 5 veth.
lab_client_field()
{
	awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$LAB_DIR/clients"
}

# Start udhcpc in client NAME; it keeps asking until it gets a lease.
# Extra arguments go to udhcpc (e.g. -q to quit once bound).
lab_client_start()
{
	local name=$1 ns host script=$LAB_DIR/udhcpc.script

	shift
	ns=$(lab_client_field "$name" 4)
	host=$(lab_client_field "$name" 3)
	[ -n "$ns" ] || lab_err "no client $name" || return 1
	[ -x "$script" ] || { cp "$LAB_SRC/udhcpc.script" "$script" &&
	    chmod 755 "$script"; } || return 1
	LAB_EVENTS=$LAB_DIR/$name.events ip netns exec "$ns" \
	    busybox udhcpc -f -i eth0 -s "$script" -x "hostname:$host" \
	    "$@" </dev/null >"$LAB_DIR/$name.udhcpc" 2>&1 &
	LAB_LAST_PID=$!
	lab_track "$LAB_LAST_PID" TERM "udhcpc-$name"
}

# Stop client NAME's udhcpc.
lab_client_stop()
{
	lab_stop "udhcpc-$1"
}

# Wait up to SECONDS for client NAME's script to see EVENT (bound...).
lab_client_wait()
{
	lab_wait_for "$3" lab_client_saw "$1" "$2"
}

# Succeed when client NAME's script has seen EVENT.
lab_client_saw()
{
	awk -v e="$2" '$2 == e { f = 1 } END { exit !f }' \
	    "$LAB_DIR/$1.events" 2>/dev/null
}

# The address dnsmasq's lease file gives to MAC.
lab_lease_of()
{
	awk -v m="$1" '$2 == m { print $3 }' "$LAB_DIR/leases"
}

# Real QEMU guests (research/vm-lab.md). The kernel and the initramfs are
# built once into $LAB_CACHE and shared by every run.
LAB_CACHE=${LAB_CACHE:-${XDG_CACHE_HOME:-/var/cache}/vmnetwatch-lab}

# Add a lease line to dnsmasq's file for a client that is not there (a
# stale lease); dnsmasq is restarted so that it reads the file again.
lab_lease_seed()
{
	lab_stop dnsmasq
	echo "$(( $(date +%s) + 3600 )) $1 $2 $3 *" >>"$LAB_DIR/leases"
	lab_dnsmasq_start
}

# KVM only where it really works (kvm_pvm does not); TCG elsewhere.
lab_guest_accel()
{
	if [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; then
		echo kvm
	else
		echo tcg
	fi
}

# Modules (and their dependencies, dependencies first) for the guest NIC.
lab_guest_modules()
{
	local kdir=$1 kver=$2 mod dep

	for mod in "${@:3}"; do
		for dep in $(modinfo -b "$kdir" -k "$kver" -F depends "$mod" |
		    tr , ' '); do
			lab_guest_modules "$kdir" "$kver" "$dep"
		done
		echo "$mod"
	done
}

# Fetch Debian's kernel package into the cache and unpack it there.
lab_guest_kernel_get()
{
	local pkg dl=$LAB_CACHE/dl

	pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	    awk '/Depends: linux-image-/ { print $2; exit }')
	[ -n "$pkg" ] || lab_err "no linux-image-amd64 in apt" || return 1
	mkdir -p "$dl" && chmod 777 "$dl" || return 1
	ls "$dl/$pkg"_*.deb >/dev/null 2>&1 ||
	    (cd "$dl" && apt-get download "$pkg" >/dev/null 2>&1) ||
	    lab_err "apt-get download $pkg failed" || return 1
	rm -rf "$LAB_CACHE/kernel"
	dpkg -x "$dl/$pkg"_*.deb "$LAB_CACHE/kernel" &&
	    depmod -b "$LAB_CACHE/kernel" "${pkg#linux-image-}"
}

# Write the initramfs: static busybox, the NIC modules, our /init.
lab_guest_initramfs()
{
	local kver=$1 root=$LAB_CACHE/root mod file

	rm -rf "$root" && mkdir -p "$root/bin" "$root/etc" "$root/lib" \
	    "$root/proc" "$root/sys" "$root/dev" || return 1
	cp "$(command -v busybox)" "$root/bin/busybox" || return 1
	for mod in $(lab_guest_modules "$LAB_CACHE/kernel" "$kver" \
	    virtio_pci virtio_net | awk '!seen[$0]++'); do
		file=$(modinfo -b "$LAB_CACHE/kernel" -k "$kver" -F filename \
		    "$mod") || return 1
		case $file in
		*.xz) xz -dc "$file" ;;
		*.zst) zstd -dc "$file" ;;
		*) cat "$file" ;;
		esac >"$root/lib/$mod.ko" || return 1
		echo "$mod" >>"$root/lib/order"
	done
	cp "$LAB_SRC/guest-init" "$root/init" &&
	    cp "$LAB_SRC/guest-udhcpc.script" "$root/etc/udhcpc.sh" &&
	    chmod 755 "$root/init" "$root/etc/udhcpc.sh" || return 1
	(cd "$root" && find . | cpio -o -H newc --owner=0:0 2>/dev/null) |
	    gzip -9 >"$LAB_CACHE/initramfs.cpio.gz"
}

# Build the kernel guest's files once; succeed when they are there.
lab_guest_build()
{
	local kver

	[ -s "$LAB_CACHE/initramfs.cpio.gz" ] &&
	    ls "$LAB_CACHE"/kernel/boot/vmlinuz-* >/dev/null 2>&1 && return 0
	command -v modinfo >/dev/null && command -v cpio >/dev/null ||
	    lab_err "needs kmod and cpio" || return 1
	mkdir -p "$LAB_CACHE" || return 1
	lab_guest_kernel_get || return 1
	kver=$(ls "$LAB_CACHE/kernel/lib/modules" | head -n 1)
	lab_guest_initramfs "$kver" ||
	    { rm -f "$LAB_CACHE/initramfs.cpio.gz"; return 1; }
}

# Create tap NAME on bridge100 (with script=no QEMU only opens it).
lab_tap_add()
{
	ip -n "$LAB_HOST" tuntap add dev "$1" mode tap &&
	ip -n "$LAB_HOST" link set "$1" master "$LAB_BRIDGE" &&
	ip -n "$LAB_HOST" link set "$1" up
}

# Succeed once PID runs QEMU itself (ip netns exec has exec'd).
lab_guest_execd()
{
	tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q '^qemu-system'
}

# Start guest NAME: KIND pxe (the NIC's boot ROM does DHCP) or kernel
# (Debian's kernel, udhcpc sends NAME as hostname); NIC arguments follow,
# in the syntax a real tool uses, each on a tap made beforehand.
lab_guest_start()
{
	local name=$1 kind=$2 accel boot

	shift 2
	accel=$(lab_guest_accel)
	case $kind in
	pxe)
		boot=(-m 64 -boot n) ;;
	kernel)
		boot=(-m 128 -no-reboot -kernel
		    "$(ls "$LAB_CACHE"/kernel/boot/vmlinuz-* | head -n 1)"
		    -initrd "$LAB_CACHE/initramfs.cpio.gz"
		    -append "console=ttyS0 panic=-1 quiet lab.name=$name") ;;
	*)
		lab_err "unknown guest kind $kind"
		return 1 ;;
	esac
	lab_spawn "guest-$name" TERM qemu-system-x86_64 -name "$name" \
	    -accel "$accel" -smp 1 -nodefaults -no-user-config \
	    -display none -monitor none \
	    -serial "file:$LAB_DIR/$name.console" "${boot[@]}" "$@"
	LAB_GUEST_PID=$LAB_LAST_PID
	lab_wait_for 5 lab_guest_execd "$LAB_GUEST_PID"
}

# Stop guest NAME by its PID and remove the taps given.
lab_guest_stop()
{
	local tap

	lab_stop "guest-$1"
	shift
	for tap in "$@"; do
		ip -n "$LAB_HOST" link del "$tap" 2>/dev/null
	done
	return 0
}

# Make sure the firewall table and its input chain exist.
lab_table_add()
{
	lab_exec nft add table inet "$LAB_TABLE" &&
	lab_exec nft add chain inet "$LAB_TABLE" input \
	    '{ type filter hook input priority filter; policy accept; }'
}

# Drop every DHCP request arriving on the bridge, as a firewall would.
lab_block_all()
{
	lab_table_add && lab_exec nft add rule inet "$LAB_TABLE" input \
	    iifname "$LAB_BRIDGE" udp dport 67 counter drop
}

# Drop the DHCP requests of one client MAC only.
lab_block_mac()
{
	lab_table_add && lab_exec nft add rule inet "$LAB_TABLE" input \
	    iifname "$LAB_BRIDGE" ether saddr "$1" udp dport 67 counter drop
}

# Remove every blocking rule.
lab_unblock()
{
	lab_exec nft delete table inet "$LAB_TABLE" 2>/dev/null
	return 0
}

# Packets the blocking rules dropped so far.
lab_block_count()
{
	lab_exec nft list table inet "$LAB_TABLE" 2>/dev/null |
	    awk '{ for (i = 1; i < NF; i++) if ($i == "packets") s += $(i+1) }
	    END { print s + 0 }'
}

# Record DHCP on bridge100 into FILE until lab_capture_stop.
lab_capture_start()
{
	lab_spawn tcpdump INT tcpdump -i "$LAB_BRIDGE" -n -U \
	    --immediate-mode -Z root -w "$1" "$LAB_FILTER"
	lab_wait_for 5 grep -q 'listening on' "$LAB_DIR/tcpdump.err" ||
	    lab_err "tcpdump did not start: $(cat "$LAB_DIR/tcpdump.err")"
}

# Stop the capture; tcpdump writes its file out on SIGINT.
lab_capture_stop()
{
	lab_stop tcpdump
}

# Succeed once process PID holds a packet socket bound to bridge100,
# i.e. once its capture is really open on the bridge.
lab_has_capture()
{
	local fd ino index inodes=''

	index=$(ip -n "$LAB_HOST" -o link show "$LAB_BRIDGE" 2>/dev/null |
	    cut -d: -f1)
	[ -n "$index" ] || return 1
	for fd in /proc/"$1"/fd/*; do
		ino=$(readlink "$fd" 2>/dev/null) || continue
		case $ino in
		socket:*)
			ino=${ino#socket:[}
			inodes="$inodes ${ino%]}"
			;;
		esac
	done
	[ -n "$inodes" ] || return 1
	lab_exec awk -v i=" $inodes " -v x="$index" 'NR > 1 && $5 == x &&
	    index(i, " " $9 " ") { f = 1 } END { exit !f }' /proc/net/packet
}

# Start the program under test ($VMNW) with ARGS in the host namespace,
# in the background; its output goes to $LAB_DIR/vmnw.out and .err.
lab_vmnw_start()
{
	lab_spawn vmnw TERM "$VMNW" "$@"
	LAB_VMNW_PID=$LAB_LAST_PID
}

# Wait up to SECONDS for the capture of $VMNW to open on the bridge (or
# for the program to end); fails when neither happened in time.
lab_vmnw_wait_capture()
{
	lab_wait_for "$1" lab_vmnw_capturing
}

# Succeed once $VMNW has its capture open, or has ended.
lab_vmnw_capturing()
{
	lab_has_capture "$LAB_VMNW_PID" ||
	    ! lab_pid_start "$LAB_VMNW_PID" >/dev/null
}

# Wait up to SECONDS for $VMNW to exit; sets LAB_VMNW_STATUS to its exit
# status, or 124 after stopping it when it ran too long.
lab_vmnw_wait()
{
	if ! lab_wait_for "$1" lab_vmnw_ended; then
		lab_stop vmnw
		LAB_VMNW_STATUS=124
		return 1
	fi
	wait "$LAB_VMNW_PID"
	LAB_VMNW_STATUS=$?
}

# Succeed once $VMNW has exited.
lab_vmnw_ended()
{
	! lab_pid_start "$LAB_VMNW_PID" >/dev/null
}

# For the lab tests (after tests/tap.sh): skip or fail without what the
# lab needs, find $VMNW, then build the host side or bail out.
lab_test_setup()
{
	tap_need_lab dnsmasq busybox nft jq
	busybox --list 2>/dev/null | grep -qx udhcpc ||
	    tap_require_fail "needs busybox with udhcpc"
	VMNW=${VMNW:-${VMNW_BUILDDIR:-.}/vmnetwatch}
	[ -x "$VMNW" ] || tap_bail "no vmnetwatch at $VMNW (set VMNW)"
	lab_init || tap_bail "could not create the lab directory"
	lab_host_add || tap_require_fail "needs root and network namespaces"
	lab_bridge_create && lab_dnsmasq_start ||
	    tap_bail "could not build the lab"
}

# Evaluate a jq condition (with any jq options before it) against the
# JSON report of $VMNW; succeed when the output is exactly one JSON value
# and the condition holds for it (jq 1.6 -e calls empty input a success).
lab_json()
{
	local cond=${*: -1}

	jq -e -s "${@:1:$#-1}" "length == 1 and (.[0] | $cond)" \
	    "$LAB_DIR/vmnw.out" >/dev/null 2>&1
}

# After a failed case: show what the program and the lab said.
lab_test_explain()
{
	[ "$TAP_FAILED" -gt 0 ] || return 0
	tap_diag "vmnetwatch exit status: ${LAB_VMNW_STATUS:-none}"
	tap_diag "--- stdout:"
	tap_diag "$(head -c 6000 "$LAB_DIR/vmnw.out" 2>/dev/null)"
	tap_diag "--- stderr:"
	tap_diag "$(tail -n 30 "$LAB_DIR/vmnw.err" 2>/dev/null)"
	tap_diag "--- leases:"
	tap_diag "$(cat "$LAB_DIR/leases" 2>/dev/null)"
	tap_diag "--- dnsmasq.log:"
	tap_diag "$(tail -n 15 "$LAB_DIR/dnsmasq.log" 2>/dev/null)"
}

# Stop everything the lab started and remove everything it created.
lab_cleanup()
{
	local ns name mac host veth

	trap - EXIT HUP INT TERM
	[ -n "$LAB_DIR" ] && [ -f "$LAB_DIR/id" ] || return 0
	lab_stop
	if [ -s "$LAB_DIR/clients" ]; then
		while read -r name mac host ns veth; do
			ip -n "$LAB_HOST" link del "$veth" 2>/dev/null
		done <"$LAB_DIR/clients"
	fi
	ip -n "$LAB_HOST" link del "$LAB_BRIDGE" 2>/dev/null
	tac "$LAB_DIR/netns" 2>/dev/null | while read -r ns; do
		ip netns del "$ns" ||
		    echo "lab: could not delete namespace $ns" >&2
	done
	: >"$LAB_DIR/netns"
	: >"$LAB_DIR/clients"
	if [ "$LAB_KEEP" = 0 ] && [ -z "${LAB_KEEP_DIR:-}" ]; then
		rm -rf "$LAB_DIR"
	fi
	LAB_DIR=
	return 0
}

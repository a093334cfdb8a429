#!/usr/bin/env bash
# Lab test: the fix keys, end to end, in tmux. The socketfilterfw
# simulator blocks bootpd for real (its nftables drop of udp/67 on
# bridge100); a udhcpc client keeps asking; vmnetwatch runs as root in
# the lab (so fixes go through its privileged helper) and must say
# firewall-blocks-dhcp within 10 s; B and y make the simulator unblock
# bootpd, the drop goes, the client gets its lease and the verdict
# clears, all within 30 s. Then a managed Mac ("refused by management"),
# an unprivileged --add ("changed nothing"), --dry-run (runs nothing),
# allow-dhcp-on-bridge against a plain nftables drop, and the log.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

sim=$src/tests/sim/socketfilterfw
bootpd=/usr/libexec/bootpd
width=120
height=34
socket=vmnwfix$$
session=fix

command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is not installed"
lab_test_setup
lab_client_add c1 52:54:00:6c:fb:01 c1 &&
lab_client_add c2 52:54:00:6c:fb:02 c2 || tap_bail "could not add clients"
. "$src/tests/screen/lib.sh"
trap 'cleanup; lab_cleanup' EXIT
echo "1..24"

state=$LAB_DIR/sfw.state
log=$LAB_DIR/state/vmnetwatch/actions.log

# sfw ARG...: change the simulated firewall, as a user would.
sfw() {
	SFW_NETNS=$LAB_HOST SFW_STATE=$state "$sim" "$@" >/dev/null
}

# Firewall on, bootpd listed and blocked: the simulator's drop is in.
bootpd_blocked() {
	rm -f "$state"
	sfw --setglobalstate on --add "$bootpd" --blockapp "$bootpd"
}

sim_drop_present() {
	lab_exec nft list table inet "$LAB_TABLE" 2>/dev/null |
	    grep -q socketfilterfw-sim
}

# run ENV... -- ARG...: vmnetwatch in the lab's host namespace in tmux.
run() {
	local envs=()

	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	rm -f "$tmp/status"
	tm new-session -d -s "$session" -x "$width" -y "$height" \
	    "ip netns exec $LAB_HOST env TERM=xterm-256color \
	    XDG_STATE_HOME=$LAB_DIR/state SFW_NETNS=$LAB_HOST \
	    SFW_STATE=$state ${envs[*]} \"$VMNW\" -i bridge100 $*; \
	    echo \$? >\"$tmp/status\"; sleep 60"
	socket_path=$(tm display-message -p '#{socket_path}')
	wait_for ' up ' 10
}

# quit: q, then the session goes.
quit() {
	keys q
	wait_status 5 >/dev/null
	stop
}

# fix KEY: the key, then y once the dialog shows the commands.
fix() {
	keys "$1"
	wait_for 'y (runs|logs) it' 5 && keys y
}

elapsed() {
	awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

blocked_case() {
	local t0 tv tk tl tc

	bootpd_blocked
	check "blocked: the simulator's drop of udp/67 is in place" \
	    sim_drop_present
	run -- --socketfilterfw "$sim"
	t0=$(date +%s.%N)
	lab_client_start c1 -A 3 -t 3 -T 2
	check "blocked: firewall-blocks-dhcp shows within 10 s" \
	    wait_for 'does not let bootpd answer' 10
	tv=$(elapsed "$t0")
	check "blocked: the verdict names its key, [B] allow bootpd" \
	    wait_for 'answer.*\[B\] allow bootpd' 1
	check "blocked: the status line offers B" \
	    grep -q 'B allow bootpd' "$tmp/screen"
	keys B
	check "blocked: B opens a dialog with the exact commands" \
	    wait_for "socketfilterfw --add $bootpd" 5
	check "blocked: the dialog shows the unblock too" \
	    grep -q -- "--unblockapp $bootpd" "$tmp/screen"
	tk=$(date +%s.%N)
	keys y
	check "blocked: y runs it through the helper and it took" \
	    wait_for 'allow-bootpd via helper: took' 10
	check "blocked: the simulator's drop is gone" eval '! sim_drop_present'
	check "blocked: the client then gets its lease" \
	    lab_client_wait c1 bound 20
	tl=$(elapsed "$tk")
	check "blocked: the verdict clears" \
	    wait_gone 'does not let bootpd answer' 15
	tc=$(elapsed "$t0")
	check "blocked: all within 30 s (verdict ${tv} s, lease ${tl} s \
after the key, cleared at ${tc} s)" awk -v t="$tc" 'BEGIN { exit !(t <= 30) }'
	echo "# timing: verdict after $tv s; lease $tl s after y;" \
	    "verdict cleared $tc s after the client started"
	lab_client_stop c1
	quit
}

# A managed Mac refuses every write, and exits 0 all the same.
managed_case() {
	bootpd_blocked
	run SFW_MANAGED=1 -- --socketfilterfw "$sim"
	fix B
	check "managed: the result is refused by management" \
	    wait_for 'allow-bootpd via helper: refused by management' 10
	check "managed: the drop is still there" sim_drop_present
	quit
}

unprivileged_case() {
	rm -f "$state"
	sfw --setglobalstate on --setallowsigned off
	run SFW_UNPRIVILEGED=1 -- --socketfilterfw "$sim"
	fix B
	check "unprivileged --add: printed success but changed nothing" \
	    wait_for 'via helper: printed success but changed nothing' 10
	quit
}

dry_run_case() {
	local before

	bootpd_blocked
	before=$(grep -v '^offat=' "$state")
	run -- --socketfilterfw "$sim" --dry-run
	fix B
	check "dry run: the result says nothing ran" \
	    wait_for 'via dry run: dry run: nothing ran' 10
	check "dry run: the simulator's state is unchanged" \
	    [ "$before" = "$(grep -v '^offat=' "$state")" ]
	check "dry run: the drop is still there" sim_drop_present
	quit
}

# allow-dhcp-on-bridge against a plain nftables drop (no simulator).
nft_case() {
	lab_unblock
	lab_block_all
	run --
	lab_client_start c2 -A 3 -t 3 -T 2
	wait_for 'UNANSWERED' 10
	keys A
	check "nftables: the dialog deletes the rule by its handle" \
	    wait_for "nft delete rule inet $LAB_TABLE input handle [0-9]+" 10
	keys y
	check "nftables: it took" \
	    wait_for 'allow-dhcp-on-bridge via helper: took' 10
	check "nftables: no drop is left" eval \
	    '! lab_exec nft list table inet "$LAB_TABLE" | grep -q drop'
	check "nftables: the client gets its lease" \
	    lab_client_wait c2 bound 20
	lab_client_stop c2
	quit
}

log_case() {
	check "the log has every attempt (5)" \
	    [ "$(grep -c '^[0-9-]*T[0-9:]* [a-z-]* (' "$log")" = 5 ]
	check "the log has the commands and results" \
	    grep -q "result: refused by management" "$log"
	check "the log records the dry run" grep -q "(dry run)" "$log"
}

blocked_case
managed_case
unprivileged_case
dry_run_case
nft_case
log_case
if [ "$n" != 24 ]; then
	echo "# ran $n cases, planned 24"
fi

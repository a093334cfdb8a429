#!/usr/bin/env bash
# Lab test: the socketfilterfw simulator blocks bootpd, for real (its
# nftables drop of udp/67 on bridge100), in both macOS generations.
# vmnetwatch probes the simulator, sees the firewall on and bootpd
# blocked, the client's DISCOVERs unanswered, and says
# firewall-blocks-dhcp; unblocking bootpd in the simulator lets the same
# client get its lease. Then a rule that says "allowed" while something
# else drops DHCP gives dhcp-rule-stale, not "fine".

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

sim=$src/tests/sim/socketfilterfw
bootpd=/usr/libexec/bootpd

lab_test_setup
lab_client_add c14 52:54:00:6c:ab:14 c14 &&
lab_client_add c15 52:54:00:6c:ab:15 c15 &&
lab_client_add stale 52:54:00:6c:ab:16 stale ||
    tap_bail "could not set up the clients"
tap_plan 23

export SFW_NETNS=$LAB_HOST

# Succeed while the simulator's drop of udp/67 is in the lab's table.
sim_drop_present()
{
	lab_exec nft list table inet "$LAB_TABLE" 2>/dev/null |
	    grep -q socketfilterfw-sim
}

# One run of vmnetwatch against the simulator while CLIENT asks for DHCP.
watch_client()
{
	lab_vmnw_start --report --json --duration 7 -i bridge100 \
	    --socketfilterfw "$sim"
	lab_vmnw_wait_capture 5 || sleep 1
	lab_client_start "$1"
	lab_vmnw_wait 20
}

# Firewall on, bootpd listed and blocked, in generation $1's wording.
check_generation()
{
	local gen=$1 client=c$1 mac

	mac=$(lab_client_field "$client" 2)
	export SFW_GENERATION=$gen SFW_STATE=$LAB_DIR/sfw$gen.state
	"$sim" --setglobalstate on --add "$bootpd" --blockapp "$bootpd" \
	    >/dev/null
	tap_check "macOS $gen: the simulator put its drop in place" \
	    sim_drop_present
	watch_client "$client"
	tap_check "macOS $gen: exits 1 (critical verdict)" \
	    [ "$LAB_VMNW_STATUS" = 1 ]
	tap_check "macOS $gen: firewall state on, from socketfilterfw" \
	    lab_json '.firewall.backend == "socketfilterfw" and
	    .firewall.state == "on" and (.firewall.samples | length) >= 3 and
	    .firewall.reason == null'
	tap_check "macOS $gen: bootpd rule listed and blocked" lab_json \
	    '.dhcp_rule.subject == "/usr/libexec/bootpd" and
	    .dhcp_rule.listed == true and .dhcp_rule.allowed == false and
	    .dhcp_rule.allow_signed_builtin == true and
	    .dhcp_rule.verdict == "blocked"'
	tap_check "macOS $gen: DISCOVERs from $mac unanswered" lab_json \
	    --arg m "$mac" '[.dhcp.transactions[] | select(.mac == $m)] |
	    length >= 1 and all(.answered == false and .discover >= 1)'
	tap_check "macOS $gen: critical firewall-blocks-dhcp (allow-bootpd)" \
	    lab_json 'any(.verdicts[]; .id == "firewall-blocks-dhcp" and
	    .severity == "critical" and .fix == "allow-bootpd")'
	"$sim" --unblockapp "$bootpd" >/dev/null
	tap_check "macOS $gen: unblocking bootpd removes the drop" \
	    eval '! sim_drop_present'
	lab_client_stop "$client"
	lab_client_start "$client"
	tap_check "macOS $gen: and the same client then gets its lease" \
	    lab_client_wait "$client" bound 10
	lab_client_stop "$client"
	lab_test_explain
	TAP_FAILED=0
}

failed=0
check_generation 14
failed=$((failed + TAP_FAILED))
check_generation 15
failed=$((failed + TAP_FAILED))

# macOS 15.2+: bootpd unlisted, built-in signed software allowed, yet
# something drops DHCP: the rule is stale, whatever it says.
export SFW_GENERATION=15 SFW_STATE=$LAB_DIR/stale.state
"$sim" --setglobalstate on --setallowsigned on >/dev/null
tap_check "stale: the simulator keeps no drop (bootpd implicitly allowed)" \
    eval '! sim_drop_present'
lab_block_mac 52:54:00:6c:ab:16 || tap_bail "could not block the client"
watch_client stale
tap_check "stale: bootpd unlisted and implicitly allowed" lab_json \
    '.dhcp_rule.listed == false and .dhcp_rule.allowed == true and
    .dhcp_rule.allow_signed_builtin == true'
tap_check "stale: the rule verdict is stale" lab_json \
    '.dhcp_rule.verdict == "stale"'
tap_check "stale: dhcp-rule-stale with fix readd-bootpd" lab_json \
    'any(.verdicts[]; .id == "dhcp-rule-stale" and .fix == "readd-bootpd")'
tap_check "stale: no firewall-blocks-dhcp" lab_json \
    'all(.verdicts[]; .id != "firewall-blocks-dhcp")'
tap_check "stale: still critical (dhcp-unanswered), exit 1" \
    [ "$LAB_VMNW_STATUS" = 1 ]
tap_check "stale: the report's text form has a firewall section" eval \
    'ip netns exec "$LAB_HOST" "$VMNW" --report --duration 0 -i bridge100 \
    --socketfilterfw "$sim" | grep -q "^Firewall (socketfilterfw): on"'
lab_test_explain
TAP_FAILED=$((TAP_FAILED + failed))
tap_done

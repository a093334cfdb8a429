#!/usr/bin/env bash
# Lab test: a management agent (the simulator's SFW_AGENT) switches the
# firewall back on seconds after the user switches it off. vmnetwatch,
# polling twice a second, counts the changes and says FLAPPING within
# the window. bootpd stays allowed throughout, so DHCP itself is fine.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

sim=$src/tests/sim/socketfilterfw
bootpd=/usr/libexec/bootpd

lab_test_setup
tap_plan 9

export SFW_NETNS=$LAB_HOST SFW_GENERATION=14 SFW_AGENT=2
export SFW_STATE=$LAB_DIR/sfw.state
"$sim" --setglobalstate on --add "$bootpd" --unblockapp "$bootpd" \
    >/dev/null

lab_vmnw_start --report --json --duration 9 --poll 0.5 -i bridge100 \
    --socketfilterfw "$sim"
lab_vmnw_wait_capture 5 || sleep 1
sleep 1.5
off1=$("$sim" --setglobalstate off)
sleep 3.5
on1=$("$sim" --getglobalstate)
"$sim" --setglobalstate off >/dev/null
lab_vmnw_wait 25

tap_check "switching off prints the state line" \
    [ "$off1" = "Firewall is disabled. (State = 0)" ]
tap_check "the agent switched it back on" \
    [ "$on1" = "Firewall is enabled. (State = 1)" ]
tap_check "exits 0 (flapping is a warning)" [ "$LAB_VMNW_STATUS" = 0 ]
tap_check "the firewall is flapping" lab_json '.firewall.flapping == true'
tap_check "at least 3 changes counted" lab_json '.firewall.changes >= 3'
tap_check "the samples show both off and on" lab_json \
    '[.firewall.samples[].state] | index("off") != null and
    index("on") != null'
tap_check "since is a recent Unix time" lab_json \
    '.firewall.since > (now - 60) and .firewall.since <= now'
tap_check "a firewall-flapping warning" lab_json \
    'any(.verdicts[]; .id == "firewall-flapping" and
    .severity == "warning")'
tap_check "bootpd listed and allowed (old wording)" lab_json \
    '.dhcp_rule.listed == true and .dhcp_rule.allowed == true'
lab_test_explain
tap_done

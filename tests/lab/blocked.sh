#!/usr/bin/env bash
# Lab test: a firewall rule drops one client's DHCP requests. vmnetwatch
# sees its DISCOVERs go unanswered, says so as a critical verdict and
# exits 1, while a second, healthy client is reported answered.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

mac=52:54:00:6c:ab:03
good=52:54:00:6c:ab:01
lab_test_setup
lab_client_add blocked "$mac" blocked &&
lab_client_add web "$good" web &&
lab_block_mac "$mac" || tap_bail "could not set up the clients"
tap_plan 9

lab_vmnw_start --report --json --duration 8 -i bridge100
lab_vmnw_wait_capture 5 || sleep 1
lab_client_start blocked
lab_client_start web
lab_client_wait web bound 10
lab_vmnw_wait 30
dropped=$(lab_block_count)

tap_check "exits 1 (critical verdict)" [ "$LAB_VMNW_STATUS" = 1 ]
tap_check "prints one JSON object" lab_json 'type == "object"'
tap_check "the firewall rule dropped requests ($dropped)" [ "$dropped" -gt 0 ]
tap_check "dnsmasq leased nothing to $mac" [ -z "$(lab_lease_of "$mac")" ]
tap_check "at least 2 DISCOVERs from $mac seen" lab_json --arg m "$mac" \
    '([.dhcp.transactions[] | select(.mac == $m) | .discover] | add) >= 2'
tap_check "none of them answered" lab_json --arg m "$mac" \
    '[.dhcp.transactions[] | select(.mac == $m)] |
    length >= 1 and all(.answered == false and .offer == 0)'
tap_check "critical dhcp-unanswered verdict" lab_json \
    'any(.verdicts[]; .id == "dhcp-unanswered" and .severity == "critical")'
tap_check "its fix lets DHCP through the bridge's firewall" lab_json \
    'any(.verdicts[]; .id == "dhcp-unanswered" and
    .fix == "allow-dhcp-on-bridge")'
tap_check "the healthy client $good is answered" lab_json --arg m "$good" \
    'any(.dhcp.transactions[]; .mac == $m and .answered == true)'
lab_test_explain
tap_done

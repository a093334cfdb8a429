#!/usr/bin/env bash
# Lab test: a client gets its lease; vmnetwatch sees the whole exchange,
# reports it answered with the address dnsmasq leased, and exits 0.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

mac=52:54:00:6c:ab:01
lab_test_setup
lab_client_add web "$mac" web || tap_bail "could not add a client"
tap_plan 8

lab_vmnw_start --report --json --duration 5 -i bridge100
lab_vmnw_wait_capture 5 || sleep 1
lab_client_start web
lab_client_wait web bound 10
lease=$(lab_lease_of "$mac")
lab_vmnw_wait 30

tap_check "exits 0 (no critical verdict)" [ "$LAB_VMNW_STATUS" = 0 ]
tap_check "prints one JSON object" lab_json 'type == "object"'
tap_check "interface bridge100 is up" \
    lab_json '.interface.name == "bridge100" and .interface.state == "up"'
tap_check "client got a lease from dnsmasq" [ -n "$lease" ]
tap_check "full DISCOVER/OFFER/REQUEST/ACK for $mac" lab_json --arg m "$mac" \
    'any(.dhcp.transactions[]; .mac == $m and .discover >= 1 and
    .offer >= 1 and .request >= 1 and .ack >= 1)'
tap_check "answered, with answer_ms a number" lab_json --arg m "$mac" \
    'any(.dhcp.transactions[]; .mac == $m and .answered == true and
    (.answer_ms | type) == "number")'
tap_check "yiaddr is the leased address ${lease:-?}" \
    lab_json --arg m "$mac" --arg ip "${lease:-none}" \
    'any(.dhcp.transactions[]; .mac == $m and .ack >= 1 and
    .yiaddr == $ip and (.yiaddr | startswith("192.168.64.")))'
tap_check "no dhcp-unanswered verdict" \
    lab_json 'all(.verdicts[]; .id != "dhcp-unanswered")'
lab_test_explain
tap_done

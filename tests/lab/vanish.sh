#!/usr/bin/env bash
# Lab test: the bridge vanishes while vmnetwatch watches it and comes
# back; vmnetwatch counts the loss, attaches again, sees the exchange after
# the return and does not crash. Then: started before bridge100 exists,
# it waits for it and attaches when it appears.

src=${VMNW_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$src/tests/tap.sh"
. "$src/tests/lab/lib.sh"

web=52:54:00:6c:ab:01
db=52:54:00:6c:ab:02
late=52:54:00:6c:ab:04
lab_test_setup
lab_client_add web "$web" web &&
lab_client_add db "$db" db &&
lab_client_add late "$late" late || tap_bail "could not add the clients"
tap_plan 12

# Succeed while vmnetwatch runs.
lab_vmnw_running()
{
	! lab_vmnw_ended
}

# Succeed when vmnetwatch opens a capture on bridge100 within SECONDS.
capture_reopens()
{
	lab_vmnw_wait_capture "$1" && lab_has_capture "$LAB_VMNW_PID"
}

# Part 1: bridge100 is deleted for ~3 s, then created again.
lab_vmnw_start --report --json --duration 15 -i bridge100
lab_vmnw_wait_capture 5 || sleep 1
lab_client_start web
lab_client_wait web bound 10
sleep 1
lab_bridge_delete || tap_bail "could not delete bridge100"
sleep 3
lab_bridge_return || tap_bail "could not bring bridge100 back"
capture_reopens 8
reopened=$?
lab_client_start db
lab_client_wait db bound 10
lab_vmnw_wait 40

tap_check "did not crash (exit 0 or 1)" [ "$LAB_VMNW_STATUS" -le 1 ]
tap_check "prints one JSON object" lab_json 'type == "object"'
tap_check "capture open again once bridge100 returned" [ "$reopened" = 0 ]
tap_check "the loss is counted (losses >= 1)" lab_json \
    '.interface.losses >= 1'
tap_check "attached twice (attaches >= 2)" lab_json \
    '.interface.attaches >= 2'
tap_check "exchange before the loss answered" lab_json --arg m "$web" \
    'any(.dhcp.transactions[]; .mac == $m and .answered == true)'
tap_check "exchange after the return answered" lab_json --arg m "$db" \
    'any(.dhcp.transactions[]; .mac == $m and .answered == true)'
lab_test_explain
failed_before=$TAP_FAILED

# Part 2: started while bridge100 does not exist; it must wait for it.
lab_stop udhcpc-web
lab_stop udhcpc-db
lab_bridge_delete || tap_bail "could not delete bridge100"
lab_vmnw_start --report --json --duration 8 -i bridge100
sleep 2
tap_check "waits while bridge100 is absent" lab_vmnw_running
lab_bridge_return || tap_bail "could not create bridge100"
tap_check "attaches once bridge100 appears" capture_reopens 6
lab_client_start late
lab_client_wait late bound 10
lab_vmnw_wait 30
tap_check "exits 0" [ "$LAB_VMNW_STATUS" = 0 ]
tap_check "interface up, attached (attaches >= 1)" lab_json \
    '.interface.state == "up" and .interface.attaches >= 1'
tap_check "exchange on the new bridge answered" lab_json --arg m "$late" \
    'any(.dhcp.transactions[]; .mac == $m and .answered == true)'
[ "$TAP_FAILED" -gt "$failed_before" ] && lab_test_explain
tap_done

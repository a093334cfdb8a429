#!/usr/bin/env bash
# doc/screenshot.sh: make doc/screenshot.svg, the README's picture, from a
# real run: the bundled lab (tests/lab/lab.sh) up, the dashboard in a tmux
# pane of its own inside the lab's host namespace, captured once the
# blocked client shows UNANSWERED and the healthy ones are answered, then
# the lab torn down. Needs root (the lab), tmux and python3.
#
#	doc/screenshot.sh [VMNETWATCH]	default: build/vmnetwatch, then
#					the vmnetwatch on PATH

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vmnw=${1:-$top/build/vmnetwatch}
[ -x "$vmnw" ] || vmnw=$(command -v vmnetwatch) ||
    { echo "screenshot: no vmnetwatch binary; pass its path" >&2; exit 2; }
vmnw=$(cd "$(dirname "$vmnw")" && pwd)/$(basename "$vmnw")
cols=100
rows=30
socket=vmnwshot$$
lab=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmnwshot.XXXXXX") || exit 1

# Our tmux server, on our own socket, without the user's configuration.
tm()
{
	tmux -L "$socket" -f /dev/null "$@"
}

# Stop the dashboard's server, then the lab by its recorded PIDs.
cleanup()
{
	tm kill-server >/dev/null 2>&1
	[ -n "$lab" ] && "$top/tests/lab/lab.sh" down "$lab" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Poll the pane until every pattern matches some line, or give up.
wait_screen()
{
	local limit=$(($(date +%s) + $1)) re ok
	shift
	while [ "$(date +%s)" -lt "$limit" ]; do
		tm capture-pane -p -t shot >"$tmp/plain" 2>/dev/null
		ok=1
		for re in "$@"; do
			grep -Eq -- "$re" "$tmp/plain" || ok=0
		done
		[ $ok = 1 ] && return 0
		sleep 0.5
	done
	echo "screenshot: the screen never showed: $*" >&2
	return 1
}

[ "$(id -u)" = 0 ] || { echo "screenshot: the lab needs root" >&2; exit 1; }
lab=$tmp/lab
"$top/tests/lab/lab.sh" up "$lab" >/dev/null || exit 1

# What packaging/dev run shows: the lab's nftables rule drops the blocked
# client's and vm2's DHCP, and the diagnosis offers the key that lifts it.
tm new-session -d -s shot -x "$cols" -y "$rows" \
    "env TERM=xterm-256color LANG=C.UTF-8 VMNW_THEMEDIR=$top/themes \
    $top/tests/lab/lab.sh exec $lab $vmnw -i bridge100 -l $lab/leases; \
    sleep 60"

wait_screen 150 'DISCOVER .*52:54:00:6c:ab:03 .*UNANSWERED' \
    'REQUEST .*52:54:00:6c:ab:01 .*answered in' \
    'REQUEST .*52:54:00:6c:ab:02 .*answered in' \
    'ok +52:54:00:6c:ab:11' '\[A\]' || exit 1
sleep 1
tm capture-pane -e -p -N -t shot >"$tmp/screen.ansi" || exit 1
python3 "$top/doc/ansi2svg.py" --cols "$cols" --rows "$rows" \
    <"$tmp/screen.ansi" >"$tmp/screenshot.svg" || exit 1
mv "$tmp/screenshot.svg" "$top/doc/screenshot.svg"
sed 's/\x1b\[[0-9;]*m//g' "$tmp/screen.ansi"
echo "screenshot: wrote $top/doc/screenshot.svg" >&2

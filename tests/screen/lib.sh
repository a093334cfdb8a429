# tests/screen/lib.sh: drive the real binary in a tmux pane of our own and
# read the screen the way a person would. Source it; it speaks TAP through
# ok, not_ok, skip and check, and cleans up its server on exit.
#
# Needs: VMNW (the binary), width and height (the pane's size), session
# (a tmux session name), socket (a tmux socket name).

socket_path=
n=0

# screen_plan N: announce N cases; without tmux, skip them all (or fail
# them under CI, where tmux is installed on purpose).
screen_plan() {
	echo "1..$1"
	command -v tmux >/dev/null 2>&1 && return 0
	for i in $(seq 1 "$1"); do
		if [ -n "${CI:-}" ] && [ "$CI" != false ]; then
			echo "not ok $i - tmux is not installed"
		else
			echo "ok $i # SKIP tmux is not installed"
		fi
	done
	exit 0
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmnwscreen.XXXXXX") || exit 1

# Our own server on our own socket; no user configuration.
tm() {
	tmux -L "$socket" -f /dev/null "$@"
}

# The server goes, and so does the socket it leaves behind.
cleanup() {
	tm kill-server >/dev/null 2>&1
	[ -n "$socket_path" ] && rm -f "$socket_path"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	if [ -s "$tmp/screen" ]; then
		echo "# the screen was:"
		sed 's/^/#   /' "$tmp/screen"
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

# check DESCRIPTION COMMAND...: one test case from a command's status.
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# The pane as text, into $tmp/screen.
snap() {
	tm capture-pane -p -t "$session" >"$tmp/screen" 2>/dev/null
}

# wait_for ERE [SECONDS]: poll the pane until a line matches.
wait_for() {
	limit=$(($(date +%s) + ${2:-10}))
	while :; do
		snap
		grep -Eq -- "$1" "$tmp/screen" && return 0
		[ "$(date +%s)" -ge "$limit" ] && return 1
		sleep 0.1
	done
}

# wait_gone ERE [SECONDS]: poll the pane until no line matches.
wait_gone() {
	limit=$(($(date +%s) + ${2:-10}))
	while :; do
		snap
		grep -Eq -- "$1" "$tmp/screen" || return 0
		[ "$(date +%s)" -ge "$limit" ] && return 1
		sleep 0.1
	done
}

# settle SECONDS COMMAND...: poll the pane until COMMAND succeeds on it.
settle() {
	limit=$(($(date +%s) + $1))
	shift
	while :; do
		snap
		"$@" && return 0
		[ "$(date +%s)" -ge "$limit" ] && return 1
		sleep 0.1
	done
}

# all_of ERE...: every pattern matches some line of the last snapshot.
all_of() {
	for re in "$@"; do
		grep -Eq -- "$re" "$tmp/screen" || return 1
	done
}

# start FILE [ARG...]: replay FILE in a fresh pane with more arguments;
# the program's exit status goes to a file.
start() {
	start_file=$1
	shift
	rm -f "$tmp/status"
	tm new-session -d -s "$session" -x "$width" -y "$height" \
	    "TERM=xterm-256color; export TERM; \"$VMNW\" -r \"$start_file\" \
	    $*; echo \$? >\"$tmp/status\"; sleep 60"
	socket_path=$(tm display-message -p '#{socket_path}')
}

stop() {
	tm kill-session -t "$session" >/dev/null 2>&1
}

# keys KEY...: type into the pane.
keys() {
	tm send-keys -t "$session" "$@"
}

# wait_status [SECONDS]: wait for the program to exit; prints its status.
wait_status() {
	limit=$(($(date +%s) + ${1:-10}))
	while [ ! -s "$tmp/status" ]; do
		[ "$(date +%s)" -ge "$limit" ] && return 1
		sleep 0.1
	done
	cat "$tmp/status"
}

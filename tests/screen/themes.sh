#!/bin/sh
# Screen test: every shipped theme draws and colours an UNANSWERED
# request as its critical role says; mono and NO_COLOR use no colour at
# all; a broken theme is refused with its line, before the screen starts
# and when cycling live with t. Speaks TAP.
#
# Environment: VMNW (the binary), VMNW_SRCDIR (the source tree).

VMNW=${VMNW:-./vmnetwatch}
srcdir=${VMNW_SRCDIR:-.}
blocked=$srcdir/tests/fixtures/lab-blocked.pcap
width=120
height=30
socket=vmnwthemes$$
session=themes
esc=$(printf '\033')

. "$srcdir/tests/screen/lib.sh"
screen_plan 16


# start_env ENV... -- ARG...: replay the blocked capture with ENV
# assignments and more arguments.
start_env() {
	envs=
	while [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	shift
	rm -f "$tmp/status"
	tm new-session -d -s "$session" -x "$width" -y "$height" \
	    "env TERM=xterm-256color VMNW_THEMEDIR=$themedir $envs \
	    \"$VMNW\" -r \"$blocked\" $*; echo \$? >\"$tmp/status\"; \
	    sleep 60"
	socket_path=$(tm display-message -p '#{socket_path}')
}

# The pane with its colours and attributes, into $tmp/colour.
snap_colour() {
	tm capture-pane -e -p -t "$session" >"$tmp/colour" 2>/dev/null
}

# The SGR sequences just before UNANSWERED on the first feed row with it.
unanswered_sgr() {
	grep -a "DISCOVER.*UNANSWERED" "$tmp/colour" | head -n 1 |
	    sed 's/UNANSWERED.*//' | grep -ao "$esc\[[0-9;]*m" | tail -n 3 |
	    tr -d '\n'
}

# has_sgr CODE: the last SGR before UNANSWERED holds CODE.
has_sgr() {
	case $(unanswered_sgr) in
	*"[$1m"*|*"[$1;"*|*";$1m"*|*";$1;"*) return 0 ;;
	esac
	return 1
}

# No colour anywhere: only attributes (bold, underline, reverse ...).
no_colour() {
	! grep -ao "$esc\[[0-9;]*m" "$tmp/colour" |
	    grep -Eq '[[;](3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'
}

# Wait until the UNANSWERED row shows, then take the colours.
wait_unanswered() {
	wait_for 'DISCOVER .*UNANSWERED' 15 && sleep 0.3 && snap_colour
}

# theme_case NAME SGR: the screen draws, critical is coloured SGR.
theme_case() {
	start_env -- -t "$1"
	if wait_unanswered && all_of '^ vmnetwatch' 'DHCP feed'; then
		check "theme $1: critical UNANSWERED is drawn with SGR $2" \
		    has_sgr "$2"
	else
		not_ok "theme $1: the screen draws"
	fi
	keys q
	wait_status 5 >/dev/null
	stop
}

themedir=$tmp/themes
mkdir -p "$themedir"
cp "$srcdir"/themes/*.theme "$themedir"/

theme_case default 31
theme_case light "38;5;160"
theme_case solarized-dark "38;5;166"
theme_case high-contrast 41

start_env -- -t mono
wait_unanswered
check "theme mono: critical is bold and underlined" has_sgr 4
check "theme mono: no colour at all" no_colour
keys q
wait_status 5 >/dev/null
stop

start_env NO_COLOR=1 -- -t solarized-dark
wait_unanswered
check "NO_COLOR: the screen draws" all_of '^ vmnetwatch' 'UNANSWERED'
check "NO_COLOR: no colour SGR at all, even with a colour theme" no_colour
keys q
wait_status 5 >/dev/null
stop

# A theme with an unknown role on line 3, by path.
sed '3s/.*/titel = red default/' "$srcdir/themes/default.theme" \
    >"$tmp/bad.theme"
start_env -- -t "$tmp/bad.theme"
status=$(wait_status 5)
check "a broken theme file exits with status 2" [ "$status" = 2 ]
snap
check "the message names the file and line 3 and the role" \
    all_of "bad\.theme:3: unknown role 'titel'"
check "nothing else is on the terminal" \
    [ "$(grep -c '[^ ]' "$tmp/screen")" -eq 1 ]
stop

start_env -- -t no-such-theme
status=$(wait_status 5)
snap
check "an unknown theme name exits with status 2 and says so" \
    all_of "no theme named 'no-such-theme'"
stop

# Cycling: default, high-contrast, light, mono, solarized-dark, then a
# broken one that is refused while solarized-dark stays.
sed '5s/.*/muted = purple default/' "$srcdir/themes/default.theme" \
    >"$themedir/zz-broken.theme"
start_env -- -t default
wait_unanswered
keys t
check "t switches to the next theme and says so" \
    wait_for 'theme high-contrast' 5
snap_colour
check "and the screen takes its colours at once" has_sgr 41
keys t t t
wait_for 'theme solarized-dark' 5
keys t
check "a broken theme is refused in the status line, naming its line" \
    wait_for "zz-broken\.theme:5: unknown colour 'purple'" 5
snap_colour
check "and the theme in force stays" has_sgr "38;5;166"
keys q
wait_status 5 >/dev/null
stop

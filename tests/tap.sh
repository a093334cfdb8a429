# tests/tap.sh: a small TAP writer for shell tests; source it.
#
#	tap_plan N		print the plan "1..N"
#	tap_pass DESC		ok N - DESC
#	tap_fail DESC [WHY]	not ok N - DESC, then WHY as a "#" comment
#	tap_check DESC CMD...	ok when CMD succeeds, not ok otherwise
#	tap_skip DESC REASON	ok N - DESC # SKIP REASON
#	tap_diag TEXT...	"#" comment lines, one per input line
#	tap_skip_all REASON	"1..0 # SKIP REASON", exit 0
#	tap_bail REASON		"Bail out! REASON", exit 1
#	tap_need_lab TOOL...	skip (or fail under CI) without root, network
#				namespaces or one of the TOOLs
#	tap_done		exit 1 when a case failed, 0 otherwise
#
# Works in POSIX sh and bash; keeps its state in TAP_* variables.

TAP_N=0
TAP_FAILED=0

# Announce how many cases follow.
tap_plan()
{
	echo "1..$1"
}

# Report a passing case.
tap_pass()
{
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1"
}

# Report a failing case and why, as a comment the harness keeps in the log.
tap_fail()
{
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"
	if [ $# -gt 1 ]; then
		shift
		tap_diag "$*"
	fi
}

# Run a command and report its success as one case.
tap_check()
{
	tap_check_desc=$1
	shift
	if "$@"; then
		tap_pass "$tap_check_desc"
	else
		tap_fail "$tap_check_desc"
	fi
}

# Report a case that could not run here.
tap_skip()
{
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1 # SKIP $2"
}

# Print free text as TAP comments.
tap_diag()
{
	printf '%s\n' "$*" | sed 's/^/# /'
}

# Skip the whole script before any case ran.
tap_skip_all()
{
	echo "1..0 # SKIP $1"
	exit 0
}

# Stop the whole script: the harness counts this as an error.
tap_bail()
{
	echo "Bail out! $1"
	exit 1
}

# Under CI a missing requirement is a failure; elsewhere it is a skip.
tap_require_fail()
{
	if [ -n "${CI:-}" ] && [ "${CI:-}" != false ]; then
		echo "1..1"
		echo "not ok 1 - $1 (required under CI)"
		exit 1
	fi
	tap_skip_all "$1"
}

# Lab tests need root, working network namespaces and their tools.
tap_need_lab()
{
	if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null 2>&1 ||
	    ! ip netns list >/dev/null 2>&1; then
		tap_require_fail "needs root and network namespaces"
	fi
	for tap_tool in "$@"; do
		command -v "$tap_tool" >/dev/null 2>&1 ||
		    tap_require_fail "needs $tap_tool"
	done
}

# Finish: the exit status tells whether every case passed.
tap_done()
{
	[ "$TAP_FAILED" -eq 0 ]
	exit $?
}

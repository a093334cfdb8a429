/* Fixes: fixed argument vectors, what they change, and how they went. */
#ifndef VMNW_ACTIONS_H
#define VMNW_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct firewall;

#define ACTION_STEPS	4	/* commands in one fix */
#define ACTION_ARGS	14	/* argv slots, NULL and sudo included */
#define ACTION_ARG_MAX	160 /* bytes of one argument, NUL included */
#define ACTION_OUT_MAX	2048 /* bytes of one command's output kept */
#define ACTION_NOTE_MAX	256
#define ACTION_TIMEOUT	20.0	/* seconds for one command */
#define ACTION_BRIDGE_MAX	16	/* an interface name, NUL included */

enum fix_id {
	FIX_ALLOW_BOOTPD,
	FIX_READD_BOOTPD,
	FIX_FIREWALL_OFF,
	FIX_FIREWALL_ON,
	FIX_RESTART_BOOTPD,
	FIX_ALLOW_DHCP_ON_BRIDGE,
	FIX_COUNT,
};

/* Which platform tool a fix needs; decides whether it is offered. */
enum fix_needs {
	FIX_NEEDS_SOCKETFILTERFW,	/* a socketfilterfw backend */
	FIX_NEEDS_LAUNCHCTL,		/* macOS */
	FIX_NEEDS_LINUX_FIREWALL,	/* Linux, a bridge named */
};

struct fix_def {
	enum fix_id	 id;
	const char	*name;		/* the fix id of DESIGN.md */
	int		 key;		/* its default key */
	const char	*brief;		/* status-line words */
	const char	*changes;	/* one sentence for the dialog */
	enum fix_needs	 needs;
	int		 undo;	/* the fix that undoes it, or -1 */
};

struct action_step {
	char		argv[ACTION_ARGS][ACTION_ARG_MAX];
	size_t		argc;
};

/* The commands of one fix, in order; empty when nothing applies. */
struct action_plan {
	int			fix;		/* enum fix_id */
	struct action_step	steps[ACTION_STEPS];
	size_t			nsteps;
	char			note[ACTION_NOTE_MAX]; /* why, or which */
};

/* What one command did. Output is raw: sanitize before showing it. */
struct step_result {
	bool		ran;		/* it was started */
	int		start_errno;	/* why it could not start */
	int		status;		/* wait status */
	bool		timed_out;
	size_t		outlen;
	char		out[ACTION_OUT_MAX];	/* stdout and stderr */
};

struct action_result {
	size_t			nsteps;	/* steps attempted */
	struct step_result	steps[ACTION_STEPS];
};

/* The plain answer a user gets. */
enum action_outcome {
	OUTCOME_PENDING,	/* ran; the re-probe has not spoken yet */
	OUTCOME_DRY_RUN,	/* shown and logged, nothing ran */
	OUTCOME_TOOK,
	OUTCOME_NO_CHANGE,	/* printed success but changed nothing */
	OUTCOME_REFUSED,	/* refused by management */
	OUTCOME_FAILED,		/* a command failed */
	OUTCOME_RAN,		/* ran cleanly; nothing to check against */
	OUTCOME_UNCONFIRMED,	/* ran; no re-probe answer in time */
};

extern const struct fix_def fix_table[FIX_COUNT];

const struct fix_def *fix_by_name(const char *name);
const struct fix_def *fix_by_key(int key);

/*
 * The fixed commands of a fix that needs no look at the system first:
 * every socketfilterfw fix and restart-bootpd. Returns 0, or -1 when
 * the fix is computed (allow-dhcp-on-bridge) or the path is unusable.
 */
int action_plan_fixed(int fix, const char *socketfilterfw,
    struct action_plan *plan);

/* A Linux firewall in charge of the bridge, as far as we can tell. */
enum linux_fw {
	LINUX_FW_NONE,
	LINUX_FW_FIREWALLD,
	LINUX_FW_UFW,
	LINUX_FW_NFTABLES,
};

/*
 * allow-dhcp-on-bridge from what the firewalls said: firewalld running
 * (firewall-cmd --state), ufw active (ufw status), else every nftables
 * rule in nft -a list ruleset that drops or rejects udp dport 67 on the
 * bridge, deleted by its handle. A NULL output means "not installed".
 * Programs are given by absolute path. Returns the firewall found.
 */
enum linux_fw action_plan_linux(struct action_plan *plan, const char *bridge,
    const char *firewalld_out, const char *ufw_out, const char *nft_out,
    const char *firewall_cmd, const char *ufw, const char *nft);

/* Whether s is a plausible interface name (letters, digits, . _ -). */
bool action_bridge_valid(const char *s);

/* Prefix every step with "sudo --"; -1 when an argv has no room. */
int action_plan_sudo(struct action_plan *plan, const char *sudo);

/* One step as a line a person could type: words quoted when needed. */
void action_step_format(const struct action_step *step, char *dst,
    size_t size);

/*
 * The outcome the commands alone tell: refused, failed, or pending a
 * re-probe (OUTCOME_PENDING). why gets a short reason.
 */
enum action_outcome action_outcome_of(const struct action_plan *plan,
    const struct action_result *res, char *why, size_t size);

/*
 * After the re-probe: whether a socketfilterfw fix took, from the
 * firewall's newest reading. OUTCOME_RAN for fixes nothing can check.
 */
enum action_outcome action_verify(int fix, const struct firewall *fw);

const char *action_outcome_name(enum action_outcome o);

/* Find prog in the system's program folders, never PATH; NULL if none. */
const char *action_find_program(const char *prog, char *dst, size_t size);

#endif

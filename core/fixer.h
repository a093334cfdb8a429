/*
 * Applying fixes from the dashboard: the plan shown for confirmation,
 * the run (through the privileged helper, through sudo, or not at all
 * with --dry-run), the re-probe that says whether it took, and the log.
 */
#ifndef VMNW_FIXER_H
#define VMNW_FIXER_H

#include <stdbool.h>

#include <ev.h>

#include "actions.h"

struct model;
struct fwprobe;

#define FIXER_REPROBES	2	/* probes after a run before we judge */
#define FIXER_VERIFY_MAX	10.0	/* seconds to wait for them */
#define FIXER_SUDO_TIMEOUT	120.0 /* a password prompt takes time */

struct fixer_config {
	const char	*socketfilterfw;	/* NULL: no firewall fixes */
	bool		 dry_run;
	bool		 read_only;
	int		 helper_fd;		/* -1: no helper */
};

/* What the dialog shows before anything runs. */
enum proposal_state {
	PROPOSAL_NONE,
	PROPOSAL_WORKING,	/* the helper is working out the commands */
	PROPOSAL_READY,		/* commands to confirm */
	PROPOSAL_EMPTY,		/* nothing to do; why says so */
	PROPOSAL_ERROR,		/* cannot be offered; why says so */
};

struct fixer_proposal {
	int			fix;
	enum proposal_state	state;
	struct action_plan	plan;
	char			why[ACTION_NOTE_MAX];
};

/* The latest attempt, for the Actions pane. */
struct fixer_attempt {
	bool			valid;
	int			fix;
	const char		*mode;	/* helper, sudo, dry run... */
	double			started, ended;	/* loop time */
	struct action_plan	plan;
	struct action_result	result;
	enum action_outcome	outcome;
	char			why[ACTION_NOTE_MAX];	/* raw */
	char			reprobe[ACTION_NOTE_MAX];	/* ours */
	bool			logged;
};

struct fixer;

struct fixer *fixer_new(struct ev_loop *loop, struct model *m,
    struct fwprobe *probe, const struct fixer_config *cfg);
void fixer_free(struct fixer *fx);

/*
 * Called with true before a command that may ask for a password on the
 * terminal (sudo) and with false after it: the screen steps aside.
 */
void fixer_set_suspend(struct fixer *fx, void (*fn)(void *, bool),
    void *arg);

/* Whether fix can be offered here (platform, backend, --read-only). */
bool fixer_available(const struct fixer *fx, int fix);

/* Work out the commands of fix for the dialog; -1 when not available. */
int fixer_prepare(struct fixer *fx, int fix);
const struct fixer_proposal *fixer_proposal(const struct fixer *fx);

/* The dialog closed without y. */
void fixer_cancel(struct fixer *fx);

/* y: run the proposal as shown; -1 when there is nothing ready. */
int fixer_confirm(struct fixer *fx);

/* Whether a run or its re-probe is still under way. */
bool fixer_busy(const struct fixer *fx);

const struct fixer_attempt *fixer_last(const struct fixer *fx);

/* Where attempts are logged, or NULL. */
const char *fixer_log_path(const struct fixer *fx);

#endif

/* Applying fixes from the dashboard: plan, confirm, run, re-probe, log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actionlog.h"
#include "firewall.h"
#include "fixer.h"
#include "fwprobe.h"
#include "helper.h"
#include "log.h"
#include "model.h"
#include "runner.h"
#include "util.h"

struct fixer {
	struct ev_loop		*loop;
	struct model		*m;
	struct fwprobe		*probe;
	struct fixer_config	 cfg;
	void			(*suspend)(void *, bool);
	void			*suspend_arg;

	ev_io			 reply_io; /* the helper's answers */
	ev_timer		 verify;	/* re-probe deadline */
	int			 awaiting;	/* enum helper_op, or 0 */
	bool			 verifying;
	unsigned long		 probes_at_end;

	struct fixer_proposal	 proposal;
	struct fixer_attempt	 last;
	struct helper_reply	 reply;
	char			 log_path[1024];
	bool			 has_log;
};

/* Whether this platform has what a fix needs. */
static bool
fixer_platform_has(const struct fixer *fx, enum fix_needs needs)
{
	switch (needs) {
	case FIX_NEEDS_SOCKETFILTERFW:
		return fx->cfg.socketfilterfw != NULL;
	case FIX_NEEDS_LAUNCHCTL:
#if defined(__APPLE__)
		return true;
#else
		return false;
#endif
	case FIX_NEEDS_LINUX_FIREWALL:
#if defined(__APPLE__)
		return false;
#else
		return true;
#endif
	}
	return false;
}

/* A fix key is offered only where it can apply. */
bool
fixer_available(const struct fixer *fx, int fix)
{
	if (fx == NULL || fx->cfg.read_only || fix < 0 || fix >= FIX_COUNT)
		return false;
	/* Switching the firewall to the state it is in changes nothing. */
	if ((fix == FIX_FIREWALL_OFF && fx->m->fw.state == FW_OFF) ||
	    (fix == FIX_FIREWALL_ON && fx->m->fw.state == FW_ON))
		return false;
	return fixer_platform_has(fx, fix_table[fix].needs);
}

/* Append the attempt to the log; the pane says when that failed. */
static void
fixer_log(struct fixer *fx)
{
	struct fixer_attempt *a = &fx->last;

	a->logged = fx->has_log && actionlog_append(fx->log_path,
	    now_seconds(), a->mode, &a->plan, &a->result,
	    action_outcome_name(a->outcome), a->why) == 0;
	log_msg(1, "fix %s (%s): %s", fix_table[a->fix].name, a->mode,
	    action_outcome_name(a->outcome));
	model_touch(fx->m);
}

/* What the re-probe saw, in words, for the pane and the log. */
static void
fixer_describe_probe(struct fixer *fx)
{
	const struct firewall *fw = &fx->m->fw;
	const struct fw_reading *r = &fw->reading;

	snprintf(fx->last.reprobe, sizeof fx->last.reprobe, "re-probe: "
	    "firewall %s; bootpd %s", firewall_state_name(fw->state),
	    r->subject_listed == FW_YES ? (r->subject_blocked == FW_NO ?
	    "listed, allowed" : "listed, blocked") :
	    r->subject_listed == FW_NO ? "not listed" : "unknown");
}

/* The verdict on a run, once the commands and the re-probe spoke. */
static void
fixer_settle(struct fixer *fx, enum action_outcome o)
{
	fx->verifying = false;
	ev_timer_stop(fx->loop, &fx->verify);
	if (fx->probe != NULL)
		fwprobe_on_result(fx->probe, NULL, NULL);
	fx->last.outcome = o;
	fixer_log(fx);
}

/* Each probe result after a run; the second one judges it. */
static void
fixer_on_probe(void *arg)
{
	struct fixer *fx = arg;

	if (!fx->verifying ||
	    fx->m->fw.probes < fx->probes_at_end + FIXER_REPROBES)
		return;
	fixer_describe_probe(fx);
	fixer_settle(fx, action_verify(fx->last.fix, &fx->m->fw));
}

/* The probe did not speak in time: say so, unjudged. */
static void
fixer_on_verify_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct fixer *fx = w->data;

	snprintf(fx->last.reprobe, sizeof fx->last.reprobe, "re-probe: no "
	    "answer within %.0f s", FIXER_VERIFY_MAX);
	fixer_settle(fx, OUTCOME_UNCONFIRMED);
}

/* Our own switch, so that the flap detector does not count it. */
static void
fixer_note_switch(struct fixer *fx)
{
	if (fx->last.fix == FIX_FIREWALL_OFF)
		firewall_note_own(&fx->m->fw, ev_now(fx->loop), FW_OFF);
	else if (fx->last.fix == FIX_FIREWALL_ON)
		firewall_note_own(&fx->m->fw, ev_now(fx->loop), FW_ON);
}

/* The commands are done: judge them, then maybe wait for the probe. */
static void
fixer_ran(struct fixer *fx, enum action_outcome o)
{
	struct fixer_attempt *a = &fx->last;

	a->ended = ev_now(fx->loop);
	if (o == OUTCOME_PENDING)
		o = action_outcome_of(&a->plan, &a->result, a->why,
		    sizeof a->why);
	if (o != OUTCOME_PENDING || fix_table[a->fix].needs !=
	    FIX_NEEDS_SOCKETFILTERFW || fx->probe == NULL) {
		fixer_settle(fx, o == OUTCOME_PENDING ? OUTCOME_RAN : o);
		return;
	}
	fixer_note_switch(fx);
	a->outcome = OUTCOME_PENDING;
	fx->verifying = true;
	fx->probes_at_end = fx->m->fw.probes;
	fwprobe_on_result(fx->probe, fixer_on_probe, fx);
	ev_timer_set(&fx->verify, FIXER_VERIFY_MAX, 0);
	ev_timer_start(fx->loop, &fx->verify);
	model_touch(fx->m);
}

/* A PLAN answer fills the dialog; a RUN answer ends the run. */
static void
fixer_on_reply(struct ev_loop *loop, ev_io *w, int revents)
{
	struct fixer *fx = w->data;
	struct helper_reply *r = &fx->reply;

	int op = fx->awaiting;

	if (helper_receive(w->fd, r) != 0 || op == 0)
		return;
	fx->awaiting = 0;
	if (op == HELPER_OP_RUN) {
		fx->last.plan = r->plan;
		fx->last.result = r->result;
		snprintf(fx->last.why, sizeof fx->last.why, "%s", r->why);
		fixer_ran(fx, r->refused ? OUTCOME_FAILED :
		    (enum action_outcome)r->outcome);
		return;
	}
	fx->proposal.plan = r->plan;
	snprintf(fx->proposal.why, sizeof fx->proposal.why, "%s",
	    r->refused ? r->why : r->plan.note);
	fx->proposal.state = r->refused ? PROPOSAL_ERROR :
	    r->plan.nsteps == 0 ? PROPOSAL_EMPTY : PROPOSAL_READY;
	model_touch(fx->m);
}

/* The fixer of the dashboard; helper_fd is ours from now on. */
struct fixer *
fixer_new(struct ev_loop *loop, struct model *m, struct fwprobe *probe,
    const struct fixer_config *cfg)
{
	struct fixer *fx = xcalloc(1, sizeof *fx);

	fx->loop = loop;
	fx->m = m;
	fx->probe = probe;
	fx->cfg = *cfg;
	fx->has_log = actionlog_path(fx->log_path, sizeof fx->log_path) == 0;
	ev_init(&fx->verify, fixer_on_verify_timeout);
	fx->verify.data = fx;
	ev_io_init(&fx->reply_io, fixer_on_reply, cfg->helper_fd, EV_READ);
	fx->reply_io.data = fx;
	if (cfg->helper_fd >= 0)
		ev_io_start(loop, &fx->reply_io);
	return fx;
}

/* Stop waiting; closing the socket ends the helper. */
void
fixer_free(struct fixer *fx)
{
	if (fx == NULL)
		return;
	ev_io_stop(fx->loop, &fx->reply_io);
	ev_timer_stop(fx->loop, &fx->verify);
	if (fx->probe != NULL && fx->verifying)
		fwprobe_on_result(fx->probe, NULL, NULL);
	if (fx->cfg.helper_fd >= 0)
		close(fx->cfg.helper_fd);
	free(fx);
}

/* The screen's way of stepping aside for sudo. */
void
fixer_set_suspend(struct fixer *fx, void (*fn)(void *, bool), void *arg)
{
	fx->suspend = fn;
	fx->suspend_arg = arg;
}

/* A proposal that cannot go ahead, with the reason. */
static int
fixer_refuse(struct fixer *fx, const char *why)
{
	fx->proposal.state = PROPOSAL_ERROR;
	snprintf(fx->proposal.why, sizeof fx->proposal.why, "%s", why);
	return 0;
}

/* The dialog's content: fixed commands, or the helper's plan. */
int
fixer_prepare(struct fixer *fx, int fix)
{
	struct fixer_proposal *p = &fx->proposal;

	if (!fixer_available(fx, fix))
		return -1;
	memset(p, 0, sizeof *p);
	p->fix = fix;
	if (fixer_busy(fx))
		return fixer_refuse(fx, "the last fix is still running");
	if (fix != FIX_ALLOW_DHCP_ON_BRIDGE) {
		if (action_plan_fixed(fix, fx->cfg.socketfilterfw,
		    &p->plan) != 0)
			return fixer_refuse(fx, "the program path is not "
			    "absolute, so no command is built from it");
		p->state = PROPOSAL_READY;
		return 0;
	}
	if (fx->cfg.helper_fd < 0)
		return fixer_refuse(fx, "reading the firewall rules needs "
		    "root: start vmnetwatch with sudo");
	if (helper_send(fx->cfg.helper_fd, HELPER_OP_PLAN, fix_table[fix]
	    .name, fx->m->iface.name, 0) != 0)
		return fixer_refuse(fx, "the privileged helper is gone");
	fx->awaiting = HELPER_OP_PLAN;
	p->state = PROPOSAL_WORKING;
	return 0;
}

/* What the dialog shows now. */
const struct fixer_proposal *
fixer_proposal(const struct fixer *fx)
{
	return &fx->proposal;
}

/* Any key but y: nothing runs. */
void
fixer_cancel(struct fixer *fx)
{
	fx->proposal.state = PROPOSAL_NONE;
}

/* Without root: each command through sudo, the screen stepped aside. */
static void
fixer_run_sudo(struct fixer *fx)
{
	struct action_plan plan = fx->last.plan;
	char sudo[ACTION_ARG_MAX];

	fx->last.mode = "sudo";
	if (action_find_program("sudo", sudo, sizeof sudo) == NULL ||
	    action_plan_sudo(&plan, sudo) != 0) {
		snprintf(fx->last.why, sizeof fx->last.why, "no sudo to run "
		    "it with");
		fixer_ran(fx, OUTCOME_FAILED);
		return;
	}
	if (fx->suspend != NULL)
		fx->suspend(fx->suspend_arg, true);
	runner_plan(&plan, FIXER_SUDO_TIMEOUT, true, &fx->last.result);
	if (fx->suspend != NULL)
		fx->suspend(fx->suspend_arg, false);
	ev_now_update(fx->loop);
	fixer_ran(fx, OUTCOME_PENDING);
}

/* Start the run in the way this process can. */
static void
fixer_run(struct fixer *fx)
{
	struct fixer_attempt *a = &fx->last;

	if (fx->cfg.dry_run) {
		a->mode = "dry run";
		fixer_settle(fx, OUTCOME_DRY_RUN);
	} else if (fx->cfg.helper_fd >= 0) {
		a->mode = "helper";
		if (helper_send(fx->cfg.helper_fd, HELPER_OP_RUN,
		    fix_table[a->fix].name, fx->m->iface.name,
		    helper_plan_hash(&a->plan)) != 0) {
			snprintf(a->why, sizeof a->why, "the privileged "
			    "helper is gone");
			fixer_ran(fx, OUTCOME_FAILED);
			return;
		}
		fx->awaiting = HELPER_OP_RUN;
		model_touch(fx->m);
	} else if (geteuid() != 0) {
		fixer_run_sudo(fx);
	} else {
		a->mode = "direct";
		runner_plan(&a->plan, ACTION_TIMEOUT, false, &a->result);
		ev_now_update(fx->loop);
		fixer_ran(fx, OUTCOME_PENDING);
	}
}

/* y: the attempt starts with the commands that were shown. */
int
fixer_confirm(struct fixer *fx)
{
	struct fixer_attempt *a = &fx->last;

	if (fx->proposal.state != PROPOSAL_READY || fixer_busy(fx))
		return -1;
	memset(a, 0, sizeof *a);
	a->valid = true;
	a->fix = fx->proposal.fix;
	a->plan = fx->proposal.plan;
	a->started = a->ended = ev_now(fx->loop);
	a->outcome = OUTCOME_PENDING;
	fx->proposal.state = PROPOSAL_NONE;
	fixer_run(fx);
	return 0;
}

/* One fix at a time. */
bool
fixer_busy(const struct fixer *fx)
{
	return fx->awaiting == HELPER_OP_RUN || fx->verifying;
}

/* The Actions pane shows the latest attempt. */
const struct fixer_attempt *
fixer_last(const struct fixer *fx)
{
	return &fx->last;
}

/* Where the attempts go, for the help and the tests. */
const char *
fixer_log_path(const struct fixer *fx)
{
	return fx->has_log ? fx->log_path : NULL;
}

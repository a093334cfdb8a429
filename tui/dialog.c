/* The confirmation dialog: the exact commands of a fix, then y or not. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "draw.h"
#include "fixer.h"
#include "options.h"
#include "sanitize.h"
#include "ui.h"

#define DIALOG_WIDTH	96	/* columns at most */
#define DIALOG_LINES	(ACTION_STEPS + 10)

/* The dialog's text, one entry a row; role per row. */
struct dialog_text {
	char	 rows[DIALOG_LINES][ACTION_ARG_MAX * ACTION_ARGS * 2];
	enum theme_role	 roles[DIALOG_LINES];
	int		 n;
};

/* One row, sanitized: plans hold names read from nft. */
static void
dialog_add(struct dialog_text *t, enum theme_role role, const char *s)
{
	if (t->n == DIALOG_LINES)
		return;
	sanitize_str(t->rows[t->n], sizeof t->rows[t->n], s);
	t->roles[t->n++] = role;
}

/* The commands, or why there are none yet. */
static void
dialog_commands(struct dialog_text *t, const struct fixer_proposal *p)
{
	char line[ACTION_ARG_MAX * ACTION_ARGS];
	size_t i;

	switch (p->state) {
	case PROPOSAL_WORKING:
		dialog_add(t, THEME_WARNING, "Working out the commands "
		    "(reading the firewall rules)...");
		return;
	case PROPOSAL_EMPTY:
	case PROPOSAL_ERROR:
	case PROPOSAL_NONE:
		dialog_add(t, THEME_WARNING, p->why);
		return;
	case PROPOSAL_READY:
		break;
	}
	dialog_add(t, THEME_NORMAL, "It runs, in this order:");
	for (i = 0; i < p->plan.nsteps; i++) {
		action_step_format(&p->plan.steps[i], line, sizeof line);
		dialog_add(t, THEME_KEY, line);
	}
	if (p->plan.note[0] != '\0')
		dialog_add(t, THEME_MUTED, p->plan.note);
}

/* Everything the dialog says, from the proposal. */
static void
dialog_compose(const struct ui *ui, struct dialog_text *t)
{
	const struct fixer_proposal *p = fixer_proposal(
	    actionpane_get_fixer());
	const struct fix_def *def = &fix_table[p->fix];
	char line[ACTION_NOTE_MAX];

	t->n = 0;
	snprintf(line, sizeof line, "Fix: %s", def->name);
	dialog_add(t, THEME_TITLE, line);
	snprintf(line, sizeof line, "It %s.", def->changes);
	dialog_add(t, THEME_NORMAL, line);
	dialog_commands(t, p);
	dialog_add(t, THEME_NORMAL, "");
	if (p->state != PROPOSAL_READY)
		dialog_add(t, THEME_MUTED, "Any key closes this.");
	else if (ui->opts->dry_run)
		dialog_add(t, THEME_KEY, "y logs it without running it "
		    "(--dry-run); any other key cancels.");
	else
		dialog_add(t, THEME_KEY, "y runs it; any other key cancels.");
}

/* A box in the middle of the main view. */
void
dialog_draw(struct ui *ui, int h, int w)
{
	static struct dialog_text t;
	int bw = w - 4 < DIALOG_WIDTH ? w - 4 : DIALOG_WIDTH, top, x, i;

	dialog_compose(ui, &t);
	if (bw < 20 || h < t.n + 2)
		bw = w;
	top = (h - t.n - 2) / 2;
	if (top < 0)
		top = 0;
	x = (w - bw) / 2;
	for (i = 0; i < t.n + 2 && top + i < h; i++)
		draw_fill(top + i, x, bw, THEME_SELECTION);
	for (i = 0; i < t.n && top + 1 + i < h; i++)
		draw_text(top + 1 + i, x + 2, bw - 4, t.rows[i], t.roles[i] ==
		    THEME_TITLE ? THEME_SELECTION : t.roles[i]);
}

/* y runs what is shown; any other key closes the dialog. */
enum ui_action
dialog_key(struct ui *ui, int key)
{
	struct fixer *fx = actionpane_get_fixer();

	if (key == 'y' && fixer_proposal(fx)->state == PROPOSAL_WORKING)
		return UI_NONE;
	if (key == 'y')
		fixer_confirm(fx);
	else
		fixer_cancel(fx);
	ui->view = UI_VIEW_MAIN;
	return UI_REDRAW;
}

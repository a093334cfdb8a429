/* The fix keys, and the Actions pane: what the last fix ran and did. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "draw.h"
#include "fixer.h"
#include "model.h"
#include "sanitize.h"
#include "ui.h"

#define ACTIONPANE_ROWS	6	/* title, commands, outputs, re-probe */

static struct fixer *actionpane_fixer;

static void actionpane_suspend(void *, bool);

static enum ui_action actionpane_key_b(struct ui *);
static enum ui_action actionpane_key_r(struct ui *);
static enum ui_action actionpane_key_f(struct ui *);
static enum ui_action actionpane_key_o(struct ui *);
static enum ui_action actionpane_key_k(struct ui *);
static enum ui_action actionpane_key_a(struct ui *);

/* One binding per fix, in fix_table's order; labels are the keys. */
const struct key_binding fix_keys[] = {
	{ .codes = { 'B' }, .label = "B", .brief = "allow bootpd",
	  .help = "allow-bootpd: add bootpd to the firewall and allow it",
	  .fn = actionpane_key_b },
	{ .codes = { 'R' }, .label = "R", .brief = "re-add bootpd",
	  .help = "readd-bootpd: remove bootpd's rule, add it, allow it",
	  .fn = actionpane_key_r },
	{ .codes = { 'F' }, .label = "F", .brief = "fw off",
	  .help = "firewall-off: switch the firewall off (O undoes it)",
	  .fn = actionpane_key_f },
	{ .codes = { 'O' }, .label = "O", .brief = "fw on",
	  .help = "firewall-on: switch the firewall on",
	  .fn = actionpane_key_o },
	{ .codes = { 'K' }, .label = "K", .brief = "restart bootpd",
	  .help = "restart-bootpd: launchctl kickstart -kp bootpd",
	  .fn = actionpane_key_k },
	{ .codes = { 'A' }, .label = "A", .brief = "allow DHCP",
	  .help = "allow-dhcp-on-bridge: let DHCP through the Linux firewall",
	  .fn = actionpane_key_a },
	{ .fn = NULL },
};

/* The fixer main() made; the panes and keys reach it through here. */
void
actionpane_attach(struct fixer *fx)
{
	actionpane_fixer = fx;
	if (fx != NULL)
		fixer_set_suspend(fx, actionpane_suspend, NULL);
}

/* The fixer, for the dialog. */
struct fixer *
actionpane_get_fixer(void)
{
	return actionpane_fixer;
}

/* Whether the key of fix is live here. */
bool
actionpane_offered(int fix)
{
	return fixer_available(actionpane_fixer, fix);
}

/* The bindings of the fixes offered here, for the status line and help. */
const struct key_binding *
actionpane_keys_offered(void)
{
	static struct key_binding offered[FIX_COUNT + 1];
	size_t i, n = 0;

	for (i = 0; i < FIX_COUNT; i++)
		if (actionpane_offered((int)i))
			offered[n++] = fix_keys[i];
	offered[n] = (struct key_binding){ .fn = NULL };
	return offered;
}

/* A fix key: work out the commands and open the confirmation dialog. */
static enum ui_action
actionpane_start(struct ui *ui, int fix)
{
	if (fixer_prepare(actionpane_fixer, fix) != 0)
		return UI_NONE;
	ui->view = UI_VIEW_DIALOG;
	return UI_REDRAW;
}

/* B: allow-bootpd. */
static enum ui_action
actionpane_key_b(struct ui *ui)
{
	return actionpane_start(ui, FIX_ALLOW_BOOTPD);
}

/* R: readd-bootpd. */
static enum ui_action
actionpane_key_r(struct ui *ui)
{
	return actionpane_start(ui, FIX_READD_BOOTPD);
}

/* F: firewall-off. */
static enum ui_action
actionpane_key_f(struct ui *ui)
{
	return actionpane_start(ui, FIX_FIREWALL_OFF);
}

/* O: firewall-on. */
static enum ui_action
actionpane_key_o(struct ui *ui)
{
	return actionpane_start(ui, FIX_FIREWALL_ON);
}

/* K: restart-bootpd. */
static enum ui_action
actionpane_key_k(struct ui *ui)
{
	return actionpane_start(ui, FIX_RESTART_BOOTPD);
}

/* A: allow-dhcp-on-bridge. */
static enum ui_action
actionpane_key_a(struct ui *ui)
{
	return actionpane_start(ui, FIX_ALLOW_DHCP_ON_BRIDGE);
}

/* Nothing to show until a fix has been tried. */
int
actionpane_height(const struct ui *ui, int avail)
{
	const struct fixer_attempt *at;
	int rows;

	if (actionpane_fixer == NULL || !fixer_last(actionpane_fixer)->valid)
		return 0;
	at = fixer_last(actionpane_fixer);
	rows = 2 + (int)at->plan.nsteps;
	if (rows > ACTIONPANE_ROWS)
		rows = ACTIONPANE_ROWS;
	return avail > rows + 4 ? rows : 0;
}

static enum theme_role
actionpane_role(enum action_outcome o)
{
	switch (o) {
	case OUTCOME_TOOK:
	case OUTCOME_RAN:
		return THEME_OK;
	case OUTCOME_PENDING:
	case OUTCOME_DRY_RUN:
		return THEME_WARNING;
	default:
		return THEME_CRITICAL;
	}
}

/* "Actions  allow-bootpd via helper: took" and the reason, if any. */
static void
actionpane_title(const struct fixer_attempt *at, const struct pane_area *a)
{
	char text[ACTION_NOTE_MAX * 5], why[ACTION_NOTE_MAX * 4];
	int x;

	draw_fill(a->y, a->x, a->w, THEME_TITLE);
	snprintf(text, sizeof text, " Actions  %s via %s: ",
	    fix_table[at->fix].name, at->mode != NULL ? at->mode : "-");
	x = draw_text(a->y, a->x, a->w, text, THEME_TITLE);
	x += draw_text(a->y, a->x + x, a->w - x,
	    action_outcome_name(at->outcome), actionpane_role(at->outcome));
	sanitize_str(why, sizeof why, at->why);
	if (why[0] != '\0') {
		snprintf(text, sizeof text, "  (%s)", why);
		draw_text(a->y, a->x + x, a->w - x, text, THEME_TITLE);
	}
}

/* A command and the first line of what it printed. */
static void
actionpane_step(const struct fixer_attempt *at, size_t i, int y,
    const struct pane_area *a)
{
	char raw[ACTION_ARG_MAX * ACTION_ARGS], text[sizeof raw * 2];
	const struct step_result *s = &at->result.steps[i];
	size_t n = 0;
	int x;

	action_step_format(&at->plan.steps[i], raw, sizeof raw);
	sanitize_str(text, sizeof text, raw);
	x = draw_text(y, a->x, a->w, "  $ ", THEME_MUTED);
	x += draw_text(y, a->x + x, a->w - x, text, THEME_NORMAL);
	if (i >= at->result.nsteps)
		return;
	while (n < s->outlen && s->out[n] != '\n')
		n++;
	sanitize_bytes(text, sizeof text, (const uint8_t *)s->out, n);
	x += draw_text(y, a->x + x, a->w - x, "  -> ", THEME_MUTED);
	draw_text(y, a->x + x, a->w - x, text, THEME_NORMAL);
}

/* The re-probe's word, and the undo when the fix has one. */
static void
actionpane_footer(const struct fixer_attempt *at, int y,
    const struct pane_area *a)
{
	const struct fix_def *undo = NULL;
	char text[ACTION_NOTE_MAX * 2];

	if (fix_table[at->fix].undo >= 0 && at->outcome == OUTCOME_TOOK)
		undo = &fix_table[fix_table[at->fix].undo];
	snprintf(text, sizeof text, "  %s%s%c%s%s", at->reprobe,
	    undo != NULL ? "   undo: [" : "", undo != NULL ? undo->key : ' ',
	    undo != NULL ? "] " : "", undo != NULL ? undo->brief : "");
	draw_text(y, a->x, a->w, text, THEME_MUTED);
}

/* The title and result, each command, then the re-probe. */
void
actionpane_draw(struct ui *ui, const struct pane_area *a)
{
	const struct fixer_attempt *at = fixer_last(actionpane_fixer);
	int y = a->y + 1;
	size_t i;

	actionpane_title(at, a);
	for (i = 0; i < at->plan.nsteps && y < a->y + a->h - 1; i++)
		actionpane_step(at, i, y++, a);
	if (y < a->y + a->h)
		actionpane_footer(at, y, a);
}

/* sudo may ask for a password: the terminal is its while it runs. */
static void
actionpane_suspend(void *arg, bool on)
{
	if (on) {
		def_prog_mode();
		endwin();
		fputs("vmnetwatch: running the fix through sudo\n", stdout);
		fflush(stdout);
		return;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

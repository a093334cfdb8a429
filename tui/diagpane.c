/* The Diagnosis pane: the verdicts, one line each, with their fix key. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "diagnosis.h"
#include "draw.h"
#include "model.h"
#include "options.h"
#include "ui.h"
#include "util.h"

#define DIAGPANE_ROWS		4	/* verdict lines at most */
#define DIAGPANE_NETIFS_EVERY	5.0 /* seconds between interface scans */

static struct diagnosis	 diagpane_diag;
static struct verdict_list diagpane_shown;
static bool		 diagpane_ready;
static double		 diagpane_scanned;

/* Recompute the verdicts and pass them through the hysteresis. */
static void
diagpane_refresh(const struct ui *ui)
{
	struct verdict_list fresh;
	double now = now_seconds();

	if (!diagpane_ready) {
		diagnosis_init(&diagpane_diag, DIAGNOSIS_HOLD);
		diagpane_ready = true;
	}
	if (now - diagpane_scanned >= DIAGPANE_NETIFS_EVERY &&
	    ui->opts->read_path == NULL) {
		netifs_scan(&ui->m->netifs);
		diagpane_scanned = now;
	}
	verdicts_compute(ui->m, &fresh);
	diagnosis_update(&diagpane_diag, &fresh, now, &diagpane_shown);
}

/* A title row and a row per verdict, up to a few. */
int
diagpane_height(const struct ui *ui, int avail)
{
	int rows;

	diagpane_refresh(ui);
	rows = diagpane_shown.count < DIAGPANE_ROWS ?
	    (int)diagpane_shown.count : DIAGPANE_ROWS;
	if (rows == 0)
		rows = 1;
	return avail > rows + 5 ? rows + 1 : avail > 6 ? 2 : 0;
}

/* Loud for critical, dimmed while a cleared verdict is held. */
static enum theme_role
diagpane_role(const struct verdict *v)
{
	if (diagnosis_fading(&diagpane_diag, v->id))
		return THEME_MUTED;
	switch (v->severity) {
	case SEVERITY_CRITICAL:	return THEME_CRITICAL;
	case SEVERITY_WARNING:	return THEME_WARNING;
	case SEVERITY_INFO:	break;
	}
	return THEME_NORMAL;
}

/* "[B] allow bootpd" when the verdict's fix is offered here. */
static int
diagpane_fix_key(const struct verdict *v, char *dst, size_t size)
{
	const struct fix_def *def;

	dst[0] = '\0';
	if (v->fix == NULL || (def = fix_by_name(v->fix)) == NULL ||
	    !actionpane_offered(def->id))
		return 0;
	snprintf(dst, size, "  [%c] %s", def->key, def->brief);
	return draw_width(dst);
}

/* One verdict: severity, the sentence, then the key at the right. */
static void
diagpane_line(const struct verdict *v, int y, const struct pane_area *a)
{
	char key[64], text[VERDICT_TEXT_MAX + 32];
	int keyw = diagpane_fix_key(v, key, sizeof key);

	snprintf(text, sizeof text, " %-8s %s", severity_name(v->severity),
	    v->summary);
	draw_text(y, a->x, a->w - keyw, text, diagpane_role(v));
	if (keyw > 0 && keyw < a->w)
		draw_text(y, a->x + a->w - keyw, keyw, key, THEME_KEY);
}

/* The title with the count, then the most severe verdicts. */
void
diagpane_draw(struct ui *ui, const struct pane_area *a)
{
	char title[64];
	size_t i;
	int x;

	snprintf(title, sizeof title, " Diagnosis  %zu verdict%s ",
	    diagpane_shown.count, diagpane_shown.count == 1 ? "" : "s");
	draw_fill(a->y, a->x, a->w, THEME_TITLE);
	x = draw_text(a->y, a->x, a->w, title, THEME_TITLE);
	if (diagpane_shown.count == 0 && a->h > 1)
		draw_text(a->y + 1, a->x, a->w, " nothing wrong seen so far",
		    THEME_OK);
	for (i = 0; i < diagpane_shown.count && (int)i + 1 < a->h; i++)
		diagpane_line(&diagpane_shown.items[i], a->y + 1 + (int)i, a);
	if (diagpane_shown.count > (size_t)(a->h - 1) && a->h > 1)
		draw_text(a->y, a->x + x, a->w - x, "(more in --report)",
		    THEME_TITLE);
}

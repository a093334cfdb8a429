/* The header above the panes and the status line below them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "model.h"
#include "options.h"
#include "sanitize.h"
#include "ui.h"

#define BARS_ERROR_ROWS	3	/* rows the capture error may take */

/* Whether the capture is not running and says why. */
static bool
bars_iface_troubled(const struct iface_info *i)
{
	switch (i->state) {
	case IFACE_SEARCHING:
	case IFACE_ABSENT:
	case IFACE_DENIED:
	case IFACE_ERROR:
		return i->error[0] != '\0';
	default:
		return false;
	}
}

/* How loudly the header shows a capture state. */
static enum theme_role
bars_state_role(enum iface_state state)
{
	switch (state) {
	case IFACE_SEARCHING:
	case IFACE_ABSENT:
		return THEME_WARNING;
	case IFACE_DENIED:
	case IFACE_ERROR:
		return THEME_CRITICAL;
	default:
		return THEME_HEADER;
	}
}

/* One row, plus up to three for what to do when capture is stuck. */
int
bars_header_height(const struct ui *ui, int w)
{
	char msg[sizeof ui->m->iface.error * 4];
	int rows;

	if (!bars_iface_troubled(&ui->m->iface))
		return 1;
	sanitize_str(msg, sizeof msg, ui->m->iface.error);
	rows = draw_wrapped(0, 1, w - 1, BARS_ERROR_ROWS, msg, THEME_NORMAL,
	    0);
	return 1 + (rows > BARS_ERROR_ROWS ? BARS_ERROR_ROWS : rows);
}

/* The source: a file by its base name, or an interface and address. */
static void
bars_source(char *dst, size_t dstsz, const struct ui *ui)
{
	const struct iface_info *i = &ui->m->iface;
	char name[256], addr[256];
	const char *path, *slash;

	if (i->state == IFACE_FILE || i->state == IFACE_FILE_DONE) {
		path = ui->opts->read_path != NULL ? ui->opts->read_path :
		    i->name;
		slash = strrchr(path, '/');
		sanitize_str(name, sizeof name,
		    slash != NULL && slash[1] != '\0' ? slash + 1 : path);
		snprintf(dst, dstsz, "%s", name);
		return;
	}
	sanitize_str(name, sizeof name, i->name[0] != '\0' ? i->name :
	    "(no interface yet)");
	sanitize_str(addr, sizeof addr, i->address);
	snprintf(dst, dstsz, "%s%s%s", name, addr[0] != '\0' ? " " : "",
	    addr);
}

/* Draw one header segment; returns where the next one starts. */
static int
bars_put(int y, int x, int w, const char *text, enum theme_role role)
{
	if (x >= w)
		return x;
	return x + draw_text(y, x, w - x, text, role) + 2;
}

/* Unanswered requests first, loud when there are any; then counters. */
static int
bars_counts_draw(const struct ui *ui, int x, int w)
{
	const struct model *m = ui->m;
	size_t unanswered = model_count_unanswered(m);
	char text[160];

	if (unanswered == 0) {
		x = bars_put(0, x, w, "0 unanswered", THEME_HEADER);
	} else {
		snprintf(text, sizeof text, " %zu UNANSWERED ", unanswered);
		x = bars_put(0, x, w, text, THEME_CRITICAL);
	}
	snprintf(text, sizeof text, "%lu packet%s  %lu malformed  "
	    "%lu dropped", m->stats.packets, m->stats.packets == 1 ? "" : "s",
	    m->stats.decode_errors, m->iface.drops);
	return bars_put(0, x, w, text, THEME_HEADER);
}

/* Program, source, capture state and counters; then any capture error. */
void
bars_header_draw(const struct ui *ui, int h, int w)
{
	const struct iface_info *i = &ui->m->iface;
	char text[sizeof i->error * 4];
	int x;

	draw_fill(0, 0, w, THEME_HEADER);
	x = bars_put(0, 0, w, " vmnetwatch", THEME_HEADER);
	bars_source(text, sizeof text, ui);
	x = bars_put(0, x, w, text, THEME_HEADER);
	snprintf(text, sizeof text, " %s ", iface_state_name(i->state));
	x = bars_put(0, x, w, text, bars_state_role(i->state));
	bars_counts_draw(ui, x, w);

	if (h > 1 && bars_iface_troubled(i)) {
		sanitize_str(text, sizeof text, i->error);
		draw_wrapped(1, 1, w - 1, h - 1, text,
		    bars_state_role(i->state), 1);
	}
}

/* The keys of a table that have a status-line word, from column x. */
int
bars_keys_draw(const struct key_binding *table, int y, int x, int w)
{
	draw_fill(y, x, w - x, THEME_STATUS);
	for (; table != NULL && table->fn != NULL && x < w; table++) {
		if (table->brief == NULL)
			continue;
		x += draw_text(y, x, w - x, table->label, THEME_KEY);
		x += draw_text(y, x, w - x, " ", THEME_STATUS);
		x += draw_text(y, x, w - x, table->brief, THEME_STATUS);
		x += draw_text(y, x, w - x, "  ", THEME_STATUS);
	}
	return x;
}

/* The line editor for the filter; returns the cursor column. */
static int
bars_edit_draw(const struct ui *ui, int y, int w)
{
	int x;

	draw_fill(y, 0, w, THEME_STATUS);
	x = draw_text(y, 0, w, " Filter by MAC or hostname "
	    "(Enter applies, Esc cancels): ", THEME_KEY);
	x += draw_text(y, x, w - x, ui->edit, THEME_STATUS);
	return x < w ? x : w - 1;
}

/* What is different from a plain live view: paused, filtered, modes. */
static int
bars_modes_draw(const struct ui *ui, int y, int w)
{
	char text[UI_FILTER_MAX + 64];
	uint64_t last = feed_last_seq(&ui->m->feed);
	int x = 0;

	if (ui->paused) {
		snprintf(text, sizeof text, " PAUSED +%llu new ",
		    (unsigned long long)(last > ui->pause_seq ?
		    last - ui->pause_seq : 0));
		x += draw_text(y, x, w - x, text, THEME_WARNING);
	}
	if (ui->filter[0] != '\0') {
		snprintf(text, sizeof text, " filter: %s ", ui->filter);
		x += draw_text(y, x, w - x, text, THEME_KEY);
	}
	if (ui->opts->dry_run || ui->opts->read_only)
		x += draw_text(y, x, w - x, ui->opts->dry_run ?
		    " dry-run " : " read-only ", THEME_KEY);
	if (ui->notice[0] != '\0')
		x += draw_text(y, x, w - x, ui->notice, THEME_KEY);
	return x;
}

/* Modes first (they change what the feed means), then the keys. */
int
bars_status_draw(const struct ui *ui, int y, int w)
{
	int x;

	if (ui->editing)
		return bars_edit_draw(ui, y, w);
	draw_fill(y, 0, w, THEME_STATUS);
	x = bars_modes_draw(ui, y, w);
	x = bars_keys_draw(keys_global, y, x + 1, w);
	x = bars_keys_draw(actionpane_keys_offered(), y, x, w);
	bars_keys_draw(ui_panes[ui->focus].keys, y, x, w);
	return -1;
}

/* The main view's rows shared among the panes; focus, zoom and titles. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "ui.h"

#define LAYOUT_FIRST_MIN	2	/* the top pane: title and top line */
#define LAYOUT_FILL_MIN		4 /* the feed: title, heading, 2 rows */
#define LAYOUT_FILL_SHARE	3	/* and at least a third of the body */

static bool layout_present[UI_PANES_MAX];	/* has something to show */

static enum ui_action layout_key_next(struct ui *);
static enum ui_action layout_key_prev(struct ui *);
static enum ui_action layout_key_zoom(struct ui *);
static enum ui_action layout_key_theme(struct ui *);
static enum ui_action layout_key_time(struct ui *);
static enum ui_action layout_key_mouse(struct ui *);

const struct key_binding layout_keys[] = {
	{ .codes = { '\t' }, .label = "Tab",
	  .help = "give the keys to the next pane", .fn = layout_key_next },
	{ .codes = { KEY_BTAB }, .label = "Shift-Tab",
	  .help = "give the keys to the previous pane",
	  .fn = layout_key_prev },
	{ .codes = { 'z' }, .label = "z", .brief = "zoom",
	  .help = "zoom the focused pane to the whole screen, and back",
	  .fn = layout_key_zoom },
	{ .codes = { 't' }, .label = "t",
	  .help = "switch to the next colour theme", .fn = layout_key_theme },
	{ .codes = { 'T' }, .label = "T",
	  .help = "packet times as ages (-3.2s) or clock times",
	  .fn = layout_key_time },
	{ .codes = { KEY_MOUSE }, .label = "Click",
	  .help = "focus a pane; select a packet or a lease",
	  .fn = layout_key_mouse },
	{ .fn = NULL },
};

/* Grow *h towards target by what space allows. */
static void
layout_give(int *h, int target, int *space)
{
	int add = target - *h;

	if (add > *space)
		add = *space;
	if (add > 0) {
		*h += add;
		*space -= add;
	}
}

/*
 * The top pane's first line and the feed's few rows come first, then
 * every other pane's title, then a row at a time to each pane until it
 * has what it asked for; the feed takes the rest.
 */
static void
layout_share(const int *want, int *h, size_t n, int body)
{
	size_t i, fill = n - 1;
	int space = body, feed = body / LAYOUT_FILL_SHARE;
	bool grew = true;

	if (fill > 0)
		layout_give(&h[0], want[0] < LAYOUT_FIRST_MIN ? want[0] :
		    LAYOUT_FIRST_MIN, &space);
	layout_give(&h[fill], feed > LAYOUT_FILL_MIN ? feed :
	    LAYOUT_FILL_MIN, &space);
	for (i = 1; i < fill; i++)
		layout_give(&h[i], want[i] > 0 ? 1 : 0, &space);
	while (grew && space > 0) {
		grew = false;
		for (i = 0; i < fill && space > 0; i++) {
			if (h[i] < want[i]) {
				h[i]++;
				space--;
				grew = true;
			}
		}
	}
	h[fill] += space;
}

/* Heights for every pane: shared, or all to the zoomed one. */
static void
layout_heights(struct ui *ui, int *h, size_t n, int body)
{
	int want[UI_PANES_MAX];
	size_t i;

	for (i = 0; i < n; i++) {
		want[i] = ui_panes[i].height(ui, body);
		if (want[i] < 0)
			want[i] = 0;
		if (i == n - 1)
			want[i] = body;
		layout_present[i] = want[i] > 0;
		h[i] = 0;
	}
	if (ui->focus >= n || !layout_present[ui->focus]) {
		ui->focus = n - 1;
		ui->zoomed = false;
	}
	if (ui->zoomed)
		h[ui->focus] = body;
	else
		layout_share(want, h, n, body);
}

/* A cell's look as theme_attr() gives it: attributes and colour pair. */
static attr_t
layout_cell_attr(int y, int x, wchar_t *wc)
{
	wchar_t text[CCHARW_MAX + 1];
	cchar_t cc;
	attr_t attrs;
	short pair;

	*wc = L' ';
	if (mvin_wch(y, x, &cc) == ERR ||
	    getcchar(&cc, text, &attrs, &pair, NULL) == ERR)
		return A_NORMAL;
	*wc = text[0];
	return (attrs & (A_ATTRIBUTES & ~A_COLOR)) | COLOR_PAIR(pair);
}

/* Put one character at (y, x) in the look of attrs. */
static void
layout_cell_put(int y, int x, wchar_t wc, attr_t attrs)
{
	wchar_t text[2] = { wc, L'\0' };
	cchar_t cc;

	if (setcchar(&cc, text, attrs & ~A_COLOR,
	    (short)PAIR_NUMBER(attrs), NULL) == OK)
		mvadd_wch(y, x, &cc);
}

/*
 * Titles end in a rule, and the focused pane's title takes the focus
 * look with a mark in front; cells a pane drew in other roles stay.
 */
static void
layout_title_finish(const struct pane_area *a, bool focused)
{
	attr_t title = theme_attr(THEME_TITLE) & (A_ATTRIBUTES);
	attr_t look = theme_attr(focused ? THEME_TITLE_FOCUS : THEME_TITLE);
	wchar_t wc, rule = draw_utf8() ? L'\u2500' : L'-';
	int x, last = 0;

	for (x = 0; x < a->w; x++)
		if (layout_cell_attr(a->y, a->x + x, &wc) != title ||
		    wc != L' ')
			last = x;
	for (x = 0; x < a->w; x++) {
		if (layout_cell_attr(a->y, a->x + x, &wc) != title)
			continue;
		if (x > last + 1 && wc == L' ')
			wc = rule;
		if (x == 0 && focused && wc == L' ')
			wc = draw_utf8() ? L'\u25b6' : L'>';
		layout_cell_put(a->y, a->x + x, wc, look);
	}
}

/* Share the body among the panes, draw them, then finish their titles. */
void
layout_draw(struct ui *ui, int top, int bottom, int w)
{
	int h[UI_PANES_MAX];
	size_t i, n = ui_npanes < UI_PANES_MAX ? ui_npanes : UI_PANES_MAX;
	int y = top;

	if (n == 0 || bottom <= top)
		return;
	layout_heights(ui, h, n, bottom - top);
	for (i = 0; i < n; i++) {
		ui->areas[i] = (struct pane_area){ .y = y, .x = 0, .h = h[i],
		    .w = w };
		y += h[i];
	}
	for (i = 0; i < n; i++) {
		if (h[i] == 0)
			continue;
		ui_panes[i].draw(ui, &ui->areas[i]);
		layout_title_finish(&ui->areas[i], i == ui->focus);
	}
}

/* The next pane with something to show, step 1 forwards, -1 back. */
void
layout_focus_next(struct ui *ui, int step)
{
	size_t i, n = ui_npanes < UI_PANES_MAX ? ui_npanes : UI_PANES_MAX;
	size_t at = ui->focus < n ? ui->focus : n - 1;

	for (i = 0; i < n; i++) {
		at = (at + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
		if (layout_present[at])
			break;
	}
	ui->focus = at;
}

/* Tab: the keys go to the next pane; a zoom follows the focus. */
static enum ui_action
layout_key_next(struct ui *ui)
{
	layout_focus_next(ui, 1);
	return UI_REDRAW;
}

/* Shift-Tab: the keys go to the previous pane. */
static enum ui_action
layout_key_prev(struct ui *ui)
{
	layout_focus_next(ui, -1);
	return UI_REDRAW;
}

/* One pane on the whole body, e.g. a long lease table; again to undo. */
static enum ui_action
layout_key_zoom(struct ui *ui)
{
	ui->zoomed = !ui->zoomed;
	return UI_REDRAW;
}

/* The next theme, repainted at once; a broken one is named and skipped. */
static enum ui_action
layout_key_theme(struct ui *ui)
{
	char msg[UI_NOTICE_MAX - 2];

	theme_cycle(msg, sizeof msg);
	snprintf(ui->notice, sizeof ui->notice, " %s ", msg);
	clearok(curscr, TRUE);
	return UI_REDRAW;
}

/* Ages help when watching an exchange; clock times when reading logs. */
static enum ui_action
layout_key_time(struct ui *ui)
{
	ui->time_relative = !ui->time_relative;
	return UI_REDRAW;
}

/* Mouse events arrive as a key; mouse.c reads what happened. */
static enum ui_action
layout_key_mouse(struct ui *ui)
{
	return mouse_event(ui);
}

/* The help view, written from the key tables so it cannot drift. */
#include "config.h"

#include "draw.h"
#include "ui.h"

#define HELP_LINES_MAX	160
#define HELP_LABEL_COLS	14
#define HELP_COL_MIN	58	/* columns a column of help needs */

/* One row of help: a heading (no label) or a binding. */
struct help_line {
	const char	*label;
	const char	*text;
};

static enum ui_action help_key_close(struct ui *);
static enum ui_action help_key_quit(struct ui *);
static enum ui_action help_key_up(struct ui *);
static enum ui_action help_key_down(struct ui *);

const struct key_binding help_keys[] = {
	{ .codes = { 27, 'q', '?', '\n', '\r', KEY_ENTER },
	  .label = "Esc q ? Enter", .brief = "close",
	  .help = "close the help", .fn = help_key_close },
	{ .codes = { 3 }, .label = "^C", .help = "quit vmnetwatch",
	  .fn = help_key_quit },
	{ .codes = { KEY_UP }, .label = "Up", .help = "scroll up",
	  .fn = help_key_up },
	{ .codes = { KEY_DOWN }, .label = "Down", .help = "scroll down",
	  .fn = help_key_down },
	{ .fn = NULL },
};

/* Append a heading and every binding of a table, if it has any. */
static size_t
help_section_add(struct help_line *lines, size_t n, const char *title,
    const struct key_binding *keys)
{
	if (keys == NULL || keys->fn == NULL || n + 2 > HELP_LINES_MAX)
		return n;
	if (n > 0)
		lines[n++] = (struct help_line){ .label = NULL, .text = "" };
	lines[n++] = (struct help_line){ .label = NULL, .text = title };
	for (; keys->fn != NULL && n < HELP_LINES_MAX; keys++)
		lines[n++] = (struct help_line){
			.label = keys->label, .text = keys->help };
	return n;
}

/* Every table the screen dispatches to, in the order keys reach them. */
static size_t
help_build(struct help_line *lines)
{
	size_t i, n = 0;

	for (i = 0; i < ui_npanes; i++)
		n = help_section_add(lines, n, ui_panes[i].title,
		    ui_panes[i].keys);
	n = help_section_add(lines, n, "Everywhere on the main view",
	    keys_global);
	n = help_section_add(lines, n, "Panes, themes and times",
	    layout_keys);
	n = help_section_add(lines, n, "Fixes (a dialog shows the commands "
	    "first)", actionpane_keys_offered());
	n = help_section_add(lines, n, "Typing a filter (printable ASCII)",
	    keys_filter);
	n = help_section_add(lines, n, "In the packet detail", detail_keys);
	return help_section_add(lines, n, "In this help", help_keys);
}

/* Rows of the section whose heading is at i: the heading and its keys. */
static int
help_section_rows(const struct help_line *lines, size_t n, size_t i)
{
	int rows = 1;

	while (++i < n && lines[i].label != NULL)
		rows++;
	return rows;
}

/*
 * Lay the lines out in columns of rows rows, starting a column rather
 * than splitting a section that fits in one; col is -1 for a blank line
 * left out. Returns the columns needed.
 */
static int
help_place(const struct help_line *lines, size_t n, int rows, int *col,
    int *row)
{
	int c = 0, r = 0, need;
	size_t i;

	for (i = 0; i < n; i++) {
		col[i] = -1;
		if (lines[i].label == NULL) {
			need = help_section_rows(lines, n, i);
			if (r > 0 && r + need > rows && need <= rows) {
				c++;
				r = 0;
			}
			if (lines[i].text[0] == '\0' && r == 0)
				continue;
		}
		if (r >= rows) {
			c++;
			r = 0;
		}
		col[i] = c;
		row[i] = r++;
	}
	return c + 1;
}

/* Whether the help fits side by side in columns, with no scrolling. */
static bool
help_fits(const struct help_line *lines, size_t n, int h, int w,
    int *col, int *row)
{
	if (h - 2 < 1)
		return false;
	return help_place(lines, n, h - 2, col, row) * HELP_COL_MIN <= w;
}

/* Keep the first row shown within the help, when it has to scroll. */
static enum ui_action
help_scroll(struct ui *ui, int delta)
{
	struct help_line lines[HELP_LINES_MAX];
	int col[HELP_LINES_MAX], row[HELP_LINES_MAX];
	size_t n = help_build(lines);
	int max = (int)n - (LINES > 2 ? LINES - 2 : 0);
	int top = ui->help_top + delta;

	if (help_fits(lines, n, LINES, COLS, col, row))
		max = 0;
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	if (top == ui->help_top)
		return UI_NONE;
	ui->help_top = top;
	return UI_REDRAW;
}

/* Back to the main view, at the top of the help next time. */
static enum ui_action
help_key_close(struct ui *ui)
{
	ui->view = UI_VIEW_MAIN;
	ui->help_top = 0;
	return UI_REDRAW;
}

/* Ctrl-C quits from anywhere, as raw mode delivers it as a key. */
static enum ui_action
help_key_quit(struct ui *ui)
{
	return UI_QUIT;
}

/* For terminals too small to show the help at once. */
static enum ui_action
help_key_up(struct ui *ui)
{
	return help_scroll(ui, -1);
}

/* For terminals too small to show the help at once. */
static enum ui_action
help_key_down(struct ui *ui)
{
	return help_scroll(ui, 1);
}

/* One row: a heading in the title role, or a key and what it does. */
static void
help_line_draw(const struct help_line *l, int y, int x, int w)
{
	if (l->label == NULL) {
		draw_text(y, x + 1, w - 1, l->text, THEME_TITLE);
		return;
	}
	draw_text(y, x + 3, HELP_LABEL_COLS, l->label, THEME_WARNING);
	draw_text(y, x + 4 + HELP_LABEL_COLS, w - 4 - HELP_LABEL_COLS,
	    l->text, THEME_NORMAL);
}

/* In columns when they fit, else one scrolling column. */
void
help_draw(struct ui *ui, int h, int w)
{
	struct help_line lines[HELP_LINES_MAX];
	int col[HELP_LINES_MAX], row[HELP_LINES_MAX];
	int i, n, used, width;

	n = (int)help_build(lines);
	used = draw_text(0, 0, w, " vmnetwatch keys", THEME_TITLE);
	draw_fill(0, used, w - used, THEME_TITLE);
	help_scroll(ui, 0);

	if (help_fits(lines, (size_t)n, h, w, col, row)) {
		width = w / (help_place(lines, (size_t)n, h - 2, col, row));
		for (i = 0; i < n; i++)
			if (col[i] >= 0)
				help_line_draw(&lines[i], 1 + row[i],
				    col[i] * width, width);
	} else {
		for (i = ui->help_top; i < n && i - ui->help_top < h - 2; i++)
			help_line_draw(&lines[i], 1 + i - ui->help_top, 0, w);
	}
	if (h > 1)
		bars_keys_draw(help_keys, h - 1, 1, w);
}

/* Key dispatch: the focused pane first, then the global bindings. */
#include "config.h"

#include <string.h>

#include "draw.h"
#include "model.h"
#include "ui.h"

static enum ui_action keys_quit(struct ui *);
static enum ui_action keys_pause(struct ui *);
static enum ui_action keys_clear(struct ui *);
static enum ui_action keys_filter_start(struct ui *);
static enum ui_action keys_filter_drop(struct ui *);
static enum ui_action keys_help(struct ui *);
static enum ui_action keys_filter_apply(struct ui *);
static enum ui_action keys_filter_cancel(struct ui *);
static enum ui_action keys_filter_erase(struct ui *);

const struct key_binding keys_global[] = {
	{ .codes = { 'q', 3 }, .label = "q ^C", .brief = "quit",
	  .help = "quit vmnetwatch", .fn = keys_quit },
	{ .codes = { 'p' }, .label = "p", .brief = "pause",
	  .help = "freeze the view; capture goes on",
	  .fn = keys_pause },
	{ .codes = { 'c' }, .label = "c", .brief = "clear",
	  .help = "forget the packets seen so far",
	  .fn = keys_clear },
	{ .codes = { '/' }, .label = "/", .brief = "filter",
	  .help = "show packets by part of a MAC or hostname",
	  .fn = keys_filter_start },
	{ .codes = { 27 }, .label = "Esc", .help = "drop the filter",
	  .fn = keys_filter_drop },
	{ .codes = { '?' }, .label = "?", .brief = "help",
	  .help = "show this help", .fn = keys_help },
	{ .fn = NULL },
};

const struct key_binding keys_filter[] = {
	{ .codes = { '\n', '\r', KEY_ENTER }, .label = "Enter",
	  .help = "apply it; an empty filter shows all",
	  .fn = keys_filter_apply },
	{ .codes = { 27 }, .label = "Esc",
	  .help = "leave the filter as it was", .fn = keys_filter_cancel },
	{ .codes = { KEY_BACKSPACE, 127, 8 }, .label = "Backspace",
	  .help = "delete the last character", .fn = keys_filter_erase },
	{ .codes = { 3 }, .label = "^C", .help = "quit vmnetwatch",
	  .fn = keys_quit },
	{ .fn = NULL },
};

/* The binding a key code triggers in a table, or NULL. */
static const struct key_binding *
keys_find(const struct key_binding *table, int key)
{
	size_t i, n = sizeof table->codes / sizeof table->codes[0];

	for (; table->fn != NULL; table++)
		for (i = 0; i < n && table->codes[i] != 0; i++)
			if (table->codes[i] == key)
				return table;
	return NULL;
}

/* q and Ctrl-C: the loop ends and the terminal is restored. */
static enum ui_action
keys_quit(struct ui *ui)
{
	return UI_QUIT;
}

/* Freeze the feed at the newest packet; the capture goes on. */
static enum ui_action
keys_pause(struct ui *ui)
{
	ui->paused = !ui->paused;
	if (ui->paused)
		ui->pause_seq = ui->m->feed.next_seq - 1;
	return UI_REDRAW;
}

/* Start afresh, e.g. before rebooting a VM to watch its exchange. */
static enum ui_action
keys_clear(struct ui *ui)
{
	model_clear_dhcp(ui->m);
	feedpane_reset(ui);
	return UI_REDRAW;
}

/* Open the line editor on the status line, starting from the filter. */
static enum ui_action
keys_filter_start(struct ui *ui)
{
	ui->editing = true;
	memcpy(ui->edit, ui->filter, sizeof ui->edit);
	ui->edit_len = strlen(ui->edit);
	return UI_REDRAW;
}

/* A quick way back to every packet without opening the editor. */
static enum ui_action
keys_filter_drop(struct ui *ui)
{
	if (ui->filter[0] == '\0')
		return UI_NONE;
	ui->filter[0] = '\0';
	return UI_REDRAW;
}

/* The help is written from these tables, so it lists every key. */
static enum ui_action
keys_help(struct ui *ui)
{
	ui->view = UI_VIEW_HELP;
	ui->help_top = 0;
	return UI_REDRAW;
}

/* The edited text becomes the filter; empty shows everything. */
static enum ui_action
keys_filter_apply(struct ui *ui)
{
	memcpy(ui->filter, ui->edit, sizeof ui->filter);
	ui->editing = false;
	return UI_REDRAW;
}

/* Leave the editor; the filter in force stays as it was. */
static enum ui_action
keys_filter_cancel(struct ui *ui)
{
	ui->editing = false;
	return UI_REDRAW;
}

/* Backspace in the line editor. */
static enum ui_action
keys_filter_erase(struct ui *ui)
{
	if (ui->edit_len == 0)
		return UI_NONE;
	ui->edit[--ui->edit_len] = '\0';
	return UI_REDRAW;
}

/* Editing keys first; printable ASCII is typed in, the rest ignored. */
static enum ui_action
keys_filter_type(struct ui *ui, int key)
{
	const struct key_binding *b = keys_find(keys_filter, key);

	if (b != NULL)
		return b->fn(ui);
	if (key < 0x20 || key > 0x7e || ui->edit_len + 1 >= UI_FILTER_MAX)
		return UI_NONE;
	ui->edit[ui->edit_len++] = (char)key;
	ui->edit[ui->edit_len] = '\0';
	return UI_REDRAW;
}

/* The binding for key in table, run; unknown keys do nothing. */
static enum ui_action
keys_run(const struct key_binding *table, struct ui *ui, int key)
{
	const struct key_binding *b = keys_find(table, key);

	return b != NULL ? b->fn(ui) : UI_NONE;
}

/* Route a key by what is on screen; unknown keys do nothing. */
enum ui_action
keys_dispatch(struct ui *ui, int key)
{
	ui->notice[0] = '\0';
	if (ui->editing)
		return keys_filter_type(ui, key);
	switch (ui->view) {
	case UI_VIEW_DETAIL:
		return keys_run(detail_keys, ui, key);
	case UI_VIEW_HELP:
		return keys_run(help_keys, ui, key);
	case UI_VIEW_DIALOG:
		return dialog_key(ui, key);
	case UI_VIEW_MAIN:
		break;
	}
	if (keys_find(actionpane_keys_offered(), key) != NULL)
		return keys_run(actionpane_keys_offered(), ui, key);
	if (ui->focus < ui_npanes && ui_panes[ui->focus].keys != NULL &&
	    keys_find(ui_panes[ui->focus].keys, key) != NULL)
		return keys_run(ui_panes[ui->focus].keys, ui, key);
	if (keys_find(keys_global, key) != NULL)
		return keys_run(keys_global, ui, key);
	return keys_run(layout_keys, ui, key);
}

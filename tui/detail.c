/* The detail view: one packet decoded layer by layer, scrollable. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "draw.h"
#include "model.h"
#include "ui.h"
#include "util.h"

#define DETAIL_INDENT	2	/* columns per describe level */
#define DETAIL_INDENT_MAX 16	/* levels drawn at most */

static enum ui_action detail_key_close(struct ui *);
static enum ui_action detail_key_quit(struct ui *);
static enum ui_action detail_key_up(struct ui *);
static enum ui_action detail_key_down(struct ui *);
static enum ui_action detail_key_pgup(struct ui *);
static enum ui_action detail_key_pgdn(struct ui *);
static enum ui_action detail_key_home(struct ui *);
static enum ui_action detail_key_end(struct ui *);

const struct key_binding detail_keys[] = {
	{ .codes = { 27, 'q', '\n', '\r', KEY_ENTER }, .label = "Esc q Enter",
	  .brief = "close", .help = "close the packet detail",
	  .fn = detail_key_close },
	{ .codes = { 3 }, .label = "^C", .help = "quit vmnetwatch",
	  .fn = detail_key_quit },
	{ .codes = { KEY_UP }, .label = "Up", .help = "scroll up one line",
	  .fn = detail_key_up },
	{ .codes = { KEY_DOWN }, .label = "Down",
	  .help = "scroll down one line", .fn = detail_key_down },
	{ .codes = { KEY_PPAGE }, .label = "PgUp",
	  .help = "scroll up one page", .fn = detail_key_pgup },
	{ .codes = { KEY_NPAGE, ' ' }, .label = "PgDn Space",
	  .help = "scroll down one page", .fn = detail_key_pgdn },
	{ .codes = { KEY_HOME }, .label = "Home", .help = "go to the top",
	  .fn = detail_key_home },
	{ .codes = { KEY_END }, .label = "End", .help = "go to the bottom",
	  .fn = detail_key_end },
	{ .fn = NULL },
};

/* Keep one line of the decode; called back by describe_frame(). */
static void
detail_line_add(void *ctx, int indent, const char *text)
{
	struct ui_detail *d = ctx;

	if (d->count == d->cap) {
		d->cap = d->cap == 0 ? 64 : d->cap * 2;
		d->text = xrealloc(d->text, d->cap * sizeof *d->text);
		d->indent = xrealloc(d->indent, d->cap * sizeof *d->indent);
	}
	if (indent < 0)
		indent = 0;
	if (indent > DETAIL_INDENT_MAX)
		indent = DETAIL_INDENT_MAX;
	d->indent[d->count] = indent;
	d->text[d->count] = xstrdup(text);
	d->count++;
}

/* The title: which packet, when, what, and from whom. */
static void
detail_title_set(struct ui_detail *d, const struct feed_entry *e)
{
	char when[32], type[16], mac[MAC_STR_MAX];
	size_t hlen = e->hlen > DHCP_CHADDR_LEN ? DHCP_CHADDR_LEN : e->hlen;

	draw_format_time(when, sizeof when, e->ts);
	mac_format(mac, e->chaddr, hlen);
	snprintf(d->title, sizeof d->title,
	    " Packet #%" PRIu64 "  %s  %s  xid 0x%08x  %s  %" PRIu32 " bytes",
	    e->seq, when, dhcp_msg_type_name(e->msg_type, type), e->xid,
	    mac, e->raw_len);
}

/* Snapshot the decode now: the ring may drop the packet at any time. */
void
detail_open(struct ui *ui, uint64_t seq)
{
	struct ui_detail *d = &ui->detail;
	const struct feed_entry *e;
	char text[256];

	detail_close(ui);
	d->seq = seq;
	e = feed_get(&ui->m->feed, seq);
	if (e == NULL) {
		d->missing = true;
		snprintf(d->title, sizeof d->title, " Packet #%" PRIu64, seq);
		snprintf(text, sizeof text, "This packet has left the feed, "
		    "which keeps only the newest %zu packets.",
		    ui->m->feed.capacity);
		detail_line_add(d, 0, text);
		return;
	}
	detail_title_set(d, e);
	if (e->raw == NULL || e->raw_len == 0)
		detail_line_add(d, 0, "The frame itself was not kept.");
	else
		describe_frame(e->linktype, e->raw, e->raw_len,
		    detail_line_add, d);
}

/* Free the snapshot; also safe when nothing is open. */
void
detail_close(struct ui *ui)
{
	struct ui_detail *d = &ui->detail;
	size_t i;

	for (i = 0; i < d->count; i++)
		free(d->text[i]);
	free(d->text);
	free(d->indent);
	memset(d, 0, sizeof *d);
}

/* Rows of text between the title bar and the status line. */
static int
detail_body_rows(void)
{
	return LINES > 2 ? LINES - 2 : 0;
}

/* Keep the first line shown within the text. */
static enum ui_action
detail_scroll(struct ui *ui, long delta)
{
	struct ui_detail *d = &ui->detail;
	long top = (long)d->top + delta;
	long max = (long)d->count - detail_body_rows();

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	if (top == d->top)
		return UI_NONE;
	d->top = (int)top;
	return UI_REDRAW;
}

/* Back to the main view; the snapshot is not needed any more. */
static enum ui_action
detail_key_close(struct ui *ui)
{
	detail_close(ui);
	ui->view = UI_VIEW_MAIN;
	return UI_REDRAW;
}

/* Ctrl-C quits from anywhere, as raw mode delivers it as a key. */
static enum ui_action
detail_key_quit(struct ui *ui)
{
	return UI_QUIT;
}

/* Line by line, for reading one option closely. */
static enum ui_action
detail_key_up(struct ui *ui)
{
	return detail_scroll(ui, -1);
}

/* Line by line, for reading one option closely. */
static enum ui_action
detail_key_down(struct ui *ui)
{
	return detail_scroll(ui, 1);
}

/* A page at a time, keeping one line of context. */
static enum ui_action
detail_key_pgup(struct ui *ui)
{
	return detail_scroll(ui, -(long)(detail_body_rows() > 1 ?
	    detail_body_rows() - 1 : 1));
}

/* A page at a time, keeping one line of context. */
static enum ui_action
detail_key_pgdn(struct ui *ui)
{
	return detail_scroll(ui, detail_body_rows() > 1 ?
	    detail_body_rows() - 1 : 1);
}

/* Back to the link layer at the top. */
static enum ui_action
detail_key_home(struct ui *ui)
{
	return detail_scroll(ui, -(long)ui->detail.count);
}

/* Straight to the options at the bottom. */
static enum ui_action
detail_key_end(struct ui *ui)
{
	return detail_scroll(ui, (long)ui->detail.count);
}

/* The title bar, noting when the packet has since left the ring. */
static void
detail_title_draw(const struct ui *ui, int w)
{
	const struct ui_detail *d = &ui->detail;
	int used;

	used = draw_text(0, 0, w, d->title, THEME_TITLE);
	if (!d->missing && feed_get(&ui->m->feed, d->seq) == NULL)
		used += draw_text(0, used, w - used,
		    "  (since gone from the feed: a copy)", THEME_TITLE);
	draw_fill(0, used, w - used, THEME_TITLE);
}

/* The keys, and where in the text the view is. */
static void
detail_status_draw(const struct ui_detail *d, int y, int w)
{
	char where[64];
	int width;

	bars_keys_draw(detail_keys, y, 1, w);
	snprintf(where, sizeof where, " line %d of %zu ",
	    d->count == 0 ? 0 : d->top + 1, d->count);
	width = draw_width(where);
	if (w > width + 30)
		draw_text(y, w - width, width, where, THEME_STATUS);
}

/* Title, the decode from the first line shown, and the keys. */
void
detail_draw(struct ui *ui, int h, int w)
{
	struct ui_detail *d = &ui->detail;
	int row, x, body = h - 2;
	size_t i;

	detail_title_draw(ui, w);
	detail_scroll(ui, 0);
	for (row = 0; row < body; row++) {
		i = (size_t)d->top + (size_t)row;
		if (i >= d->count)
			break;
		x = 1 + d->indent[i] * DETAIL_INDENT;
		draw_text(1 + row, x, w - x, d->text[i], THEME_NORMAL);
	}
	if (h > 1)
		detail_status_draw(d, h - 1, w);
}

/* The DHCP feed pane: one row a packet, newest at the bottom. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "model.h"
#include "ui.h"
#include "util.h"

#define FEED_HOST_MIN	8	/* columns the hostname keeps at least */
#define FEED_CELL_MAX	128

enum feed_col {
	FEED_COL_MARK,
	FEED_COL_TIME,
	FEED_COL_TYPE,
	FEED_COL_XID,
	FEED_COL_MAC,
	FEED_COL_ADDR,
	FEED_COL_SERVER,
	FEED_COL_ANSWER,
	FEED_COL_HOST,
	FEED_COL_COUNT,
};

/*
 * Width 0 takes what is left. Narrow terminals hide columns by rising
 * drop rank; the answer stays before the hostname so that it is the last
 * thing a narrow terminal loses.
 */
struct feed_column {
	const char	*title;
	int		 width;
	int		 drop;		/* 0: never hidden */
};

static const struct feed_column feed_columns[FEED_COL_COUNT] = {
	[FEED_COL_MARK] = { .title = "", .width = 1 },
	[FEED_COL_TIME] = { .title = "TIME", .width = 12 },
	[FEED_COL_TYPE] = { .title = "TYPE", .width = 9 },
	[FEED_COL_XID] = { .title = "XID", .width = 10, .drop = 2 },
	[FEED_COL_MAC] = { .title = "CLIENT MAC", .width = 17 },
	[FEED_COL_ADDR] = { .title = "ADDRESS", .width = 15, .drop = 4 },
	[FEED_COL_SERVER] = { .title = "SERVER", .width = 15, .drop = 1 },
	[FEED_COL_ANSWER] = { .title = "ANSWER", .width = 19 },
	[FEED_COL_HOST] = { .title = "HOSTNAME", .width = 0, .drop = 3 },
};

#define FEED_DROP_MAX	4

/* Where each column sits for one width; w 0 hides a column. */
struct feed_layout {
	int	x[FEED_COL_COUNT];
	int	w[FEED_COL_COUNT];
};

/* What one row shows, cell by cell. */
struct feed_row {
	char		 text[FEED_COL_COUNT][FEED_CELL_MAX];
	enum theme_role	 role[FEED_COL_COUNT];
};

static enum ui_action feedpane_key_up(struct ui *);
static enum ui_action feedpane_key_down(struct ui *);
static enum ui_action feedpane_key_pgup(struct ui *);
static enum ui_action feedpane_key_pgdn(struct ui *);
static enum ui_action feedpane_key_home(struct ui *);
static enum ui_action feedpane_key_end(struct ui *);
static enum ui_action feedpane_key_enter(struct ui *);

const struct key_binding feedpane_keys[] = {
	{ .codes = { KEY_UP }, .label = "Up",
	  .help = "select the previous packet", .fn = feedpane_key_up },
	{ .codes = { KEY_DOWN }, .label = "Down",
	  .help = "select the next packet", .fn = feedpane_key_down },
	{ .codes = { KEY_PPAGE }, .label = "PgUp",
	  .help = "move the selection up one page", .fn = feedpane_key_pgup },
	{ .codes = { KEY_NPAGE }, .label = "PgDn",
	  .help = "move the selection down one page",
	  .fn = feedpane_key_pgdn },
	{ .codes = { KEY_HOME }, .label = "Home",
	  .help = "select the oldest packet", .fn = feedpane_key_home },
	{ .codes = { KEY_END }, .label = "End",
	  .help = "select the newest and follow new ones",
	  .fn = feedpane_key_end },
	{ .codes = { '\n', '\r', KEY_ENTER }, .label = "Enter",
	  .brief = "detail",
	  .help = "show the selected packet fully decoded",
	  .fn = feedpane_key_enter },
	{ .fn = NULL },
};

/* ASCII case-insensitive substring test; filters are printable ASCII. */
static bool
feedpane_contains(const char *hay, const char *needle)
{
	return needle[0] == '\0' || strcasestr(hay, needle) != NULL;
}

/* The client hardware address as far as hlen says it goes. */
static void
feedpane_mac(char *dst, const struct feed_entry *e)
{
	size_t len = e->hlen;

	if (len > DHCP_CHADDR_LEN)
		len = DHCP_CHADDR_LEN;
	if (len == 0)
		strcpy(dst, "-");
	else
		mac_format(dst, e->chaddr, len);
}

/* Whether a packet passes the filter: MAC, bare MAC or hostname. */
static bool
feedpane_matches(const struct feed_entry *e, const char *filter)
{
	char mac[MAC_STR_MAX], bare[MAC_STR_MAX];
	const char *p;
	char *q = bare;

	if (*filter == '\0')
		return true;
	feedpane_mac(mac, e);
	if (feedpane_contains(mac, filter) ||
	    feedpane_contains(e->hostname, filter))
		return true;

	for (p = mac; *p != '\0'; p++)
		if (*p != ':')
			*q++ = *p;
	*q = '\0';
	return feedpane_contains(bare, filter);
}

/* The rows to show: up to the pause point, through the filter. */
void
feedpane_collect(struct ui *ui)
{
	const struct feed *feed = &ui->m->feed;
	const struct feed_entry *e;
	uint64_t seq, last;

	if (ui->rows_cap < feed->capacity) {
		ui->rows = xrealloc(ui->rows,
		    feed->capacity * sizeof *ui->rows);
		ui->rows_cap = feed->capacity;
	}
	ui->nrows = 0;

	last = feed_last_seq(feed);
	if (ui->paused && last > ui->pause_seq)
		last = ui->pause_seq;
	for (seq = feed_first_seq(feed); seq != 0 && seq <= last; seq++) {
		e = feed_get(feed, seq);
		if (e != NULL && feedpane_matches(e, ui->filter) &&
		    ui->nrows < ui->rows_cap)
			ui->rows[ui->nrows++] = seq;
	}
}

/* Index of the first row whose seq is at least seq (rows are sorted). */
static size_t
feedpane_index(const struct ui *ui, uint64_t seq)
{
	size_t lo = 0, hi = ui->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ui->rows[mid] < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the selected row; the caller makes sure rows exist. */
static size_t
feedpane_sel_index(const struct ui *ui)
{
	size_t i;

	if (ui->follow)
		return ui->nrows - 1;
	i = feedpane_index(ui, ui->sel_seq);
	return i < ui->nrows ? i : ui->nrows - 1;
}

/* The packet that Enter would open, or 0 when the feed is empty. */
static uint64_t
feedpane_selected(struct ui *ui)
{
	feedpane_collect(ui);
	if (ui->nrows == 0)
		return 0;
	return ui->rows[feedpane_sel_index(ui)];
}

/* After a clear: follow the tail, and hold a pause at the new end. */
void
feedpane_reset(struct ui *ui)
{
	ui->follow = true;
	ui->sel_seq = 0;
	ui->top_seq = 0;
	if (ui->paused)
		ui->pause_seq = ui->m->feed.next_seq - 1;
}

/* Move the selection by delta rows; reaching the newest follows again. */
static enum ui_action
feedpane_move(struct ui *ui, long delta)
{
	size_t i, last;

	feedpane_collect(ui);
	if (ui->nrows == 0)
		return UI_NONE;
	i = feedpane_sel_index(ui);
	last = ui->nrows - 1;

	if (delta < 0)
		i = (size_t)-delta > i ? 0 : i - (size_t)-delta;
	else
		i = (size_t)delta > last - i ? last : i + (size_t)delta;
	ui->sel_seq = ui->rows[i];
	ui->follow = i == last;
	return UI_REDRAW;
}

/* Moving up leaves the tail, so new packets stop scrolling the view. */
static enum ui_action
feedpane_key_up(struct ui *ui)
{
	return feedpane_move(ui, -1);
}

/* Moving down onto the newest row follows the tail again. */
static enum ui_action
feedpane_key_down(struct ui *ui)
{
	return feedpane_move(ui, 1);
}

/* A page up, keeping one row of context. */
static enum ui_action
feedpane_key_pgup(struct ui *ui)
{
	return feedpane_move(ui, -(long)(ui->page > 1 ? ui->page - 1 : 1));
}

/* A page down, keeping one row of context. */
static enum ui_action
feedpane_key_pgdn(struct ui *ui)
{
	return feedpane_move(ui, ui->page > 1 ? ui->page - 1 : 1);
}

/* The oldest packet still held. */
static enum ui_action
feedpane_key_home(struct ui *ui)
{
	feedpane_collect(ui);
	if (ui->nrows == 0)
		return UI_NONE;
	ui->sel_seq = ui->rows[0];
	ui->follow = ui->nrows == 1;
	return UI_REDRAW;
}

/* Back to the newest packet, following new ones. */
static enum ui_action
feedpane_key_end(struct ui *ui)
{
	ui->follow = true;
	return UI_REDRAW;
}

/* Open the selected packet in the detail view. */
static enum ui_action
feedpane_key_enter(struct ui *ui)
{
	uint64_t seq = feedpane_selected(ui);

	if (seq == 0)
		return UI_NONE;
	detail_open(ui, seq);
	ui->view = UI_VIEW_DETAIL;
	return UI_REDRAW;
}

/* Columns a layout needs: fixed ones, and the hostname's minimum. */
static int
feedpane_layout_need(const bool *hide)
{
	int c, need = 0;

	for (c = 0; c < FEED_COL_COUNT; c++) {
		if (hide[c])
			continue;
		need += feed_columns[c].width == 0 ? FEED_HOST_MIN :
		    feed_columns[c].width + 1;
	}
	return need;
}

/* Hide columns by drop rank until the rest fit in width. */
static void
feedpane_layout(struct feed_layout *l, int width)
{
	bool hide[FEED_COL_COUNT] = { false };
	int c, rank, x = 0;

	for (rank = 1; rank <= FEED_DROP_MAX; rank++) {
		if (feedpane_layout_need(hide) <= width)
			break;
		for (c = 0; c < FEED_COL_COUNT; c++)
			if (feed_columns[c].drop == rank)
				hide[c] = true;
	}

	for (c = 0; c < FEED_COL_COUNT; c++) {
		l->x[c] = x;
		l->w[c] = hide[c] ? 0 : feed_columns[c].width;
		if (!hide[c] && l->w[c] == 0)
			l->w[c] = width > x ? width - x : 0;
		if (l->w[c] > 0)
			x += l->w[c] + 1;
	}
}

/* The address a row is about: asked for, held, or handed out. */
static void
feedpane_addr(char *dst, const struct feed_entry *e)
{
	uint32_t addr;

	if (e->op == BOOTP_REPLY)
		addr = e->yiaddr != 0 ? e->yiaddr : e->ciaddr;
	else
		addr = e->requested_ip != 0 ? e->requested_ip : e->ciaddr;
	if (addr != 0)
		ip_format(dst, addr);
}

/* The answer cell: how fast, not yet, or never within the window. */
static enum theme_role
feedpane_answer(char *dst, const struct model *m,
    const struct feed_entry *e)
{
	if (!e->is_request)
		return THEME_NORMAL;
	if (e->answer_ms >= 0) {
		snprintf(dst, FEED_CELL_MAX, "answered in %.*f ms",
		    e->answer_ms < 10 ? 1 : 0, e->answer_ms);
		return THEME_OK;
	}
	if (model_entry_unanswered(m, e)) {
		snprintf(dst, FEED_CELL_MAX, "UNANSWERED");
		return THEME_CRITICAL;
	}
	snprintf(dst, FEED_CELL_MAX, "waiting");
	return THEME_MUTED;
}

/* Answers in green, refusals in yellow, everything else plain. */
static enum theme_role
feedpane_type_role(const struct feed_entry *e)
{
	switch (e->msg_type) {
	case DHCP_OFFER:
	case DHCP_ACK:
		return THEME_OK;
	case DHCP_NAK:
	case DHCP_DECLINE:
		return THEME_WARNING;
	default:
		return THEME_NORMAL;
	}
}

/*
 * Ages count from now when live; a capture file is another time, so
 * there they count back from its newest packet.
 */
static double
feedpane_time_ref(const struct ui *ui)
{
	const struct feed_entry *last;

	if (ui->m->iface.state != IFACE_FILE &&
	    ui->m->iface.state != IFACE_FILE_DONE)
		return now_seconds();
	last = feed_get(&ui->m->feed, feed_last_seq(&ui->m->feed));
	return last != NULL ? last->ts : 0;
}

/* The time cell: local clock time, or the age when T asked for it. */
static void
feedpane_time(char *dst, const struct ui *ui, double ref, double ts)
{
	if (ui->time_relative)
		draw_format_age(dst, FEED_CELL_MAX, ref - ts);
	else
		draw_format_time(dst, FEED_CELL_MAX, ts);
}

/* Fill every cell of one row. */
static void
feedpane_row_fill(struct feed_row *r, const struct ui *ui, double ref,
    const struct feed_entry *e)
{
	const struct model *m = ui->m;
	char type[16];
	int c;

	for (c = 0; c < FEED_COL_COUNT; c++) {
		r->text[c][0] = '\0';
		r->role[c] = THEME_NORMAL;
	}
	if (e->errors != 0) {
		strcpy(r->text[FEED_COL_MARK], "!");
		r->role[FEED_COL_MARK] = THEME_WARNING;
	}
	feedpane_time(r->text[FEED_COL_TIME], ui, ref, e->ts);
	snprintf(r->text[FEED_COL_TYPE], FEED_CELL_MAX, "%s",
	    dhcp_msg_type_name(e->msg_type, type));
	r->role[FEED_COL_TYPE] = feedpane_type_role(e);
	snprintf(r->text[FEED_COL_XID], FEED_CELL_MAX, "0x%08x", e->xid);
	feedpane_mac(r->text[FEED_COL_MAC], e);
	feedpane_addr(r->text[FEED_COL_ADDR], e);
	if (e->server_id != 0)
		ip_format(r->text[FEED_COL_SERVER], e->server_id);
	r->role[FEED_COL_ANSWER] = feedpane_answer(r->text[FEED_COL_ANSWER],
	    m, e);
	snprintf(r->text[FEED_COL_HOST], FEED_CELL_MAX, "%s", e->hostname);
}

/* The selection's look: bright where the keys go, dim elsewhere. */
static enum theme_role
feedpane_sel_role(const struct ui *ui)
{
	return ui_panes[ui->focus].draw == feedpane_draw ? THEME_SELECTION :
	    THEME_SELECTION_DIM;
}

/* One packet on one row; the selection keeps UNANSWERED in its role. */
static void
feedpane_row_draw(const struct ui *ui, const struct feed_entry *e,
    const struct pane_area *a, int y, const struct feed_layout *l,
    bool selected)
{
	struct feed_row r;
	enum theme_role role, sel = feedpane_sel_role(ui);
	int c;

	feedpane_row_fill(&r, ui, feedpane_time_ref(ui), e);
	if (selected)
		draw_fill(y, a->x, a->w, sel);
	for (c = 0; c < FEED_COL_COUNT; c++) {
		if (l->w[c] == 0)
			continue;
		role = r.role[c];
		if (selected && role != THEME_CRITICAL)
			role = sel;
		draw_text(y, a->x + l->x[c], l->w[c], r.text[c], role);
	}
}

/* The pane's title bar: what is shown out of what is held. */
static void
feedpane_title_draw(const struct ui *ui, const struct pane_area *a)
{
	char text[256];
	int used;

	if (ui->filter[0] != '\0')
		snprintf(text, sizeof text, " DHCP feed  %zu matching '%s'",
		    ui->nrows, ui->filter);
	else
		snprintf(text, sizeof text, " DHCP feed  %zu packet%s",
		    ui->nrows, ui->nrows == 1 ? "" : "s");
	used = draw_text(a->y, a->x, a->w, text, THEME_TITLE);
	if (!ui->follow && ui->nrows > 0)
		used += draw_text(a->y, a->x + used, a->w - used,
		    "  (scrolled back: End follows)", THEME_TITLE);
	draw_fill(a->y, a->x + used, a->w - used, THEME_TITLE);
}

/* Column titles above the rows; ages are headed as such. */
static void
feedpane_heading_draw(const struct ui *ui, const struct pane_area *a,
    int y, const struct feed_layout *l)
{
	const char *title;
	int c;

	for (c = 0; c < FEED_COL_COUNT; c++) {
		if (l->w[c] == 0)
			continue;
		title = feed_columns[c].title;
		if (c == FEED_COL_TIME && ui->time_relative)
			title = "AGE";
		draw_text(y, a->x + l->x[c], l->w[c], title, THEME_MUTED);
	}
}

/* First row index and selected index for a body of h rows. */
static void
feedpane_scroll(struct ui *ui, size_t h, size_t *top, size_t *sel)
{
	size_t n = ui->nrows;

	*sel = feedpane_sel_index(ui);
	if (ui->follow) {
		*top = n > h ? n - h : 0;
	} else {
		*top = feedpane_index(ui, ui->top_seq);
		if (*sel < *top)
			*top = *sel;
		if (*sel >= *top + h)
			*top = *sel - h + 1;
		if (*top + h > n)
			*top = n > h ? n - h : 0;
	}
	ui->sel_seq = ui->rows[*sel];
	ui->top_seq = ui->rows[*top];
}

/* The feed is the last pane and takes the rows left. */
int
feedpane_height(const struct ui *ui, int avail)
{
	return avail;
}

/* Title, column headings, then as many rows as fit. */
void
feedpane_draw(struct ui *ui, const struct pane_area *a)
{
	struct feed_layout l;
	size_t top, sel, i;
	int body = a->h - 2;

	feedpane_collect(ui);
	feedpane_title_draw(ui, a);
	if (body <= 0)
		return;
	feedpane_layout(&l, a->w);
	feedpane_heading_draw(ui, a, a->y + 1, &l);
	ui->page = body;

	if (ui->nrows == 0) {
		draw_text(a->y + 2, a->x + 2, a->w - 2, ui->filter[0] != '\0' ?
		    "No packet matches the filter." :
		    "No DHCP packets yet.", THEME_MUTED);
		return;
	}
	feedpane_scroll(ui, (size_t)body, &top, &sel);
	for (i = top; i < ui->nrows && i - top < (size_t)body; i++)
		feedpane_row_draw(ui, feed_get(&ui->m->feed, ui->rows[i]), a,
		    a->y + 2 + (int)(i - top), &l, i == sel);
}

/* A click on a packet selects it, as the arrows would have. */
enum ui_action
feedpane_click(struct ui *ui, const struct pane_area *a, int y)
{
	size_t top, sel, i;
	int body = a->h - 2;

	feedpane_collect(ui);
	if (body <= 0 || ui->nrows == 0 || y < a->y + 2)
		return UI_REDRAW;
	feedpane_scroll(ui, (size_t)body, &top, &sel);
	i = top + (size_t)(y - a->y - 2);
	if (i >= ui->nrows)
		return UI_REDRAW;
	ui->sel_seq = ui->rows[i];
	ui->follow = i == ui->nrows - 1;
	return UI_REDRAW;
}

/* The lease pane: every lease against every running VM NIC, one a row. */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "model.h"
#include "sanitize.h"
#include "ui.h"
#include "util.h"

#define LEASEPANE_MAX_ROWS	10	/* rows asked for, unless zoomed */
#define LEASEPANE_MIN_FEED	6	/* lines always left to the feed */

static enum ui_action leasepane_key_up(struct ui *);
static enum ui_action leasepane_key_down(struct ui *);
static enum ui_action leasepane_key_home(struct ui *);
static enum ui_action leasepane_key_end(struct ui *);
static enum ui_action leasepane_key_sort(struct ui *);
static enum ui_action leasepane_key_enter(struct ui *);

const struct key_binding leasepane_keys[] = {
	{ .codes = { KEY_UP }, .label = "Up",
	  .help = "select the row above", .fn = leasepane_key_up },
	{ .codes = { KEY_DOWN }, .label = "Down",
	  .help = "select the row below", .fn = leasepane_key_down },
	{ .codes = { KEY_HOME, KEY_PPAGE }, .label = "Home PgUp",
	  .help = "select the first row", .fn = leasepane_key_home },
	{ .codes = { KEY_END, KEY_NPAGE }, .label = "End PgDn",
	  .help = "select the last row", .fn = leasepane_key_end },
	{ .codes = { 's' }, .label = "s", .brief = "sort",
	  .help = "sort by status, address, MAC or name, in turn",
	  .fn = leasepane_key_sort },
	{ .codes = { '\n', '\r', KEY_ENTER }, .label = "Enter",
	  .brief = "feed of this MAC",
	  .help = "filter the DHCP feed to the selected row's MAC",
	  .fn = leasepane_key_enter },
	{ .fn = NULL },
};

static const char *const leasepane_sort_names[UI_LEASE_SORT_COUNT] = {
	[UI_LEASE_SORT_STATUS] = "status",
	[UI_LEASE_SORT_IP] = "address",
	[UI_LEASE_SORT_MAC] = "MAC",
	[UI_LEASE_SORT_NAME] = "name",
};

/* qsort() passes no context: the rows being sorted and by what. */
static const struct model *leasepane_sort_model;
static enum ui_lease_sort leasepane_sort_key;

/* Title, headings and the rows, within what the feed can spare. */
int
leasepane_height(const struct ui *ui, int avail)
{
	const struct model *m = ui->m;
	int want;

	if (m->leases.state == LEASE_FILE_NONE && m->recon.count == 0)
		return 0;
	want = 2 + (int)(m->recon.count < LEASEPANE_MAX_ROWS ?
	    m->recon.count : LEASEPANE_MAX_ROWS);
	if (want > avail - LEASEPANE_MIN_FEED)
		want = avail - LEASEPANE_MIN_FEED;
	return want >= 2 ? want : 1;
}

/* A row's colour says how much it matters. */
static enum theme_role
leasepane_role(const struct row *r)
{
	switch (r->status) {
	case ROW_OK:
		return THEME_OK;
	case ROW_NO_LEASE:
		return r->dhcp_seen ? THEME_CRITICAL : THEME_WARNING;
	case ROW_DUPLICATE_MAC:
	case ROW_DEFAULT_MAC:
	case ROW_DUPLICATE_IP:
		return THEME_WARNING;
	case ROW_STALE:
	case ROW_EXPIRED:
		return THEME_MUTED;
	case ROW_LEASE_WITHOUT_MAC:
		break;
	}
	return THEME_NORMAL;
}

/* Worst first: the order of the status sort. */
static int
leasepane_rank(const struct row *r)
{
	switch (leasepane_role(r)) {
	case THEME_CRITICAL:	return 0;
	case THEME_WARNING:	return 1;
	case THEME_NORMAL:	return 2;
	case THEME_MUTED:	return 3;
	default:		return 4;
	}
}

/* The name a row goes by: the VM's, else the lease's; "" for none. */
static void
leasepane_name(char *dst, size_t dstsz, const struct model *m,
    const struct row *r)
{
	const struct lease *l = r->lease >= 0 ?
	    &m->leases.table.items[r->lease] : NULL;

	if (r->vm >= 0)
		sanitize_str(dst, dstsz, m->vms.items[r->vm].label);
	else if (l != NULL)
		sanitize_str(dst, dstsz, l->name);
	else
		dst[0] = '\0';
}

/* Compare two values where a missing one (0, "") sorts last. */
static int
leasepane_cmp_present(bool a, bool b)
{
	return a == b ? 0 : a ? -1 : 1;
}

/* Addresses in numeric order, rows without one at the end. */
static int
leasepane_cmp_ip(const struct row *a, const struct row *b)
{
	uint32_t x = ntohl(a->ip), y = ntohl(b->ip);
	int c = leasepane_cmp_present(a->ip != 0, b->ip != 0);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* MACs by their bytes, rows without one at the end. */
static int
leasepane_cmp_mac(const struct row *a, const struct row *b)
{
	int c = leasepane_cmp_present(a->has_mac, b->has_mac);

	if (c != 0 || !a->has_mac)
		return c;
	return memcmp(a->mac, b->mac, HWADDR_LEN);
}

/* Names alphabetically, nameless rows at the end. */
static int
leasepane_cmp_name(const struct row *a, const struct row *b)
{
	char x[VM_NAME_MAX * 4], y[VM_NAME_MAX * 4];
	int c;

	leasepane_name(x, sizeof x, leasepane_sort_model, a);
	leasepane_name(y, sizeof y, leasepane_sort_model, b);
	if ((c = leasepane_cmp_present(x[0] != '\0', y[0] != '\0')) != 0)
		return c;
	return strcmp(x, y);
}

/* The chosen key, then address, MAC and position to settle ties. */
static int
leasepane_cmp(const void *pa, const void *pb)
{
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct row *a = &leasepane_sort_model->recon.rows[ia];
	const struct row *b = &leasepane_sort_model->recon.rows[ib];
	int c = 0;

	switch (leasepane_sort_key) {
	case UI_LEASE_SORT_STATUS:
		c = leasepane_rank(a) - leasepane_rank(b);
		break;
	case UI_LEASE_SORT_NAME:
		c = leasepane_cmp_name(a, b);
		break;
	case UI_LEASE_SORT_MAC:
		c = leasepane_cmp_mac(a, b);
		break;
	default:
		break;
	}
	if (c == 0)
		c = leasepane_cmp_ip(a, b);
	if (c == 0)
		c = leasepane_cmp_mac(a, b);
	return c != 0 ? c : (ia > ib) - (ia < ib);
}

/* The rows in the chosen order; the selection stays within them. */
static size_t
leasepane_order(struct ui *ui)
{
	const struct reconcile *rec = &ui->m->recon;
	size_t i;

	if (ui->lease_order_cap < rec->count) {
		ui->lease_order = xrealloc(ui->lease_order,
		    rec->count * sizeof *ui->lease_order);
		ui->lease_order_cap = rec->count;
	}
	for (i = 0; i < rec->count; i++)
		ui->lease_order[i] = i;
	leasepane_sort_model = ui->m;
	leasepane_sort_key = ui->lease_sort;
	if (rec->count > 1)
		qsort(ui->lease_order, rec->count, sizeof *ui->lease_order,
		    leasepane_cmp);
	if (rec->count == 0)
		ui->lease_sel = 0;
	else if (ui->lease_sel >= rec->count)
		ui->lease_sel = rec->count - 1;
	return rec->count;
}

/* "Leases  sort: status  dnsmasq ok, 12 leases; 3 VMs" or why stale. */
static void
leasepane_title_draw(const struct ui *ui, const struct pane_area *a)
{
	const struct model *m = ui->m;
	const struct lease_state *s = &m->leases;
	char text[LEASES_REASON_MAX + 160], reason[LEASES_REASON_MAX];
	int x = a->x;

	snprintf(text, sizeof text, " Leases  sort: %s  ",
	    leasepane_sort_names[ui->lease_sort]);
	x += draw_text(a->y, x, a->w, text, THEME_TITLE);
	snprintf(text, sizeof text, "%s %s, %zu lease%s; %zu VM%s running",
	    lease_format_name(s->table.format),
	    lease_file_state_name(s->state), s->table.count,
	    s->table.count == 1 ? "" : "s", m->vms.count,
	    m->vms.count == 1 ? "" : "s");
	if (m->recon.pool_size > 0)
		snprintf(text + strlen(text), sizeof text - strlen(text),
		    "; pool %u/%u%s", m->recon.pool_used, m->recon.pool_size,
		    m->recon.pool_nearly_full ? " NEARLY FULL" : "");
	sanitize_str(reason, sizeof reason, s->reason);
	if (s->state != LEASE_FILE_OK && reason[0] != '\0')
		snprintf(text + strlen(text), sizeof text - strlen(text),
		    "  (%s)", reason);
	x += draw_text(a->y, x, a->w - (x - a->x), text,
	    s->state == LEASE_FILE_STALE || m->recon.pool_nearly_full ?
	    THEME_WARNING : THEME_TITLE);
	draw_fill(a->y, x, a->w - (x - a->x), THEME_TITLE);
}

/* One row: status, MAC, address, VM and lease name, coloured by status. */
static void
leasepane_row_draw(const struct ui *ui, const struct pane_area *a, int y,
    const struct row *r, bool selected)
{
	const struct model *m = ui->m;
	const struct vm *vm = r->vm >= 0 ? &m->vms.items[r->vm] : NULL;
	const struct lease *l = r->lease >= 0 ?
	    &m->leases.table.items[r->lease] : NULL;
	char mac[MAC_STR_MAX], ip[IP_STR_MAX], label[VM_NAME_MAX * 4];
	char who[64], line[512];
	enum theme_role role = leasepane_role(r);

	if (vm != NULL) {
		sanitize_str(label, sizeof label, vm->label);
		snprintf(who, sizeof who, "%.40s [%d]", label, vm->pid);
	} else {
		snprintf(who, sizeof who, "-");
	}
	snprintf(line, sizeof line, "  %-17s %-17s %-15s %-28s %s",
	    row_status_name(r->status),
	    r->has_mac ? mac_format(mac, r->mac, HWADDR_LEN) : "-",
	    r->ip ? ip_format(ip, r->ip) : "-", who,
	    l != NULL && l->name[0] ? l->name : "-");
	if (selected) {
		if (role != THEME_CRITICAL)
			role = ui_panes[ui->focus].draw == leasepane_draw ?
			    THEME_SELECTION : THEME_SELECTION_DIM;
		draw_fill(y, a->x, a->w, role);
	}
	draw_text(y, a->x, a->w, line, role);
}

/* Keep the selection in view: the first row shown, for body rows. */
static size_t
leasepane_top(struct ui *ui, size_t count, size_t body)
{
	if (ui->lease_sel < ui->lease_top)
		ui->lease_top = ui->lease_sel;
	if (ui->lease_sel >= ui->lease_top + body)
		ui->lease_top = ui->lease_sel - body + 1;
	if (ui->lease_top + body > count)
		ui->lease_top = count > body ? count - body : 0;
	return ui->lease_top;
}

/* Title, headings, then as many rows as fit, the selection in view. */
void
leasepane_draw(struct ui *ui, const struct pane_area *a)
{
	const struct reconcile *rec = &ui->m->recon;
	char head[256];
	size_t i, top, count = leasepane_order(ui);
	int y;

	leasepane_title_draw(ui, a);
	if (a->h < 2)
		return;
	snprintf(head, sizeof head, "  %-17s %-17s %-15s %-28s %s", "STATUS",
	    "MAC", "ADDRESS", "VM [PID]", "LEASE NAME");
	draw_text(a->y + 1, a->x, a->w, head, THEME_MUTED);
	if (a->h < 3)
		return;
	top = leasepane_top(ui, count, (size_t)(a->h - 2));
	for (i = top, y = a->y + 2; i < count && y < a->y + a->h; i++, y++)
		leasepane_row_draw(ui, a, y, &rec->rows[ui->lease_order[i]],
		    i == ui->lease_sel);
}

/* Move the selection by delta rows, clamped to the table. */
static enum ui_action
leasepane_move(struct ui *ui, long delta)
{
	size_t count = ui->m->recon.count;

	if (count == 0)
		return UI_NONE;
	if (delta < 0)
		ui->lease_sel = (size_t)-delta > ui->lease_sel ? 0 :
		    ui->lease_sel - (size_t)-delta;
	else
		ui->lease_sel = ui->lease_sel + (size_t)delta >= count ?
		    count - 1 : ui->lease_sel + (size_t)delta;
	return UI_REDRAW;
}

/* The row above. */
static enum ui_action
leasepane_key_up(struct ui *ui)
{
	return leasepane_move(ui, -1);
}

/* The row below. */
static enum ui_action
leasepane_key_down(struct ui *ui)
{
	return leasepane_move(ui, 1);
}

/* The first row: with the status sort, the worst one. */
static enum ui_action
leasepane_key_home(struct ui *ui)
{
	return leasepane_move(ui, -(long)ui->m->recon.count);
}

/* The last row. */
static enum ui_action
leasepane_key_end(struct ui *ui)
{
	return leasepane_move(ui, (long)ui->m->recon.count);
}

/* The next sort key; the selection goes back to the top. */
static enum ui_action
leasepane_key_sort(struct ui *ui)
{
	ui->lease_sort = (ui->lease_sort + 1) % UI_LEASE_SORT_COUNT;
	ui->lease_sel = 0;
	ui->lease_top = 0;
	return UI_REDRAW;
}

/* The feed shows only the selected row's MAC, through its filter. */
static enum ui_action
leasepane_key_enter(struct ui *ui)
{
	const struct row *r;
	char mac[MAC_STR_MAX];

	if (leasepane_order(ui) == 0)
		return UI_NONE;
	r = &ui->m->recon.rows[ui->lease_order[ui->lease_sel]];
	if (!r->has_mac) {
		snprintf(ui->notice, sizeof ui->notice,
		    " this row has no MAC to filter by ");
		return UI_REDRAW;
	}
	snprintf(ui->filter, sizeof ui->filter, "%s",
	    mac_format(mac, r->mac, HWADDR_LEN));
	ui->follow = true;
	return UI_REDRAW;
}

/* A click on a row selects it. */
enum ui_action
leasepane_click(struct ui *ui, const struct pane_area *a, int y)
{
	size_t i;

	if (y < a->y + 2)
		return UI_REDRAW;
	i = ui->lease_top + (size_t)(y - a->y - 2);
	if (i < ui->m->recon.count)
		ui->lease_sel = i;
	return UI_REDRAW;
}

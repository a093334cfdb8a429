/* Everything the dashboard knows, fed by the sources, read by the views. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "frame.h"
#include "log.h"
#include "model.h"
#include "sanitize.h"

int
model_init(struct model *m)
{
	memset(m, 0, sizeof *m);
	feed_init(&m->feed, MODEL_FEED_CAPACITY);
	m->txns = txn_table_new(MODEL_TXN_CAPACITY);
	m->window = MODEL_ANSWER_WINDOW;
	m->keep_feed = true;
	lease_state_init(&m->leases);
	vm_table_init(&m->vms);
	reconcile_init(&m->recon);
	return 0;
}

void
model_free(struct model *m)
{
	feed_free(&m->feed);
	txn_table_free(m->txns);
	m->txns = NULL;
	lease_state_free(&m->leases);
	vm_table_free(&m->vms);
	reconcile_free(&m->recon);
}

void
model_set_window(struct model *m, double window)
{
	m->window = window;
	txn_table_set_window(m->txns, window);
}

void
model_clear_dhcp(struct model *m)
{
	feed_clear(&m->feed);
	txn_table_clear(m->txns);
	m->started = m->now;
	memset(&m->stats, 0, sizeof m->stats);
	model_touch(m);
}

void
model_touch(struct model *m)
{
	m->generation++;
}

/* Time passing matters to the views once a second (ages, UNANSWERED). */
void
model_set_now(struct model *m, double now)
{
	if (floor(now) != floor(m->now))
		model_touch(m);
	m->now = now;
}

/* Called back by the transaction table for each request now answered. */
static void
model_mark_answered(void *ctx, uint64_t seq, double ms)
{
	struct model *m = ctx;
	struct feed_entry *e = feed_get(&m->feed, seq);

	if (e != NULL && e->answer_ms < 0)
		e->answer_ms = ms;
}

static void
model_fill_entry(struct feed_entry *e, const struct frame *f,
    const struct dhcp_msg *msg)
{
	e->op = msg->op;
	e->msg_type = msg->msg_type;
	e->htype = msg->htype;
	e->hlen = msg->hlen;
	e->xid = msg->xid;
	memcpy(e->chaddr, msg->chaddr, sizeof e->chaddr);
	e->ciaddr = msg->ciaddr;
	e->yiaddr = msg->yiaddr;
	e->requested_ip = msg->has_requested_ip ? msg->requested_ip : 0;
	e->server_id = msg->has_server_id ? msg->server_id : 0;
	e->src_ip = f->src_ip;
	e->dst_ip = f->dst_ip;
	e->errors = msg->errors;
	e->is_request = txn_expects_answer(msg->op, msg->msg_type);
	if (msg->has_hostname)
		sanitize_bytes(e->hostname, sizeof e->hostname,
		    msg->hostname, msg->hostname_len);
}

/* Frames that carry no DHCP are counted by kind and dropped. */
static bool
model_frame_is_dhcp(struct model *m, enum frame_result r,
    const struct frame *f)
{
	switch (r) {
	case FRAME_UDP:
		if (frame_is_dhcp(f))
			return true;
		m->stats.other++;
		return false;
	case FRAME_FRAGMENT:
		/* A first fragment still holds the start of the message. */
		m->stats.fragments++;
		return f->payload != NULL && frame_is_dhcp(f);
	case FRAME_TRUNCATED:
		m->stats.truncated++;
		return false;
	default:
		m->stats.other++;
		return false;
	}
}

void
model_ingest(struct model *m, int linktype, const struct timeval *ts,
    const uint8_t *data, size_t caplen)
{
	struct frame f;
	struct dhcp_msg msg;
	struct feed_entry *e;
	double t = ts->tv_sec + ts->tv_usec / 1e6;
	enum frame_result r;
	uint64_t seq = 0;
	int complete;

	r = frame_decode(linktype, data, caplen, &f);
	if (!model_frame_is_dhcp(m, r, &f))
		return;
	complete = dhcp_decode(f.payload, f.payload_len, &msg) == 0;
	m->stats.packets++;
	if (msg.errors != 0 || f.payload_cut || r == FRAME_FRAGMENT) {
		m->stats.decode_errors++;
		log_msg(2, "DHCP packet %lu: decode errors 0x%x%s",
		    m->stats.packets, msg.errors,
		    f.payload_cut ? ", fewer bytes captured than sent" : "");
	}

	if (m->keep_feed) {
		e = feed_push(&m->feed);
		e->ts = t;
		e->linktype = linktype;
		model_fill_entry(e, &f, &msg);
		feed_entry_set_raw(e, data, caplen);
		seq = e->seq;
	}
	if (complete)
		txn_table_observe(m->txns, &msg, t, seq, model_mark_answered,
		    m);
	if (t > m->now)
		m->now = t;
	model_touch(m);
}

size_t
model_count_unanswered(const struct model *m)
{
	const struct txn *t;
	size_t n = txn_table_evicted_unanswered(m->txns);

	for (t = txn_table_oldest(m->txns); t != NULL; t = txn_newer(t))
		if (txn_is_unanswered(t, m->now, m->window))
			n++;
	return n;
}

bool
model_entry_unanswered(const struct model *m, const struct feed_entry *e)
{
	return e->is_request && e->answer_ms < 0 &&
	    m->now - e->ts > m->window;
}

const char *
iface_state_name(enum iface_state state)
{
	switch (state) {
	case IFACE_SEARCHING:	return "searching";
	case IFACE_ABSENT:	return "absent";
	case IFACE_UP:		return "up";
	case IFACE_DENIED:	return "denied";
	case IFACE_ERROR:	return "error";
	case IFACE_FILE:	return "file";
	case IFACE_FILE_DONE:	return "file-done";
	}
	return "unknown";
}

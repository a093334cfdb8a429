/* DHCP transactions: client requests joined with server answers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "txn.h"
#include "util.h"

struct txn_table {
	struct txn	*slots;		/* capacity transactions */
	struct txn	**buckets;	/* hash chains */
	size_t		 nbuckets;	/* a power of two */
	size_t		 capacity, count;
	double		 window;	/* for evicted_unanswered */
	unsigned long	 evicted_unanswered;
	struct txn	*free_list;	/* chained through hash_next */
	struct txn	*oldest, *newest;
};

struct txn_table *
txn_table_new(size_t capacity)
{
	struct txn_table *table = xcalloc(1, sizeof *table);

	table->window = TXN_WINDOW;
	table->capacity = capacity > 0 ? capacity : 1;
	table->nbuckets = 1;
	while (table->nbuckets < 2 * table->capacity)
		table->nbuckets <<= 1;
	table->slots = xcalloc(table->capacity, sizeof *table->slots);
	table->buckets = xcalloc(table->nbuckets, sizeof *table->buckets);
	txn_table_clear(table);
	return table;
}

void
txn_table_set_window(struct txn_table *table, double window)
{
	table->window = window;
}

void
txn_table_free(struct txn_table *table)
{
	if (table == NULL)
		return;
	free(table->slots);
	free(table->buckets);
	free(table);
}

void
txn_table_clear(struct txn_table *table)
{
	size_t i;

	memset(table->buckets, 0, table->nbuckets * sizeof *table->buckets);
	table->free_list = NULL;
	for (i = table->capacity; i-- > 0;) {
		table->slots[i].hash_next = table->free_list;
		table->free_list = &table->slots[i];
	}
	table->count = 0;
	table->evicted_unanswered = 0;
	table->oldest = table->newest = NULL;
}

/* The client address read as two words, mixed with the xid. */
static uint32_t
txn_hash(const uint8_t *chaddr, uint32_t xid)
{
	uint64_t a, b, h;

	memcpy(&a, chaddr, sizeof a);
	memcpy(&b, chaddr + 8, sizeof b);
	h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL) ^ xid;
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	return (uint32_t)(h >> 32);
}

static struct txn **
txn_chain(struct txn_table *table, uint32_t hash)
{
	return &table->buckets[hash & (table->nbuckets - 1)];
}

static void
txn_unlink_recency(struct txn_table *table, struct txn *t)
{
	if (t->older != NULL)
		t->older->newer = t->newer;
	else
		table->oldest = t->newer;
	if (t->newer != NULL)
		t->newer->older = t->older;
	else
		table->newest = t->older;
	t->older = t->newer = NULL;
}

static void
txn_append_recency(struct txn_table *table, struct txn *t)
{
	t->older = table->newest;
	t->newer = NULL;
	if (table->newest != NULL)
		table->newest->newer = t;
	else
		table->oldest = t;
	table->newest = t;
}

/* Make room by forgetting the transaction that changed longest ago. */
static void
txn_evict_oldest(struct txn_table *table, double now)
{
	struct txn *victim = table->oldest, **pp;

	if (txn_is_unanswered(victim, now, table->window))
		table->evicted_unanswered++;
	pp = txn_chain(table, victim->hash);
	while (*pp != victim)
		pp = &(*pp)->hash_next;
	*pp = victim->hash_next;
	txn_unlink_recency(table, victim);
	victim->hash_next = table->free_list;
	table->free_list = victim;
	table->count--;
}

static struct txn *
txn_find_or_add(struct txn_table *table, const struct dhcp_msg *msg,
    double ts)
{
	uint32_t hash = txn_hash(msg->chaddr, msg->xid);
	struct txn **chain = txn_chain(table, hash), *t;

	for (t = *chain; t != NULL; t = t->hash_next) {
		if (t->hash == hash && t->xid == msg->xid &&
		    memcmp(t->chaddr, msg->chaddr, DHCP_CHADDR_LEN) == 0) {
			txn_unlink_recency(table, t);
			txn_append_recency(table, t);
			return t;
		}
	}
	if (table->free_list == NULL)
		txn_evict_oldest(table, ts);
	t = table->free_list;
	table->free_list = t->hash_next;
	memset(t, 0, sizeof *t);
	memcpy(t->chaddr, msg->chaddr, DHCP_CHADDR_LEN);
	t->hlen = msg->hlen;
	t->htype = msg->htype;
	t->xid = msg->xid;
	t->hash = hash;
	t->first = ts;
	t->answer_ms = -1;
	t->hash_next = *chain;
	*chain = t;
	txn_append_recency(table, t);
	table->count++;
	return t;
}

bool
txn_expects_answer(uint8_t op, uint8_t type)
{
	if (op != BOOTP_REQUEST)
		return false;
	/* Leasequery (RFC 4388) is between relays and servers, and its
	 * answer may carry another chaddr: it tells nothing about VMs. */
	return type == DHCP_NONE || type == DHCP_DISCOVER ||
	    type == DHCP_REQUEST || type == DHCP_INFORM;
}

static void
txn_count(struct txn *t, uint8_t type)
{
	switch (type) {
	case DHCP_DISCOVER:	t->discover++; break;
	case DHCP_OFFER:	t->offer++; break;
	case DHCP_REQUEST:	t->request++; break;
	case DHCP_ACK:		t->ack++; break;
	case DHCP_NAK:		t->nak++; break;
	default:		t->other++; break;
	}
}

static void
txn_add_pending(struct txn *t, uint8_t type, double ts, uint64_t seq)
{
	t->pending_type = type;
	if (t->npending == 0)
		t->pending_since = ts;
	if (t->npending < TXN_PENDING_MAX) {
		t->pending_seq[t->npending] = seq;
		t->pending_ts[t->npending] = ts;
	}
	t->npending++;
}

static void
txn_answer(struct txn *t, const struct dhcp_msg *msg, double ts,
    void (*answered)(void *, uint64_t, double), void *ctx)
{
	unsigned i, held = t->npending;

	if (held > TXN_PENDING_MAX)
		held = TXN_PENDING_MAX;
	if (t->npending > 0 && !t->answered)
		t->answer_ms = (ts - t->pending_since) * 1000;
	for (i = 0; answered != NULL && i < held; i++)
		answered(ctx, t->pending_seq[i],
		    (ts - t->pending_ts[i]) * 1000);
	t->npending = 0;
	t->pending_since = 0;
	t->answered = true;
	t->yiaddr = msg->yiaddr;
	t->server = msg->has_server_id ? msg->server_id : msg->siaddr;
}

struct txn *
txn_table_observe(struct txn_table *table, const struct dhcp_msg *msg,
    double ts, uint64_t seq,
    void (*answered)(void *ctx, uint64_t seq, double ms), void *ctx)
{
	struct txn *t;

	if (msg->op != BOOTP_REQUEST && msg->op != BOOTP_REPLY)
		return NULL;
	t = txn_find_or_add(table, msg, ts);
	txn_count(t, msg->msg_type);
	if (ts > t->last)
		t->last = ts;
	if (msg->op == BOOTP_REPLY)
		txn_answer(t, msg, ts, answered, ctx);
	else if (txn_expects_answer(msg->op, msg->msg_type))
		txn_add_pending(t, msg->msg_type, ts, seq);
	return t;
}

bool
txn_is_unanswered(const struct txn *t, double now, double window)
{
	return t->npending > 0 && now - t->pending_since > window;
}

struct txn *
txn_table_oldest(const struct txn_table *table)
{
	return table->oldest;
}

struct txn *
txn_newer(const struct txn *t)
{
	return t->newer;
}

unsigned long
txn_table_evicted_unanswered(const struct txn_table *table)
{
	return table->evicted_unanswered;
}

size_t
txn_table_count(const struct txn_table *table)
{
	return table->count;
}

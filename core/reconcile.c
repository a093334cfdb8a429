/* Rows: every lease against every running VM NIC and the DHCP feed. */
#include "config.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leases.h"
#include "model.h"
#include "reconcile.h"
#include "txn.h"
#include "util.h"
#include "vms.h"

#define RECONCILE_POOL_FIRST	2	/* .1 is the bridge itself */
#define RECONCILE_POOL_LAST	254

/*
 * A lease under its MAC, ranked: unexpired, then latest end, then first
 * in the file. Kept small and integer-keyed: sorting 10,000 is hot.
 */
struct lease_key {
	uint64_t	mac;	/* the MAC's 48 bits, then expired */
	double		ends;		/* INFINITY: never */
	uint32_t	order;
	uint32_t	idx;
};

/* A lease under its address: ip (host order) << 32 | index. */
struct ip_key {
	uint64_t	key;
};

/* What the feed saw of one MAC. */
struct feed_key {
	uint8_t		mac[HWADDR_LEN];
	bool		answered;
	uint32_t	acked_ip;
	double		acked_at;
};

/* A running NIC under its MAC. */
struct nic_key {
	uint8_t		mac[HWADDR_LEN];
	size_t		vm, nic;
};

/* Scratch indexes for one run. */
struct reconcile_ix {
	const struct lease_table *leases;
	struct vm_table		*vms;
	double			 now;
	struct lease_key	*by_mac;
	size_t			 nby_mac;
	struct ip_key		*by_ip;
	size_t			 nby_ip;
	struct feed_key		*feed;
	size_t			 nfeed;
	struct nic_key		*nics;
	size_t			 nnics;
	bool			*used;
	bool			*dup_ip;
};

void
reconcile_init(struct reconcile *r)
{
	memset(r, 0, sizeof *r);
}

void
reconcile_free(struct reconcile *r)
{
	free(r->rows);
	reconcile_init(r);
}

/* A MAC as one integer, in the order of its bytes. */
static uint64_t
reconcile_mac_key(const uint8_t *mac)
{
	uint64_t k = 0;
	size_t i;

	for (i = 0; i < HWADDR_LEN; i++)
		k = k << 8 | mac[i];
	return k;
}

static int
lease_key_cmp(const void *pa, const void *pb)
{
	const struct lease_key *a = pa, *b = pb;

	if (a->mac != b->mac)
		return a->mac < b->mac ? -1 : 1;
	if (a->ends != b->ends)
		return a->ends > b->ends ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
ip_key_cmp(const void *pa, const void *pb)
{
	const struct ip_key *a = pa, *b = pb;

	return a->key < b->key ? -1 : a->key > b->key;
}

/* Address and lease index of an ip_key. */
static uint32_t
ip_key_ip(const struct ip_key *k)
{
	return (uint32_t)(k->key >> 32);
}

static size_t
ip_key_idx(const struct ip_key *k)
{
	return (size_t)(k->key & 0xffffffffu);
}

/* By MAC; for one MAC the newest ACK last, so it wins the merge. */
static int
feed_key_cmp(const void *pa, const void *pb)
{
	const struct feed_key *a = pa, *b = pb;
	int c = memcmp(a->mac, b->mac, HWADDR_LEN);

	if (c != 0)
		return c;
	return a->acked_at < b->acked_at ? -1 : a->acked_at > b->acked_at;
}

static int
nic_key_cmp(const void *pa, const void *pb)
{
	const struct nic_key *a = pa, *b = pb;
	int c = memcmp(a->mac, b->mac, HWADDR_LEN);

	if (c != 0)
		return c;
	if (a->vm != b->vm)
		return a->vm < b->vm ? -1 : 1;
	return a->nic < b->nic ? -1 : a->nic > b->nic;
}

/* Leases by MAC and by address, and which addresses two MACs share. */
static void
reconcile_index_leases(struct reconcile_ix *ix)
{
	const struct lease_table *t = ix->leases;
	const struct lease *l;
	struct lease_key *k;
	size_t i;

	ix->by_mac = xcalloc(t->count, sizeof *ix->by_mac);
	ix->by_ip = xcalloc(t->count, sizeof *ix->by_ip);
	ix->used = xcalloc(t->count, sizeof *ix->used);
	ix->dup_ip = xcalloc(t->count, sizeof *ix->dup_ip);
	for (i = 0; i < t->count; i++) {
		l = &t->items[i];
		if (l->has_mac) {
			k = &ix->by_mac[ix->nby_mac++];
			k->mac = reconcile_mac_key(l->mac) << 1 |
			    lease_is_expired(l, ix->now);
			k->ends = l->has_expiry ? l->expires : INFINITY;
			k->order = l->order;
			k->idx = (uint32_t)i;
		}
		ix->by_ip[ix->nby_ip++].key = (uint64_t)ntohl(l->ip) << 32 | i;
	}
	qsort(ix->by_mac, ix->nby_mac, sizeof *ix->by_mac, lease_key_cmp);
	qsort(ix->by_ip, ix->nby_ip, sizeof *ix->by_ip, ip_key_cmp);
}

/* Whether two leases name different clients. */
static bool
reconcile_other_client(const struct lease *a, const struct lease *b)
{
	if (a->has_mac && b->has_mac)
		return !hwaddr_equal(a->mac, b->mac);
	return a->id_len != b->id_len ||
	    memcmp(a->id, b->id, a->id_len) != 0 || a->has_mac != b->has_mac;
}

/* Whether the lease at by_ip[j] shares its address with another client. */
static bool
reconcile_ip_shared(const struct reconcile_ix *ix, size_t first,
    size_t end, size_t j)
{
	const struct lease *a, *b;
	size_t k;

	a = &ix->leases->items[ip_key_idx(&ix->by_ip[j])];
	if (lease_is_expired(a, ix->now))
		return false;
	for (k = first; k < end; k++) {
		b = &ix->leases->items[ip_key_idx(&ix->by_ip[k])];
		if (k != j && !lease_is_expired(b, ix->now) &&
		    reconcile_other_client(a, b))
			return true;
	}
	return false;
}

/* Mark unexpired leases whose address another client also holds. */
static void
reconcile_mark_dup_ip(struct reconcile_ix *ix)
{
	size_t i, j, end;

	for (i = 0; i < ix->nby_ip; i = end) {
		for (end = i + 1; end < ix->nby_ip &&
		    ip_key_ip(&ix->by_ip[end]) == ip_key_ip(&ix->by_ip[i]);
		    end++)
			;
		for (j = i; j < end && end - i > 1; j++)
			ix->dup_ip[ip_key_idx(&ix->by_ip[j])] =
			    reconcile_ip_shared(ix, i, end, j);
	}
}

/* One entry per MAC the feed saw, with its answer and last ACK. */
static void
reconcile_index_feed(struct reconcile_ix *ix, const struct txn_table *txns)
{
	const struct txn *t;
	struct feed_key *f;
	size_t i, out;

	if (txns == NULL)
		return;
	ix->feed = xcalloc(txn_table_count(txns), sizeof *ix->feed);
	for (t = txn_table_oldest(txns); t != NULL; t = txn_newer(t)) {
		if (t->htype != 1 || t->hlen != HWADDR_LEN)
			continue;
		f = &ix->feed[ix->nfeed++];
		memcpy(f->mac, t->chaddr, HWADDR_LEN);
		f->answered = t->answered;
		if (t->ack > 0 && t->yiaddr != 0) {
			f->acked_ip = t->yiaddr;
			f->acked_at = t->last;
		}
	}
	qsort(ix->feed, ix->nfeed, sizeof *ix->feed, feed_key_cmp);
	for (i = 0, out = 0; i < ix->nfeed; i++) {
		if (out > 0 && hwaddr_equal(ix->feed[out - 1].mac,
		    ix->feed[i].mac)) {
			ix->feed[out - 1].answered |= ix->feed[i].answered;
			if (ix->feed[i].acked_ip != 0)
				ix->feed[out - 1].acked_ip =
				    ix->feed[i].acked_ip;
			continue;
		}
		ix->feed[out++] = ix->feed[i];
	}
	ix->nfeed = out;
}

/* Every running NIC with a MAC, sorted so that sharers sit together. */
static void
reconcile_index_nics(struct reconcile_ix *ix)
{
	struct vm_table *v = ix->vms;
	size_t i, j, n = 0;

	for (i = 0; i < v->count; i++)
		n += v->items[i].nnics;
	ix->nics = xcalloc(n, sizeof *ix->nics);
	for (i = 0; i < v->count; i++)
		for (j = 0; j < v->items[i].nnics; j++) {
			if (!v->items[i].nics[j].has_mac)
				continue;
			memcpy(ix->nics[ix->nnics].mac,
			    v->items[i].nics[j].mac, HWADDR_LEN);
			ix->nics[ix->nnics].vm = i;
			ix->nics[ix->nnics++].nic = j;
		}
	qsort(ix->nics, ix->nnics, sizeof *ix->nics, nic_key_cmp);
}

/* The first element of a sorted array whose MAC is mac, or NULL. */
static const void *
reconcile_find_mac(const void *base, size_t n, size_t size,
    const uint8_t *mac)
{
	const char *b = base;
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (memcmp(b + mid * size, mac, HWADDR_LEN) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && memcmp(b + lo * size, mac, HWADDR_LEN) == 0)
		return b + lo * size;
	return NULL;
}

/* The best-ranked lease of a MAC (as an integer), or NULL. */
static const struct lease_key *
reconcile_find_lease(const struct reconcile_ix *ix, uint64_t mac)
{
	size_t lo = 0, hi = ix->nby_mac, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->by_mac[mid].mac >> 1 < mac)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ix->nby_mac && ix->by_mac[lo].mac >> 1 == mac)
		return &ix->by_mac[lo];
	return NULL;
}

/* How many running NICs carry mac. */
static size_t
reconcile_nic_count(const struct reconcile_ix *ix, const uint8_t *mac)
{
	const struct nic_key *k;
	size_t n = 0;

	k = reconcile_find_mac(ix->nics, ix->nnics, sizeof *k, mac);
	if (k == NULL)
		return 0;
	while (k < ix->nics + ix->nnics && hwaddr_equal(k->mac, mac)) {
		n++;
		k++;
	}
	return n;
}

static void
reconcile_free_ix(struct reconcile_ix *ix)
{
	free(ix->by_mac);
	free(ix->by_ip);
	free(ix->feed);
	free(ix->nics);
	free(ix->used);
	free(ix->dup_ip);
}

static struct row *
reconcile_add_row(struct reconcile *r)
{
	struct row *row;

	if (r->count == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		r->rows = xrealloc(r->rows, r->cap * sizeof *r->rows);
	}
	row = &r->rows[r->count++];
	memset(row, 0, sizeof *row);
	row->lease = row->vm = row->nic = -1;
	return row;
}

/* Fill what the feed saw of the row's MAC. */
static void
reconcile_row_feed(const struct reconcile_ix *ix, struct row *row)
{
	const struct feed_key *f;

	if (!row->has_mac)
		return;
	f = reconcile_find_mac(ix->feed, ix->nfeed, sizeof *f, row->mac);
	if (f == NULL)
		return;
	row->dhcp_seen = true;
	row->dhcp_answered = f->answered;
	row->acked_ip = f->acked_ip;
}

/* A lease with no MAC at addr (a DUID lease the feed pins), or -1. */
static long
reconcile_macless_at(const struct reconcile_ix *ix, uint32_t addr)
{
	size_t lo = 0, hi = ix->nby_ip, mid;
	uint32_t ip = ntohl(addr);
	const struct lease *l;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ip_key_ip(&ix->by_ip[mid]) < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->nby_ip && ip_key_ip(&ix->by_ip[lo]) == ip; lo++) {
		l = &ix->leases->items[ip_key_idx(&ix->by_ip[lo])];
		if (!l->has_mac && !ix->used[ip_key_idx(&ix->by_ip[lo])])
			return (long)ip_key_idx(&ix->by_ip[lo]);
	}
	return -1;
}

/* The lease that goes with a running NIC, or -1. */
static long
reconcile_lease_for(const struct reconcile_ix *ix, const struct row *row)
{
	const struct lease_key *k;

	if (!row->has_mac)
		return -1;
	k = reconcile_find_lease(ix, reconcile_mac_key(row->mac));
	if (k != NULL)
		return (long)k->idx;
	if (row->acked_ip != 0)
		return reconcile_macless_at(ix, row->acked_ip);
	return -1;
}

static enum row_status
reconcile_nic_status(const struct reconcile_ix *ix, const struct row *row,
    const struct vm_nic *nic)
{
	const struct lease *l;

	if (nic->default_mac)
		return ROW_DEFAULT_MAC;
	if (row->has_mac && reconcile_nic_count(ix, row->mac) > 1)
		return ROW_DUPLICATE_MAC;
	if (row->lease < 0)
		return row->acked_ip != 0 ? ROW_OK : ROW_NO_LEASE;
	l = &ix->leases->items[row->lease];
	if (lease_is_expired(l, ix->now))
		return row->acked_ip != 0 ? ROW_OK : ROW_EXPIRED;
	if (ix->dup_ip[row->lease])
		return ROW_DUPLICATE_IP;
	return ROW_OK;
}

/* One row per running NIC. */
static void
reconcile_nic_rows(struct reconcile *r, struct reconcile_ix *ix)
{
	struct vm *vm;
	struct row *row;
	size_t i, j;

	for (i = 0; i < ix->vms->count; i++) {
		vm = &ix->vms->items[i];
		snprintf(vm->label, sizeof vm->label, "%s",
		    vm->name[0] ? vm->name : vm->program);
		for (j = 0; j < vm->nnics; j++) {
			row = reconcile_add_row(r);
			row->vm = (long)i;
			row->nic = (long)j;
			row->has_mac = vm->nics[j].has_mac;
			memcpy(row->mac, vm->nics[j].mac, HWADDR_LEN);
			reconcile_row_feed(ix, row);
			row->lease = reconcile_lease_for(ix, row);
			if (row->lease >= 0) {
				ix->used[row->lease] = true;
				row->ip = ix->leases->items[row->lease].ip;
				if (!vm->name[0] &&
				    ix->leases->items[row->lease].name[0])
					snprintf(vm->label, sizeof vm->label,
					    "%s",
					    ix->leases->items[row->lease].name);
			}
			if (row->ip == 0)
				row->ip = row->acked_ip;
			row->status = reconcile_nic_status(ix, row,
			    &vm->nics[j]);
		}
	}
}

/* One row per lease that no running NIC took, in file order. */
static void
reconcile_lease_rows(struct reconcile *r, struct reconcile_ix *ix)
{
	const struct lease *l;
	struct row *row;
	size_t i;

	for (i = 0; i < ix->leases->count; i++) {
		if (ix->used[i])
			continue;
		l = &ix->leases->items[i];
		row = reconcile_add_row(r);
		row->lease = (long)i;
		row->ip = l->ip;
		row->has_mac = l->has_mac;
		memcpy(row->mac, l->mac, HWADDR_LEN);
		reconcile_row_feed(ix, row);
		if (lease_is_expired(l, ix->now))
			row->status = ROW_EXPIRED;
		else if (!l->has_mac)
			row->status = ROW_LEASE_WITHOUT_MAC;
		else if (ix->dup_ip[i])
			row->status = ROW_DUPLICATE_IP;
		else
			row->status = ROW_STALE;
	}
}

/* Unexpired leases against the /24 a server hands out (.2 to .254). */
static void
reconcile_pool(struct reconcile *r, const struct reconcile_ix *ix,
    uint32_t bridge)
{
	const struct lease *l;
	uint32_t net = ntohl(bridge) & 0xffffff00u, ip, prev = 0;
	size_t i;

	r->pool_used = 0;
	for (i = 0; net == 0 && i < ix->nby_ip; i++)
		if (!lease_is_expired(&ix->leases->items[ip_key_idx(
		    &ix->by_ip[i])], ix->now))
			net = ip_key_ip(&ix->by_ip[i]) & 0xffffff00u;
	r->subnet = htonl(net);
	r->pool_size = net == 0 ? 0 :
	    RECONCILE_POOL_LAST - RECONCILE_POOL_FIRST + 1;
	for (i = 0; net != 0 && i < ix->nby_ip; i++) {
		ip = ip_key_ip(&ix->by_ip[i]);
		l = &ix->leases->items[ip_key_idx(&ix->by_ip[i])];
		if ((ip & 0xffffff00u) != net || (ip & 0xff) <
		    RECONCILE_POOL_FIRST || (ip & 0xff) > RECONCILE_POOL_LAST ||
		    lease_is_expired(l, ix->now) || ip == prev)
			continue;
		r->pool_used++;
		prev = ip;
	}
	r->pool_nearly_full = r->pool_size > 0 &&
	    r->pool_used * 100 >= r->pool_size * RECONCILE_POOL_FULL_PCT;
}

void
reconcile_run(struct reconcile *r, const struct lease_table *leases,
    struct vm_table *vms, const struct txn_table *txns, uint32_t bridge,
    double now)
{
	struct reconcile_ix ix;

	memset(&ix, 0, sizeof ix);
	ix.leases = leases;
	ix.vms = vms;
	ix.now = now;
	r->count = 0;
	r->now = now;
	reconcile_index_leases(&ix);
	reconcile_mark_dup_ip(&ix);
	reconcile_index_feed(&ix, txns);
	reconcile_index_nics(&ix);
	reconcile_nic_rows(r, &ix);
	reconcile_lease_rows(r, &ix);
	reconcile_pool(r, &ix, bridge);
	reconcile_free_ix(&ix);
}

void
reconcile_model(struct model *m)
{
	uint32_t bridge = 0;

	if (m->iface.address[0] == '\0' ||
	    inet_pton(AF_INET, m->iface.address, &bridge) != 1)
		bridge = 0;
	reconcile_run(&m->recon, &m->leases.table, &m->vms, m->txns, bridge,
	    now_seconds());
}

const char *
row_status_name(enum row_status s)
{
	switch (s) {
	case ROW_OK:			return "ok";
	case ROW_NO_LEASE:		return "no-lease";
	case ROW_STALE:			return "stale";
	case ROW_EXPIRED:		return "expired";
	case ROW_DUPLICATE_MAC:		return "duplicate-mac";
	case ROW_DEFAULT_MAC:		return "default-mac";
	case ROW_DUPLICATE_IP:		return "duplicate-ip";
	case ROW_LEASE_WITHOUT_MAC:	return "lease-without-mac";
	}
	return "unknown";
}

/* DHCP transactions: client requests joined with server answers. */
#ifndef VMNW_TXN_H
#define VMNW_TXN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp.h"

#define TXN_PENDING_MAX	8	/* feed entries awaiting an answer */
#define TXN_WINDOW	3.0	/* seconds, unless set otherwise */

/* Requests and answers sharing a client hardware address and an xid. */
struct txn {
	uint8_t		chaddr[DHCP_CHADDR_LEN];
	uint8_t		hlen, htype;
	uint32_t	xid;

	unsigned	discover, offer, request, ack, nak, other;
	double		first, last;	/* capture time, seconds */

	double		pending_since; /* oldest unanswered, or 0 */
	bool		answered;	/* at least one answer seen */
	double		answer_ms; /* latency of the first answer */
	uint32_t	yiaddr, server;	/* from the last answer */

	/* Feed sequence numbers of requests still waiting for an answer. */
	uint64_t	pending_seq[TXN_PENDING_MAX];
	double		pending_ts[TXN_PENDING_MAX];
	unsigned	npending;
	uint8_t		pending_type;	/* of the latest of them */

	/* Table bookkeeping: hash, chain and recency list. */
	uint32_t	hash;
	struct txn	*hash_next;
	struct txn	*older, *newer;
};

struct txn_table;

/* A table that keeps at most capacity transactions, evicting the oldest. */
struct txn_table *txn_table_new(size_t capacity);

/* Seconds a request may wait before it counts as unanswered (3). */
void txn_table_set_window(struct txn_table *table, double window);
void txn_table_free(struct txn_table *table);
void txn_table_clear(struct txn_table *table);

/*
 * Account for one decoded message seen at time ts and stored in the feed
 * as seq. Returns the transaction it belongs to, or NULL when the message
 * is neither a client request nor a server answer. When it answers
 * pending requests, their feed sequence numbers are passed to answered()
 * with the latency in milliseconds.
 */
struct txn *txn_table_observe(struct txn_table *table,
    const struct dhcp_msg *msg, double ts, uint64_t seq,
    void (*answered)(void *ctx, uint64_t seq, double ms), void *ctx);

/* Whether a client's message of this op and type awaits an answer. */
bool txn_expects_answer(uint8_t op, uint8_t type);

/* Whether a request has waited longer than window seconds at time now. */
bool txn_is_unanswered(const struct txn *t, double now, double window);

/*
 * Transactions forgotten to make room while a request in them had waited
 * longer than window: they still count as unanswered.
 */
unsigned long txn_table_evicted_unanswered(const struct txn_table *table);

/* Oldest first. */
struct txn *txn_table_oldest(const struct txn_table *table);
struct txn *txn_newer(const struct txn *t);
size_t txn_table_count(const struct txn_table *table);

#endif

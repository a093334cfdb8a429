/* The DHCP feed: a bounded ring of the most recent decoded packets. */
#ifndef VMNW_FEED_H
#define VMNW_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp.h"

#define FEED_HOSTNAME_MAX	96	/* sanitized, so escapes fit */

/* What the feed pane shows of one packet; raw keeps the whole frame. */
struct feed_entry {
	uint64_t	seq;		/* 1, 2, ... over the whole run */
	double		ts;
	int		linktype;

	uint8_t		op, msg_type, htype, hlen;
	uint32_t	xid;
	uint8_t		chaddr[DHCP_CHADDR_LEN];
	uint32_t	ciaddr, yiaddr, requested_ip, server_id;
	uint32_t	src_ip, dst_ip;
	unsigned	errors;		/* enum dhcp_error bits */
	char		hostname[FEED_HOSTNAME_MAX];

	bool		is_request;
	double		answer_ms;	/* < 0 until answered */

	uint8_t		*raw;		/* the frame as captured */
	uint32_t	 raw_len;
	uint32_t	 raw_cap;	/* bytes allocated for raw */
};

struct feed {
	struct feed_entry *ring;
	size_t		 capacity;
	uint64_t	 next_seq;	/* seq of the next push */
	uint64_t	 floor_seq;	/* entries below it were cleared */
};

int feed_init(struct feed *feed, size_t capacity);
void feed_free(struct feed *feed);
void feed_clear(struct feed *feed);

/* A slot for a new entry (overwriting the oldest); seq is set. */
struct feed_entry *feed_push(struct feed *feed);

/* Copy a frame into the entry, reusing its buffer. */
int feed_entry_set_raw(struct feed_entry *e, const uint8_t *data,
    size_t len);

/* The entry with this seq, or NULL when it has left the ring. */
struct feed_entry *feed_get(const struct feed *feed, uint64_t seq);

/* Seq of the oldest entry still held, and of the newest (0 if none). */
uint64_t feed_first_seq(const struct feed *feed);
uint64_t feed_last_seq(const struct feed *feed);

#endif

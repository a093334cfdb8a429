/* The DHCP feed: a bounded ring of the most recent decoded packets. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "util.h"

int
feed_init(struct feed *feed, size_t capacity)
{
	feed->ring = xcalloc(capacity, sizeof *feed->ring);
	feed->capacity = capacity;
	feed->next_seq = 1;
	feed->floor_seq = 1;
	return 0;
}

void
feed_free(struct feed *feed)
{
	size_t i;

	for (i = 0; i < feed->capacity; i++)
		free(feed->ring[i].raw);
	free(feed->ring);
	feed->ring = NULL;
	feed->capacity = 0;
}

/* Forget every entry but keep the buffers and keep counting seq. */
void
feed_clear(struct feed *feed)
{
	feed->floor_seq = feed->next_seq;
}

struct feed_entry *
feed_push(struct feed *feed)
{
	struct feed_entry *e;
	uint64_t seq = feed->next_seq++;
	uint8_t *raw;
	uint32_t raw_cap;

	e = &feed->ring[seq % feed->capacity];
	raw = e->raw;
	raw_cap = e->raw_cap;
	memset(e, 0, sizeof *e);
	e->raw = raw;
	e->raw_cap = raw_cap;
	e->seq = seq;
	e->answer_ms = -1;
	return e;
}

int
feed_entry_set_raw(struct feed_entry *e, const uint8_t *data, size_t len)
{
	if (len > UINT32_MAX)
		return -1;
	if (len > e->raw_cap) {
		e->raw = xrealloc(e->raw, len);
		e->raw_cap = len;
	}
	memcpy(e->raw, data, len);
	e->raw_len = len;
	return 0;
}

struct feed_entry *
feed_get(const struct feed *feed, uint64_t seq)
{
	struct feed_entry *e;

	if (seq < feed->floor_seq || feed->capacity == 0)
		return NULL;
	e = &feed->ring[seq % feed->capacity];
	return e->seq == seq ? e : NULL;
}

uint64_t
feed_first_seq(const struct feed *feed)
{
	uint64_t last = feed_last_seq(feed), first;

	if (last == 0)
		return 0;
	first = last >= feed->capacity ? last - feed->capacity + 1 : 1;
	return first > feed->floor_seq ? first : feed->floor_seq;
}

uint64_t
feed_last_seq(const struct feed *feed)
{
	uint64_t last = feed->next_seq - 1;

	return feed_get(feed, last) != NULL ? last : 0;
}

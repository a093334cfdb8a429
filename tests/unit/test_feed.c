/* The feed ring: bounded, sequence-addressed, buffers reused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "feed.h"

static void
test_empty_feed_has_no_entries(void **state)
{
	struct feed feed;

	feed_init(&feed, 4);
	assert_int_equal(feed_first_seq(&feed), 0);
	assert_int_equal(feed_last_seq(&feed), 0);
	assert_null(feed_get(&feed, 0));
	assert_null(feed_get(&feed, 1));
	feed_free(&feed);
}

static void
test_ring_keeps_the_newest(void **state)
{
	struct feed feed;
	struct feed_entry *e;
	unsigned i;

	feed_init(&feed, 4);
	for (i = 1; i <= 10; i++) {
		e = feed_push(&feed);
		assert_int_equal(e->seq, i);
		assert_true(e->answer_ms < 0);
		e->xid = i;
	}
	assert_int_equal(feed_first_seq(&feed), 7);
	assert_int_equal(feed_last_seq(&feed), 10);
	assert_null(feed_get(&feed, 6));
	assert_int_equal(feed_get(&feed, 7)->xid, 7);
	assert_int_equal(feed_get(&feed, 10)->xid, 10);
	assert_null(feed_get(&feed, 11));
	feed_free(&feed);
}

static void
test_raw_buffer_is_reused_and_grown(void **state)
{
	struct feed feed;
	struct feed_entry *e;
	uint8_t small[10], big[500];
	uint8_t *first_buffer;

	memset(small, 0xaa, sizeof small);
	memset(big, 0xbb, sizeof big);
	feed_init(&feed, 1);
	e = feed_push(&feed);
	assert_int_equal(feed_entry_set_raw(e, big, sizeof big), 0);
	first_buffer = e->raw;
	e = feed_push(&feed);
	assert_ptr_equal(e->raw, first_buffer);
	assert_int_equal(feed_entry_set_raw(e, small, sizeof small), 0);
	assert_int_equal(e->raw_len, sizeof small);
	assert_memory_equal(e->raw, small, sizeof small);
	feed_free(&feed);
}

static void
test_clear_forgets_but_keeps_counting(void **state)
{
	struct feed feed;

	feed_init(&feed, 8);
	feed_push(&feed);
	feed_push(&feed);
	feed_clear(&feed);
	assert_int_equal(feed_first_seq(&feed), 0);
	assert_int_equal(feed_last_seq(&feed), 0);
	assert_null(feed_get(&feed, 2));
	assert_int_equal(feed_push(&feed)->seq, 3);
	assert_int_equal(feed_first_seq(&feed), 3);
	assert_int_equal(feed_last_seq(&feed), 3);
	feed_free(&feed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_feed_has_no_entries),
		cmocka_unit_test(test_ring_keeps_the_newest),
		cmocka_unit_test(test_raw_buffer_is_reused_and_grown),
		cmocka_unit_test(test_clear_forgets_but_keeps_counting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The model: frames in, feed entries, transactions and counts out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

#define LINKTYPE_ETHERNET	1
#define FRAME_MAX		600

/* An Ethernet/IPv4/UDP frame around a minimal DHCP message. */
static size_t
build_frame(uint8_t *f, uint8_t op, uint8_t type, uint32_t xid,
    const char *hostname)
{
	size_t ip = 14, udp = ip + 20, bootp = udp + 8, o = bootp + 240;
	size_t hlen = hostname ? strlen(hostname) : 0, total;

	memset(f, 0, FRAME_MAX);
	memset(f, 0xff, 6);
	memcpy(f + 6, "\x52\x54\x00\x01\x8f\xaa", 6);
	f[12] = 0x08;
	f[ip] = 0x45;
	f[ip + 8] = 64;
	f[ip + 9] = 17;
	f[udp + 1] = op == 1 ? 68 : 67;
	f[udp + 3] = op == 1 ? 67 : 68;
	f[bootp] = op;
	f[bootp + 1] = 1;
	f[bootp + 2] = 6;
	f[bootp + 4] = xid >> 24;
	f[bootp + 5] = xid >> 16;
	f[bootp + 6] = xid >> 8;
	f[bootp + 7] = xid;
	if (op == 2)
		memcpy(f + bootp + 16, "\xc0\xa8\x40\x0a", 4);
	memcpy(f + bootp + 28, "\x52\x54\x00\x01\x8f\xaa", 6);
	memcpy(f + bootp + 236, "\x63\x82\x53\x63", 4);
	f[o++] = 53;
	f[o++] = 1;
	f[o++] = type;
	if (hlen > 0) {
		f[o++] = 12;
		f[o++] = hlen;
		memcpy(f + o, hostname, hlen);
		o += hlen;
	}
	f[o++] = 255;
	total = o - ip;
	f[ip + 2] = total >> 8;
	f[ip + 3] = total;
	f[udp + 4] = (o - udp) >> 8;
	f[udp + 5] = o - udp;
	return o;
}

static void
ingest(struct model *m, const uint8_t *f, size_t len, double t)
{
	struct timeval tv;

	tv.tv_sec = (time_t)t;
	tv.tv_usec = (suseconds_t)((t - tv.tv_sec) * 1e6 + 0.5);
	model_ingest(m, LINKTYPE_ETHERNET, &tv, f, len);
}

static void
test_answered_exchange(void **state)
{
	struct model m;
	uint8_t f[FRAME_MAX];
	struct feed_entry *e;
	size_t n;

	model_init(&m);
	n = build_frame(f, 1, DHCP_DISCOVER, 0x1234, "web");
	ingest(&m, f, n, 1000.0);
	e = feed_get(&m.feed, feed_last_seq(&m.feed));
	assert_true(e->is_request);
	assert_string_equal(e->hostname, "web");
	assert_int_equal(e->raw_len, n);

	n = build_frame(f, 2, DHCP_OFFER, 0x1234, NULL);
	ingest(&m, f, n, 1000.125);
	e = feed_get(&m.feed, 1);
	assert_float_equal(e->answer_ms, 125.0, 0.01);
	assert_false(model_entry_unanswered(&m, e));
	assert_int_equal(m.stats.packets, 2);
	assert_int_equal(m.stats.decode_errors, 0);
	assert_int_equal(model_count_unanswered(&m), 0);
	model_free(&m);
}

static void
test_unanswered_follows_the_clock(void **state)
{
	struct model m;
	uint8_t f[FRAME_MAX];
	struct feed_entry *e;
	uint64_t gen;
	size_t n;

	model_init(&m);
	n = build_frame(f, 1, DHCP_DISCOVER, 0x99, NULL);
	ingest(&m, f, n, 50.0);
	e = feed_get(&m.feed, 1);
	assert_false(model_entry_unanswered(&m, e));
	gen = m.generation;
	model_set_now(&m, 53.5);
	assert_true(m.generation > gen);
	assert_true(model_entry_unanswered(&m, e));
	assert_int_equal(model_count_unanswered(&m), 1);
	model_clear_dhcp(&m);
	assert_int_equal(model_count_unanswered(&m), 0);
	assert_int_equal(feed_last_seq(&m.feed), 0);
	assert_int_equal(m.stats.packets, 0);
	model_free(&m);
}

static void
test_hostile_hostname_is_sanitized(void **state)
{
	struct model m;
	uint8_t f[FRAME_MAX];
	struct feed_entry *e;
	size_t n;

	model_init(&m);
	n = build_frame(f, 1, DHCP_DISCOVER, 1, "a\x1b[2Jb");
	ingest(&m, f, n, 1.0);
	e = feed_get(&m.feed, 1);
	assert_null(strchr(e->hostname, 0x1b));
	assert_non_null(strstr(e->hostname, "[2Jb"));
	model_free(&m);
}

static void
test_non_dhcp_and_fragments_are_counted_apart(void **state)
{
	struct model m;
	uint8_t f[FRAME_MAX];
	size_t n;

	model_init(&m);
	n = build_frame(f, 1, DHCP_DISCOVER, 1, NULL);
	f[14 + 20 + 1] = 53;		/* ports 53 to 53: DNS */
	f[14 + 20 + 3] = 53;
	ingest(&m, f, n, 1.0);
	assert_int_equal(m.stats.other, 1);

	n = build_frame(f, 1, DHCP_DISCOVER, 1, NULL);
	f[14 + 6] = 0x20;		/* offset 1 (8 bytes), more to come */
	f[14 + 7] = 0x01;
	ingest(&m, f, n, 1.0);
	assert_int_equal(m.stats.fragments, 1);

	ingest(&m, f, 20, 1.0);
	assert_int_equal(m.stats.truncated, 1);
	assert_int_equal(m.stats.packets, 0);
	assert_int_equal(feed_last_seq(&m.feed), 0);
	model_free(&m);
}

static void
test_first_fragment_is_decoded_as_far_as_it_goes(void **state)
{
	struct model m;
	uint8_t f[FRAME_MAX];
	size_t n;

	model_init(&m);
	n = build_frame(f, 1, DHCP_DISCOVER, 0x77, NULL);
	f[14 + 6] = 0x20;		/* offset 0, more fragments */
	ingest(&m, f, n, 1.0);
	assert_int_equal(m.stats.fragments, 1);
	assert_int_equal(m.stats.packets, 1);
	assert_int_equal(m.stats.decode_errors, 1);
	assert_int_equal(feed_get(&m.feed, 1)->xid, 0x77);
	model_free(&m);
}

static void
test_truncated_dhcp_is_a_decode_error(void **state)
{
	struct model m;
	uint8_t f[FRAME_MAX];
	size_t n;

	model_init(&m);
	n = build_frame(f, 1, DHCP_DISCOVER, 1, NULL);
	ingest(&m, f, n - 220, 1.0);	/* cut inside xid..chaddr */
	assert_int_equal(m.stats.packets, 1);
	assert_int_equal(m.stats.decode_errors, 1);
	assert_int_equal(txn_table_count(m.txns), 0);
	model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answered_exchange),
		cmocka_unit_test(test_unanswered_follows_the_clock),
		cmocka_unit_test(test_hostile_hostname_is_sanitized),
		cmocka_unit_test(test_non_dhcp_and_fragments_are_counted_apart),
		cmocka_unit_test(test_truncated_dhcp_is_a_decode_error),
		cmocka_unit_test(
		    test_first_fragment_is_decoded_as_far_as_it_goes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

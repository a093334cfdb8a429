/* Transactions: requests joined with answers, latency, eviction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "txn.h"

struct answered_log {
	uint64_t	seq[16];
	double		ms[16];
	unsigned	count;
};

static void
record_answer(void *ctx, uint64_t seq, double ms)
{
	struct answered_log *log = ctx;

	log->seq[log->count] = seq;
	log->ms[log->count] = ms;
	log->count++;
}

static struct dhcp_msg
make_msg(uint8_t op, uint8_t type, uint8_t mac_tail, uint32_t xid)
{
	struct dhcp_msg msg;

	memset(&msg, 0, sizeof msg);
	msg.op = op;
	msg.htype = 1;
	msg.hlen = 6;
	msg.xid = xid;
	msg.msg_type = type;
	msg.chaddr[0] = 0x52;
	msg.chaddr[1] = 0x54;
	msg.chaddr[5] = mac_tail;
	return msg;
}

static void
test_full_exchange_is_answered(void **state)
{
	struct txn_table *table = txn_table_new(16);
	struct answered_log log = { .count = 0 };
	struct dhcp_msg d = make_msg(1, DHCP_DISCOVER, 1, 7);
	struct dhcp_msg o = make_msg(2, DHCP_OFFER, 1, 7);
	struct dhcp_msg r = make_msg(1, DHCP_REQUEST, 1, 7);
	struct dhcp_msg a = make_msg(2, DHCP_ACK, 1, 7);
	struct txn *t;

	o.yiaddr = a.yiaddr = 0x0a40a8c0;
	a.has_server_id = true;
	a.server_id = 0x0140a8c0;
	txn_table_observe(table, &d, 100.0, 1, record_answer, &log);
	txn_table_observe(table, &o, 100.25, 2, record_answer, &log);
	txn_table_observe(table, &r, 100.5, 3, record_answer, &log);
	t = txn_table_observe(table, &a, 100.502, 4, record_answer, &log);

	assert_non_null(t);
	assert_int_equal(txn_table_count(table), 1);
	assert_int_equal(t->discover, 1);
	assert_int_equal(t->offer, 1);
	assert_int_equal(t->request, 1);
	assert_int_equal(t->ack, 1);
	assert_true(t->answered);
	assert_float_equal(t->answer_ms, 250.0, 0.001);
	assert_int_equal(t->yiaddr, 0x0a40a8c0);
	assert_int_equal(t->server, 0x0140a8c0);
	assert_int_equal(log.count, 2);
	assert_int_equal(log.seq[0], 1);
	assert_int_equal(log.seq[1], 3);
	assert_float_equal(log.ms[1], 2.0, 0.001);
	assert_false(txn_is_unanswered(t, 200.0, 3.0));
	txn_table_free(table);
}

static void
test_unanswered_after_window(void **state)
{
	struct txn_table *table = txn_table_new(16);
	struct dhcp_msg d = make_msg(1, DHCP_DISCOVER, 2, 9);
	struct txn *t;

	txn_table_observe(table, &d, 10.0, 1, NULL, NULL);
	t = txn_table_observe(table, &d, 13.0, 2, NULL, NULL);
	assert_int_equal(t->discover, 2);
	assert_false(txn_is_unanswered(t, 12.9, 3.0));
	assert_false(txn_is_unanswered(t, 13.0, 3.0));
	assert_true(txn_is_unanswered(t, 13.1, 3.0));
	assert_false(t->answered);
	txn_table_free(table);
}

static void
test_retry_answered_late_reports_each_latency(void **state)
{
	struct txn_table *table = txn_table_new(16);
	struct answered_log log = { .count = 0 };
	struct dhcp_msg d = make_msg(1, DHCP_DISCOVER, 3, 11);
	struct dhcp_msg o = make_msg(2, DHCP_OFFER, 3, 11);
	struct txn *t;

	txn_table_observe(table, &d, 0.0, 1, record_answer, &log);
	txn_table_observe(table, &d, 3.0, 2, record_answer, &log);
	t = txn_table_observe(table, &o, 3.1, 3, record_answer, &log);
	assert_int_equal(log.count, 2);
	assert_float_equal(log.ms[0], 3100.0, 0.01);
	assert_float_equal(log.ms[1], 100.0, 0.01);
	assert_float_equal(t->answer_ms, 3100.0, 0.01);
	assert_false(txn_is_unanswered(t, 100.0, 3.0));
	txn_table_free(table);
}

static void
test_same_xid_other_client_is_separate(void **state)
{
	struct txn_table *table = txn_table_new(16);
	struct dhcp_msg a = make_msg(1, DHCP_DISCOVER, 4, 5);
	struct dhcp_msg b = make_msg(1, DHCP_DISCOVER, 5, 5);
	struct dhcp_msg offer_b = make_msg(2, DHCP_OFFER, 5, 5);
	struct txn *ta, *tb;

	ta = txn_table_observe(table, &a, 1.0, 1, NULL, NULL);
	tb = txn_table_observe(table, &b, 1.0, 2, NULL, NULL);
	txn_table_observe(table, &offer_b, 1.5, 3, NULL, NULL);
	assert_ptr_not_equal(ta, tb);
	assert_int_equal(txn_table_count(table), 2);
	assert_true(txn_is_unanswered(ta, 5.0, 3.0));
	assert_false(txn_is_unanswered(tb, 5.0, 3.0));
	txn_table_free(table);
}

static void
test_release_and_decline_expect_no_answer(void **state)
{
	struct txn_table *table = txn_table_new(4);
	struct dhcp_msg rel = make_msg(1, DHCP_RELEASE, 6, 1);
	struct dhcp_msg dec = make_msg(1, DHCP_DECLINE, 6, 2);
	struct txn *t1, *t2;

	t1 = txn_table_observe(table, &rel, 1.0, 1, NULL, NULL);
	t2 = txn_table_observe(table, &dec, 1.0, 2, NULL, NULL);
	assert_false(txn_is_unanswered(t1, 60.0, 3.0));
	assert_false(txn_is_unanswered(t2, 60.0, 3.0));
	assert_true(txn_expects_answer(BOOTP_REQUEST, DHCP_NONE));
	assert_true(txn_expects_answer(BOOTP_REQUEST, DHCP_INFORM));
	assert_false(txn_expects_answer(BOOTP_REQUEST, DHCP_LEASEQUERY));
	assert_false(txn_expects_answer(BOOTP_REPLY, DHCP_ACK));
	txn_table_free(table);
}

static void
test_unknown_op_is_ignored(void **state)
{
	struct txn_table *table = txn_table_new(4);
	struct dhcp_msg m = make_msg(0, DHCP_NONE, 7, 1);

	assert_null(txn_table_observe(table, &m, 1.0, 1, NULL, NULL));
	assert_int_equal(txn_table_count(table), 0);
	txn_table_free(table);
}

static void
test_eviction_keeps_newest_and_bounds_memory(void **state)
{
	struct txn_table *table = txn_table_new(8);
	struct dhcp_msg d = make_msg(1, DHCP_DISCOVER, 8, 0);
	struct txn *t, *kept;
	uint32_t xid;

	for (xid = 1; xid <= 1000; xid++) {
		d.xid = xid;
		txn_table_observe(table, &d, xid, xid, NULL, NULL);
	}
	assert_int_equal(txn_table_count(table), 8);
	t = txn_table_oldest(table);
	assert_int_equal(t->xid, 993);
	for (kept = t; txn_newer(kept) != NULL; kept = txn_newer(kept))
		;
	assert_int_equal(kept->xid, 1000);

	assert_int_equal(txn_table_evicted_unanswered(table), 992);

	d.xid = 993;
	txn_table_observe(table, &d, 2000, 2000, NULL, NULL);
	d.xid = 5000;
	txn_table_observe(table, &d, 2001, 2001, NULL, NULL);
	assert_int_equal(txn_table_oldest(table)->xid, 995);
	txn_table_clear(table);
	assert_int_equal(txn_table_count(table), 0);
	assert_null(txn_table_oldest(table));
	txn_table_free(table);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_exchange_is_answered),
		cmocka_unit_test(test_unanswered_after_window),
		cmocka_unit_test(test_retry_answered_late_reports_each_latency),
		cmocka_unit_test(test_same_xid_other_client_is_separate),
		cmocka_unit_test(test_release_and_decline_expect_no_answer),
		cmocka_unit_test(test_unknown_op_is_ignored),
		cmocka_unit_test(test_eviction_keeps_newest_and_bounds_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

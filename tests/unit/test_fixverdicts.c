/* Rule units for the exchange, server and subnet verdicts, and their hold. */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diagnosis.h"
#include "model.h"
#include "verdict.h"

/* A message from client mac byte c (op 1) or the server (op 2). */
static struct dhcp_msg
make_msg(uint8_t op, uint8_t type, uint8_t c, uint32_t xid,
    const char *server)
{
	struct dhcp_msg m;

	memset(&m, 0, sizeof m);
	m.op = op;
	m.htype = 1;
	m.hlen = 6;
	m.xid = xid;
	m.msg_type = type;
	m.chaddr[0] = 0x52;
	m.chaddr[5] = c;
	if (server != NULL) {
		m.has_server_id = true;
		inet_pton(AF_INET, server, &m.server_id);
	}
	return m;
}

static void
feed(struct model *m, uint8_t op, uint8_t type, uint8_t c, uint32_t xid,
    const char *server, double t)
{
	struct dhcp_msg msg = make_msg(op, type, c, xid, server);

	txn_table_observe(m->txns, &msg, t, 0, NULL, NULL);
	if (t > m->now)
		m->now = t;
}

static int
setup(void **state)
{
	static struct model m;

	model_init(&m);
	m.iface.state = IFACE_UP;
	strcpy(m.iface.name, "bridge100");
	strcpy(m.iface.address, "192.168.64.1");
	*state = &m;
	return 0;
}

static int
teardown(void **state)
{
	model_free(*state);
	return 0;
}

/* Whether the verdicts of the model include id. */
static bool
has(const struct model *m, const char *id)
{
	struct verdict_list v;
	size_t i;

	verdicts_compute(m, &v);
	for (i = 0; i < v.count; i++)
		if (strcmp(v.items[i].id, id) == 0)
			return true;
	return false;
}

/* A healthy exchange: no exchange verdict, no foreign server. */
static void
test_healthy(void **state)
{
	struct model *m = *state;

	feed(m, 1, DHCP_DISCOVER, 1, 7, NULL, 100);
	feed(m, 2, DHCP_OFFER, 1, 7, "192.168.64.1", 100.1);
	feed(m, 1, DHCP_REQUEST, 1, 7, NULL, 100.2);
	feed(m, 2, DHCP_ACK, 1, 7, "192.168.64.1", 100.3);
	m->now = 110;
	assert_false(has(m, "offer-not-taken"));
	assert_false(has(m, "dhcp-nak"));
	assert_false(has(m, "foreign-dhcp-server"));
	assert_false(has(m, "subnet-overlap"));
	assert_false(has(m, "dhcp-unanswered"));
}

static void
test_offer_not_taken(void **state)
{
	struct model *m = *state;

	feed(m, 1, DHCP_DISCOVER, 2, 9, NULL, 100);
	feed(m, 2, DHCP_OFFER, 2, 9, "192.168.64.1", 100.1);
	m->now = 101;
	assert_false(has(m, "offer-not-taken"));	/* still in time */
	m->now = 104;
	assert_true(has(m, "offer-not-taken"));
	feed(m, 1, DHCP_DISCOVER, 2, 10, NULL, 105);
	feed(m, 2, DHCP_OFFER, 2, 10, "192.168.64.1", 105.1);
	feed(m, 1, DHCP_REQUEST, 2, 10, NULL, 105.2);
	feed(m, 2, DHCP_ACK, 2, 10, "192.168.64.1", 105.3);
	m->now = 110;
	assert_false(has(m, "offer-not-taken"));	/* taken later */
}

static void
test_nak(void **state)
{
	struct model *m = *state;

	feed(m, 1, DHCP_REQUEST, 3, 11, NULL, 100);
	feed(m, 2, DHCP_NAK, 3, 11, "192.168.64.1", 100.1);
	assert_true(has(m, "dhcp-nak"));
	m->now = 100.1 + 121;
	assert_false(has(m, "dhcp-nak"));		/* long ago */
}

static void
test_nak_then_ack(void **state)
{
	struct model *m = *state;

	feed(m, 1, DHCP_REQUEST, 3, 11, NULL, 100);
	feed(m, 2, DHCP_NAK, 3, 11, "192.168.64.1", 100.1);
	feed(m, 1, DHCP_DISCOVER, 3, 12, NULL, 101);
	feed(m, 2, DHCP_OFFER, 3, 12, "192.168.64.1", 101.1);
	feed(m, 1, DHCP_REQUEST, 3, 12, NULL, 101.2);
	feed(m, 2, DHCP_ACK, 3, 12, "192.168.64.1", 101.3);
	assert_false(has(m, "dhcp-nak"));
}

static void
test_foreign_server(void **state)
{
	struct model *m = *state;

	feed(m, 1, DHCP_DISCOVER, 4, 13, NULL, 100);
	feed(m, 2, DHCP_OFFER, 4, 13, "192.168.64.9", 100.1);
	assert_true(has(m, "foreign-dhcp-server"));
	m->iface.address[0] = '\0';	/* unknown address: no claim */
	assert_false(has(m, "foreign-dhcp-server"));
}

/* Add an interface address to the model's list. */
static void
netif(struct model *m, const char *name, const char *addr, const char *mask)
{
	struct netif *n = &m->netifs.items[m->netifs.count++];

	strcpy(n->name, name);
	inet_pton(AF_INET, addr, &n->addr);
	inet_pton(AF_INET, mask, &n->mask);
}

static void
test_subnet_overlap(void **state)
{
	struct model *m = *state;

	netif(m, "lo", "127.0.0.1", "255.0.0.0");
	netif(m, "bridge100", "192.168.2.1", "255.255.255.0");
	netif(m, "en0", "10.0.0.5", "255.255.255.0");
	assert_false(has(m, "subnet-overlap"));
	netif(m, "en1", "192.168.2.20", "255.255.0.0");
	assert_true(has(m, "subnet-overlap"));
}

/* The hold: shown at once, kept 5 s after the evidence goes. */
static void
test_hysteresis(void **state)
{
	struct diagnosis d;
	struct verdict_list fresh = { .count = 0 }, shown;

	diagnosis_init(&d, 5.0);
	fresh.items[0] = (struct verdict){ .id = "dhcp-unanswered",
	    .severity = SEVERITY_CRITICAL };
	fresh.items[1] = (struct verdict){ .id = "duplicate-ip",
	    .severity = SEVERITY_WARNING };
	fresh.count = 1;
	diagnosis_update(&d, &fresh, 10.0, &shown);
	assert_int_equal(shown.count, 1);
	assert_false(diagnosis_fading(&d, "dhcp-unanswered"));
	fresh.count = 0;
	diagnosis_update(&d, &fresh, 11.0, &shown);
	assert_int_equal(shown.count, 1);		/* held */
	assert_true(diagnosis_fading(&d, "dhcp-unanswered"));
	diagnosis_update(&d, &fresh, 14.9, &shown);
	assert_int_equal(shown.count, 1);
	diagnosis_update(&d, &fresh, 15.0, &shown);
	assert_int_equal(shown.count, 0);		/* gone */
}

/* Evidence that comes back within the hold never blinks; order holds. */
static void
test_hysteresis_flicker(void **state)
{
	struct diagnosis d;
	struct verdict_list on = { .count = 2 }, off = { .count = 1 }, shown;
	double t;

	diagnosis_init(&d, 5.0);
	on.items[0] = (struct verdict){ .id = "duplicate-ip",
	    .severity = SEVERITY_WARNING };
	on.items[1] = (struct verdict){ .id = "dhcp-unanswered",
	    .severity = SEVERITY_CRITICAL };
	off.items[0] = on.items[0];
	for (t = 0; t < 30; t += 1) {
		diagnosis_update(&d, (int)t % 3 == 2 ? &off : &on, t, &shown);
		assert_int_equal(shown.count, 2);
		assert_string_equal(shown.items[0].id, "dhcp-unanswered");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_healthy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offer_not_taken, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nak_then_ack, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_foreign_server, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_subnet_overlap, setup,
		    teardown),
		cmocka_unit_test(test_hysteresis),
		cmocka_unit_test(test_hysteresis_flicker),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

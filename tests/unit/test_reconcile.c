/* Rows: leases against running VM NICs and what the DHCP feed saw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <cmocka.h>

#include "leases.h"
#include "model.h"
#include "reconcile.h"
#include "txn.h"
#include "verdict.h"
#include "vms.h"

#define NOW		1800000000.0
#define ARGC(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define BRIDGE		htonl(0xc0a84001)	/* 192.168.64.1 */

struct fixture {
	struct lease_table	leases;
	struct vm_table		vms;
	struct txn_table	*txns;
	struct reconcile	r;
};

static int
setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof f);
	lease_table_init(&f.leases);
	vm_table_init(&f.vms);
	f.txns = txn_table_new(64);
	reconcile_init(&f.r);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	lease_table_free(&f->leases);
	vm_table_free(&f->vms);
	txn_table_free(f->txns);
	reconcile_free(&f->r);
	return 0;
}

static void
add_vm(struct fixture *f, int pid, int argc, char *const *argv)
{
	if (f->vms.count == f->vms.cap) {
		f->vms.cap = f->vms.cap ? f->vms.cap * 2 : 8;
		f->vms.items = realloc(f->vms.items,
		    f->vms.cap * sizeof *f->vms.items);
	}
	assert_int_equal(vm_parse_argv(&f->vms.items[f->vms.count], pid,
	    argc, argv), 0);
	f->vms.count++;
}

/* One DHCP message from or to the client mac (last byte given). */
static void
observe(struct fixture *f, uint8_t last, uint8_t type, uint32_t yiaddr,
    double t)
{
	struct dhcp_msg msg;

	memset(&msg, 0, sizeof msg);
	msg.op = type == 1 || type == 3 ? 1 : 2;
	msg.htype = 1;
	msg.hlen = 6;
	msg.xid = 0x1000 + last;
	memcpy(msg.chaddr, "\x52\x54\x00\x01\x8f", 5);
	msg.chaddr[5] = last;
	msg.has_cookie = true;
	msg.msg_type = type;
	msg.yiaddr = yiaddr;
	txn_table_observe(f->txns, &msg, t, 0, NULL, NULL);
}

static void
load(struct fixture *f, const char *text)
{
	assert_int_equal(lease_table_parse(&f->leases, text, strlen(text),
	    NOW), LEASE_PARSE_OK);
}

static void
run(struct fixture *f)
{
	reconcile_run(&f->r, &f->leases, &f->vms, f->txns, BRIDGE, NOW);
}

/* The row of a MAC's last byte (52:54:00:01:8f:XX), of a given kind. */
static const struct row *
row_of(const struct fixture *f, uint8_t last, bool vm)
{
	size_t i;

	for (i = 0; i < f->r.count; i++)
		if (f->r.rows[i].has_mac && f->r.rows[i].mac[5] == last &&
		    f->r.rows[i].mac[4] == 0x8f && (f->r.rows[i].vm >= 0) == vm)
			return &f->r.rows[i];
	fail_msg("no row for ...:%02x", last);
	return NULL;
}

/* The lab's cast: leased, blocked, two sharing, default MAC, stale. */
static void
test_statuses(void **state)
{
	struct fixture *f = *state;
	char *ok[] = { "qemu-system-x86_64", "-nic",
	    "tap,ifname=t1,script=no,downscript=no,model=virtio-net-pci,"
	    "mac=52:54:00:01:8f:aa" };
	char *blocked[] = { "qemu-system-x86_64", "-name", "g3", "-netdev",
	    "tap,id=n0,ifname=t3", "-device",
	    "virtio-net-pci,netdev=n0,mac=52:54:00:01:8f:ac" };
	char *twin1[] = { "qemu-system-x86_64", "-name", "g7", "-nic",
	    "tap,mac=52:54:00:01:8f:c7" };
	char *twin2[] = { "qemu-system-x86_64", "-name", "g8", "-nic",
	    "tap,mac=52:54:00:01:8f:c7" };
	char *dflt[] = { "qemu-system-x86_64", "-name", "d", "-nic", "tap" };
	char *silent[] = { "qemu-system-x86_64", "-nic",
	    "tap,mac=52:54:00:01:8f:ee" };
	const struct row *r;

	load(f, "1900000000 52:54:00:01:8f:aa 192.168.64.162 g1 *\n"
	    "1900000000 52:54:00:01:8f:c7 192.168.64.191 g7 *\n"
	    "1900000000 52:54:00:01:8f:d0 192.168.64.50 gone *\n"
	    "1700000000 52:54:00:01:8f:d1 192.168.64.51 old *\n");
	add_vm(f, 100, ARGC(ok), ok);
	add_vm(f, 101, ARGC(blocked), blocked);
	add_vm(f, 102, ARGC(twin1), twin1);
	add_vm(f, 103, ARGC(twin2), twin2);
	add_vm(f, 104, ARGC(dflt), dflt);
	add_vm(f, 105, ARGC(silent), silent);
	observe(f, 0xac, 1, 0, NOW - 30);
	run(f);

	r = row_of(f, 0xaa, true);
	assert_int_equal(r->status, ROW_OK);
	assert_int_equal(r->ip, htonl(0xc0a840a2));
	assert_string_equal(f->vms.items[0].label, "g1");
	r = row_of(f, 0xac, true);
	assert_int_equal(r->status, ROW_NO_LEASE);
	assert_true(r->dhcp_seen);
	assert_false(r->dhcp_answered);
	assert_int_equal(row_of(f, 0xc7, true)->status, ROW_DUPLICATE_MAC);
	assert_int_equal(row_of(f, 0xee, true)->status, ROW_NO_LEASE);
	assert_false(row_of(f, 0xee, true)->dhcp_seen);
	assert_int_equal(row_of(f, 0xd0, false)->status, ROW_STALE);
	assert_int_equal(row_of(f, 0xd1, false)->status, ROW_EXPIRED);
	assert_int_equal(f->r.rows[4].status, ROW_DEFAULT_MAC);
	assert_int_equal(f->r.count, 8);
	assert_int_equal(f->r.pool_size, 253);
	assert_int_equal(f->r.pool_used, 3);
	assert_false(f->r.pool_nearly_full);
}

/* Newest lease of several for one MAC wins; two MACs on one IP clash. */
static void
test_several_and_dup_ip(void **state)
{
	struct fixture *f = *state;
	char *vm[] = { "qemu-system-x86_64", "-nic",
	    "tap,mac=52:54:00:01:8f:ab" };

	load(f, "{\n\tname=new\n\tip_address=192.168.64.12\n"
	    "\thw_address=1,52:54:0:1:8f:ab\n\tlease=0x7fffff00\n}\n"
	    "{\n\tname=old\n\tip_address=192.168.64.4\n"
	    "\thw_address=1,52:54:0:1:8f:ab\n\tlease=0x61c92dad\n}\n"
	    "{\n\tname=other\n\tip_address=192.168.64.12\n"
	    "\thw_address=1,52:54:0:1:8f:ac\n\tlease=0x7fffff00\n}\n");
	add_vm(f, 200, ARGC(vm), vm);
	run(f);
	assert_int_equal(f->r.count, 3);
	assert_int_equal(f->r.rows[0].lease, 0);
	assert_int_equal(f->r.rows[0].status, ROW_DUPLICATE_IP);
	assert_int_equal(f->r.rows[1].status, ROW_EXPIRED);
	assert_int_equal(f->r.rows[2].status, ROW_DUPLICATE_IP);
}

/* A DUID lease is pinned to a MAC by the ACK the feed saw. */
static void
test_duid_pinned_by_ack(void **state)
{
	struct fixture *f = *state;
	char *vm[] = { "qemu-system-x86_64", "-nic",
	    "vmnet-shared,mac=52:54:00:01:8f:b0" };

	load(f, "{\n\tname=nixos\n\tip_address=192.168.64.30\n"
	    "\thw_address=ff,f1:f5:dd:7f:0:2:0:0:ab:11:b5:40\n"
	    "\tidentifier=ff,f1:f5:dd:7f:0:2:0:0:ab:11:b5:40\n"
	    "\tlease=0x7fffff00\n}\n"
	    "{\n\tip_address=192.168.64.31\n"
	    "\thw_address=ff,1:2:3:4:0:2:0:0:ab:11:b5:41\n"
	    "\tlease=0x7fffff00\n}\n");
	add_vm(f, 300, ARGC(vm), vm);
	run(f);
	assert_int_equal(f->r.rows[0].status, ROW_NO_LEASE);
	observe(f, 0xb0, 1, 0, NOW - 5);
	observe(f, 0xb0, 2, htonl(0xc0a8401e), NOW - 5);
	observe(f, 0xb0, 3, 0, NOW - 4);
	observe(f, 0xb0, 5, htonl(0xc0a8401e), NOW - 4);
	run(f);
	assert_int_equal(f->r.count, 2);
	assert_int_equal(f->r.rows[0].status, ROW_OK);
	assert_int_equal(f->r.rows[0].lease, 0);
	assert_string_equal(f->vms.items[0].label, "nixos");
	assert_int_equal(f->r.rows[1].status, ROW_LEASE_WITHOUT_MAC);
}

/* An ACK without a lease file still gives the NIC its address. */
static void
test_ack_without_lease(void **state)
{
	struct fixture *f = *state;
	char *vm[] = { "qemu-system-x86_64", "-nic",
	    "tap,mac=52:54:00:01:8f:b1" };

	add_vm(f, 301, ARGC(vm), vm);
	observe(f, 0xb1, 3, 0, NOW - 4);
	observe(f, 0xb1, 5, htonl(0xc0a84020), NOW - 4);
	run(f);
	assert_int_equal(f->r.rows[0].status, ROW_OK);
	assert_int_equal(f->r.rows[0].ip, htonl(0xc0a84020));
}

/* n unexpired leases in 192.168.64.0/24, from .2 up. */
static void
load_many(struct lease_table *t, size_t n)
{
	char *buf = calloc(n, 64);
	size_t len = 0, i;

	for (i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "0 52:54:00:03:00:%02zx "
		    "192.168.64.%zu * *\n", i, i + 2);
	assert_int_equal(lease_table_parse(t, buf, len, NOW),
	    LEASE_PARSE_OK);
	free(buf);
}

/* 220 of 253 addresses leased is not nearly full; 230 is. */
static void
test_pool(void **state)
{
	struct fixture *f = *state;

	load_many(&f->leases, 220);
	run(f);
	assert_int_equal(f->r.pool_used, 220);
	assert_false(f->r.pool_nearly_full);
	load_many(&f->leases, 230);
	run(f);
	assert_true(f->r.pool_nearly_full);
	assert_int_equal(f->r.subnet, htonl(0xc0a84000));
}

/* The verdicts the rows support, through the model. */
static void
test_verdicts(void **state)
{
	struct model m;
	struct verdict_list v;
	char *twin[] = { "qemu-system-x86_64", "-nic",
	    "tap,mac=52:54:00:01:8f:c7" };
	char *dflt[] = { "qemu-system-x86_64", "-nic", "tap" };
	char *quiet[] = { "qemu-system-x86_64", "-nic",
	    "tap,mac=52:54:00:01:8f:ee" };
	const char *text = "{\n\tip_address=192.168.64.30\n"
	    "\thw_address=ff,1:2:3:4:0:2:0:0:ab:11:b5:40\n"
	    "\tlease=0x7fffff00\n}\n";
	size_t i;
	int seen = 0;

	model_init(&m);
	m.iface.state = IFACE_UP;
	m.now = NOW;
	m.started = NOW - 60;	/* long enough for silence to tell */
	lease_table_parse(&m.leases.table, text, strlen(text), NOW);
	m.leases.state = LEASE_FILE_OK;
	m.vms.items = calloc(4, sizeof *m.vms.items);
	m.vms.cap = 4;
	vm_parse_argv(&m.vms.items[0], 1, ARGC(twin), twin);
	vm_parse_argv(&m.vms.items[1], 2, ARGC(twin), twin);
	vm_parse_argv(&m.vms.items[2], 3, ARGC(dflt), dflt);
	vm_parse_argv(&m.vms.items[3], 4, ARGC(quiet), quiet);
	m.vms.count = 4;
	reconcile_model(&m);
	verdicts_compute(&m, &v);
	for (i = 0; i < v.count; i++) {
		if (strcmp(v.items[i].id, "duplicate-mac") == 0 ||
		    strcmp(v.items[i].id, "default-mac") == 0 ||
		    strcmp(v.items[i].id, "vm-not-asking") == 0)
			seen++;
		if (strcmp(v.items[i].id, "lease-without-mac") == 0) {
			seen++;
			assert_non_null(strstr(v.items[i].summary,
			    "dhcp-identifier: mac"));
		}
	}
	assert_int_equal(seen, 4);

	m.started = NOW - 2;	/* just started, or just cleared with c */
	verdicts_compute(&m, &v);
	for (i = 0; i < v.count; i++)
		assert_string_not_equal(v.items[i].id, "vm-not-asking");
	model_free(&m);
}

/* A full pool is a verdict too. */
static void
test_pool_verdict(void **state)
{
	struct model m;
	struct verdict_list v;
	bool found = false;
	size_t i;

	model_init(&m);
	load_many(&m.leases.table, 240);
	reconcile_model(&m);
	assert_int_equal(m.recon.pool_used, 240);
	assert_true(m.recon.pool_nearly_full);
	verdicts_compute(&m, &v);
	for (i = 0; i < v.count; i++)
		found |= strcmp(v.items[i].id, "pool-exhaustion") == 0;
	assert_true(found);
	model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_statuses, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_several_and_dup_ip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_duid_pinned_by_ack, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_ack_without_lease, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pool, setup, teardown),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_pool_verdict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

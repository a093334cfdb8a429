/* Lease files: bootpd, dnsmasq and libvirt, and their watcher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <cmocka.h>

#include "leases.h"
#include "leasewatch.h"
#include "model.h"

#define NOW	1800000000.0 /* 2027-01-15, after every sample's lease */

static const uint8_t mac_9c[6] = { 0x52, 0x54, 0x00, 0x9c, 0x02, 0xd7 };
static const uint8_t mac_22[6] = { 0x22, 0xf0, 0x9d, 0x06, 0xcf, 0x32 };

/* Where a fixture of tests/fixtures/leases is. */
static void
fixture_path(char *path, size_t size, const char *name)
{
	const char *src = getenv("VMNW_SRCDIR");

	snprintf(path, size, "%s/tests/fixtures/leases/%s",
	    src != NULL ? src : ".", name);
}

/* Parse a fixture from tests/fixtures/leases into t. */
static enum lease_parse_result
parse_fixture(struct lease_table *t, const char *name)
{
	char path[1024];
	enum lease_parse_result r;
	FILE *f;
	char *buf;
	long len;

	fixture_path(path, sizeof path, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	lease_table_init(t);
	r = lease_table_parse(t, buf, (size_t)len, NOW);
	free(buf);
	return r;
}

static enum lease_parse_result
parse_text(struct lease_table *t, const char *text)
{
	lease_table_init(t);
	return lease_table_parse(t, text, strlen(text), NOW);
}

static void
test_hex_groups(void **state)
{
	uint8_t b[8];
	uint32_t ip;

	assert_int_equal(hwaddr_parse_hex("52:54:0:1:8f:aa", 15, ':', b, 8),
	    6);
	assert_int_equal(b[2], 0);
	assert_int_equal(b[3], 1);
	assert_int_equal(hwaddr_parse_hex("52:54:000:1", 11, ':', b, 8), -1);
	assert_int_equal(hwaddr_parse_hex("52:54:", 6, ':', b, 8), -1);
	assert_int_equal(hwaddr_parse_hex("52::54", 6, ':', b, 8), -1);
	assert_int_equal(hwaddr_parse_hex("5g", 2, ':', b, 8), -1);
	assert_int_equal(hwaddr_parse_hex("1:2:3", 5, ':', b, 2), -1);
	assert_int_equal(hwaddr_parse_mac("52-54-00-AB-cd-EF", 17, b), 0);
	assert_int_equal(b[3], 0xab);
	assert_int_equal(hwaddr_parse_mac("52-54:00-ab-cd-ef", 17, b), -1);
	assert_int_equal(hwaddr_parse_mac("52:54:00:ab:cd", 14, b), -1);
	assert_int_equal(hwaddr_parse_ipv4("192.168.64.5", 12, &ip), 0);
	assert_int_equal(hwaddr_parse_ipv4("192.168.64.256", 14, &ip), -1);
	assert_int_equal(hwaddr_parse_ipv4("192.168.64", 10, &ip), -1);
	assert_int_equal(hwaddr_parse_ipv4("1.2.3.4.5", 9, &ip), -1);
}

/* Unpadded hex, entries without name=, the xhyve trailing-zero case. */
static void
test_bootpd_common(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "bootpd-common"), LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_BOOTPD);
	assert_int_equal(t.count, 3);
	assert_string_equal(t.items[0].name, "primary");
	assert_true(t.items[0].has_mac);
	assert_memory_equal(t.items[0].mac, mac_9c, 6);
	assert_int_equal(t.items[0].id_len, 7);
	assert_int_equal(t.items[0].id[0], 1);
	assert_true(t.items[0].has_expiry);
	assert_true(t.items[0].expires == (double)0x61c92dad);
	assert_true(lease_is_expired(&t.items[0], NOW));
	assert_string_equal(t.items[1].name, "");
	assert_int_equal(t.items[1].ip, htonl(0xc0a80202));
	assert_memory_equal(t.items[2].mac, mac_22, 6);
	assert_false(lease_is_expired(&t.items[2], NOW));
	assert_int_equal(t.bad_lines, 0);
	lease_table_free(&t);
}

/* An ff, DUID entry has no MAC; an opaque 0, id keeps hw_address. */
static void
test_bootpd_duid_and_opaque(void **state)
{
	static const uint8_t real[6] = { 0xa4, 0xb5, 0xc6, 0xd7, 0xe8, 0xf9 };
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "bootpd-duid"), LEASE_PARSE_OK);
	assert_int_equal(t.count, 2);
	assert_false(t.items[0].has_mac);
	assert_int_equal(t.items[0].hw_type, 0xff);
	assert_int_equal(t.items[0].id[0], 0xff);
	assert_int_equal(t.items[0].id_len, 19);
	assert_int_equal(t.items[0].id[5], 0x00);
	assert_int_equal(t.items[0].id[7], 0x00);
	assert_int_equal(t.items[0].id[9], 0xab);
	assert_string_equal(t.items[0].name, "nixos");
	assert_true(t.items[1].has_mac);
	assert_memory_equal(t.items[1].mac, real, 6);
	assert_int_equal(t.items[1].id[0], 0);
	assert_int_equal(t.items[1].id_len, 8);
	assert_int_equal(t.items[1].id[1], 's');
	lease_table_free(&t);
}

static void
test_bootpd_order_crlf_unknown(void **state)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 1, 0x8f, 0xaa };
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "bootpd-reordered-crlf"),
	    LEASE_PARSE_OK);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].name, "renamed");
	assert_memory_equal(t.items[0].mac, mac, 6);
	assert_int_equal(t.items[0].ip, htonl(0xc0a84009));
	assert_true(t.items[0].expires == (double)0x7fffff00);
	lease_table_free(&t);
}

/* Several leases for one MAC are all kept, in file (newest first) order. */
static void
test_bootpd_several_per_mac(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "bootpd-multi"), LEASE_PARSE_OK);
	assert_int_equal(t.count, 3);
	assert_string_equal(t.items[0].name, "new");
	assert_string_equal(t.items[1].name, "old");
	assert_memory_equal(t.items[0].mac, t.items[1].mac, 6);
	assert_int_equal(t.items[1].order, 1);
	lease_table_free(&t);
}

static void
test_bootpd_cut(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "bootpd-cut"),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.count, 1);
	assert_non_null(strstr(t.error, "closing brace"));
	lease_table_free(&t);
}

/* Control characters in a name never survive. */
static void
test_bootpd_hostile_name(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_text(&t, "{\n\tname=\x1b[31mevil\x07\n"
	    "\tip_address=192.168.64.2\n}\n"), LEASE_PARSE_OK);
	assert_int_equal(t.count, 1);
	assert_null(strchr(t.items[0].name, 0x1b));
	assert_null(strchr(t.items[0].name, 0x07));
	assert_false(t.items[0].has_mac);
	lease_table_free(&t);
}

static void
test_isc_is_foreign(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "isc-dhcpd.leases"),
	    LEASE_PARSE_FOREIGN);
	assert_int_equal(t.format, LEASE_FORMAT_ISC);
	assert_int_equal(t.count, 0);
	assert_non_null(strstr(t.error, "ISC dhcpd"));
	lease_table_free(&t);
}

static void
test_dnsmasq(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "dnsmasq.leases"), LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_DNSMASQ);
	assert_int_equal(t.count, 4);
	assert_int_equal(t.bad_lines, 1);
	assert_false(t.items[0].has_expiry);
	assert_false(lease_is_expired(&t.items[0], NOW));
	assert_string_equal(t.items[0].name, "primary");
	assert_int_equal(t.items[0].id_len, 0);
	assert_int_equal(t.items[1].id[0], 0xff);
	assert_int_equal(t.items[1].id_len, 19);
	assert_true(t.items[1].has_mac);
	assert_false(t.items[2].has_mac);
	assert_int_equal(t.items[2].hw_type, 0x20);
	assert_string_equal(t.items[2].name, "");
	assert_true(t.items[3].expires == 1796444236.0);
	assert_int_equal(t.items[3].id_len, 7);
	lease_table_free(&t);
}

static void
test_dnsmasq_cut_and_duration(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "dnsmasq-cut.leases"),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.count, 1);
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "3600 52:54:00:01:02:03 10.0.0.2 "
	    "a *\n"), LEASE_PARSE_OK);
	assert_true(t.items[0].expires == NOW + 3600);
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "0 52:54:00:01:02:03 10.0.0.2\n"),
	    LEASE_PARSE_OK);
	assert_int_equal(t.count, 0);
	assert_int_equal(t.bad_lines, 1);
	lease_table_free(&t);
}

static void
test_libvirt(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "virbr0.status"), LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_LIBVIRT);
	assert_int_equal(t.count, 2);
	assert_true(t.items[0].has_expiry);
	assert_string_equal(t.items[0].name, "vm1");
	assert_false(t.items[1].has_expiry);
	assert_true(t.items[1].has_mac);
	assert_int_equal(t.items[1].id[0], 0xff);
	lease_table_free(&t);
	assert_int_equal(parse_fixture(&t, "virbr0-cut.status"),
	    LEASE_PARSE_PARTIAL);
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "[ 1, {\"ip-address\": 5} ]"),
	    LEASE_PARSE_OK);
	assert_int_equal(t.bad_lines, 2);
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "[ } ]"), LEASE_PARSE_ERROR);
	lease_table_free(&t);
}

static void
test_detect(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_text(&t, ""), LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_EMPTY);
	assert_int_equal(parse_text(&t, "\n  \n"), LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_EMPTY);
	assert_int_equal(parse_text(&t, "hello world\n"),
	    LEASE_PARSE_FOREIGN);
	assert_int_equal(t.format, LEASE_FORMAT_UNKNOWN);
	lease_table_free(&t);
}

/* JSON other than libvirt's array of leases is not taken for bootpd. */
static void
test_json_not_libvirt(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "json-object"),
	    LEASE_PARSE_FOREIGN);
	assert_int_equal(t.format, LEASE_FORMAT_UNKNOWN);
	assert_non_null(strstr(t.error, "not libvirt's status array"));
	assert_non_null(strstr(t.error, "an object"));
	lease_table_free(&t);
	assert_int_equal(parse_fixture(&t, "json-nested"),
	    LEASE_PARSE_FOREIGN);
	assert_int_equal(t.format, LEASE_FORMAT_UNKNOWN);
	assert_non_null(strstr(t.error, "no entry (of 3)"));
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "42\n"), LEASE_PARSE_FOREIGN);
	assert_int_equal(t.format, LEASE_FORMAT_UNKNOWN);
	assert_non_null(strstr(t.error, "a number"));
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "{\n}\n"), LEASE_PARSE_FOREIGN);
	assert_int_equal(t.format, LEASE_FORMAT_UNKNOWN);
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "[]\n"), LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_LIBVIRT);
	lease_table_free(&t);
	assert_int_equal(parse_text(&t, "{\n\tip_address=10.0.0.2\n}\n"),
	    LEASE_PARSE_OK);
	assert_int_equal(t.format, LEASE_FORMAT_BOOTPD);
	assert_int_equal(t.count, 1);
	lease_table_free(&t);
}

/* A CRLF file cut mid-line loses that line only, as an LF file does. */
static void
test_cut_crlf(void **state)
{
	struct lease_table t;

	assert_int_equal(parse_fixture(&t, "dnsmasq-cut-crlf.leases"),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.format, LEASE_FORMAT_DNSMASQ);
	assert_int_equal(t.count, 2);
	assert_int_equal(t.bad_lines, 0);
	assert_string_equal(t.items[1].name, "primary");
	assert_int_equal(t.items[1].id_len, 7);
	assert_non_null(strstr(t.error, "cut short"));
	lease_table_free(&t);
	assert_int_equal(parse_fixture(&t, "bootpd-cut-crlf"),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].name, "first");
	assert_true(t.items[0].has_mac);
	lease_table_free(&t);
}

/*
 * Read from disk, a cut file's complete lines fill an empty table, yet
 * never replace a table that a good read filled.
 */
static void
test_file_read_cut(void **state)
{
	char path[1024], why[LEASES_REASON_MAX];
	struct lease_table t;

	lease_table_init(&t);
	fixture_path(path, sizeof path, "dnsmasq-cut-crlf.leases");
	assert_int_equal(lease_file_read(&t, path, NOW, why, sizeof why),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.count, 2);
	assert_non_null(strstr(why, "cut short"));
	lease_table_free(&t);
	fixture_path(path, sizeof path, "dnsmasq-cut.leases");
	assert_int_equal(lease_file_read(&t, path, NOW, why, sizeof why),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.count, 1);
	lease_table_free(&t);

	fixture_path(path, sizeof path, "dnsmasq.leases");
	assert_int_equal(lease_file_read(&t, path, NOW, why, sizeof why),
	    LEASE_PARSE_OK);
	fixture_path(path, sizeof path, "bootpd-cut-crlf");
	assert_int_equal(lease_file_read(&t, path, NOW, why, sizeof why),
	    LEASE_PARSE_PARTIAL);
	assert_int_equal(t.format, LEASE_FORMAT_DNSMASQ);
	assert_int_equal(t.count, 4);
	lease_table_free(&t);
}

/* A file refused says why: too big (and how big), or not a file. */
static void
test_file_read_refused(void **state)
{
	char dir[] = "/tmp/vmnw-leases.XXXXXX", path[64];
	char why[LEASES_REASON_MAX];
	struct lease_table t;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	lease_table_init(&t);
	assert_int_equal(lease_file_read(&t, dir, NOW, why, sizeof why),
	    LEASE_PARSE_ERROR);
	assert_non_null(strstr(why, "is not a regular file"));

	snprintf(path, sizeof path, "%s/big", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), 41000000), 0);
	fclose(f);
	assert_int_equal(lease_file_read(&t, path, NOW, why, sizeof why),
	    LEASE_PARSE_ERROR);
	assert_non_null(strstr(why, "larger than 16 MiB (41 MB)"));
	assert_null(strstr(why, "regular"));
	assert_int_equal(t.count, 0);
	unlink(path);
	rmdir(dir);
}

/* A huge file: lines and entries are capped, and the caps are counted. */
static void
test_bounds(void **state)
{
	size_t n = LEASES_MAX + 100, i, len = 0;
	char *buf = malloc(n * 64 + LEASES_LINE_MAX + 64);
	struct lease_table t;

	memset(buf, 'x', LEASES_LINE_MAX + 10);
	len = LEASES_LINE_MAX + 10;
	buf[len++] = '\n';
	buf[0] = '1';
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len,
		    "0 52:54:00:%02zx:%02zx:%02zx 10.%zu.%zu.%zu * *\n",
		    i >> 16, (i >> 8) & 0xff, i & 0xff, i >> 16,
		    (i >> 8) & 0xff, i & 0xff);
	lease_table_init(&t);
	assert_int_equal(lease_table_parse(&t, buf, len, NOW),
	    LEASE_PARSE_OK);
	assert_int_equal(t.count, LEASES_MAX);
	assert_int_equal(t.dropped, 100);
	assert_int_equal(t.bad_lines, 1);
	free(buf);
	lease_table_free(&t);
}

static void
test_default_paths(void **state)
{
#if defined(__APPLE__)
	assert_string_equal(lease_default_path("bridge100"),
	    "/var/db/dhcpd_leases");
#else
	assert_string_equal(lease_default_path("virbr1"),
	    "/var/lib/libvirt/dnsmasq/virbr1.status");
	assert_string_equal(lease_default_path("mpqemubr0"),
	    "/var/snap/multipass/common/data/multipassd/network/"
	    "dnsmasq.leases");
	assert_string_equal(lease_default_path("incusbr0"),
	    "/var/lib/incus/networks/incusbr0/dnsmasq.leases");
	assert_non_null(strstr(lease_default_path("lxdbr0"),
	    "/networks/lxdbr0/dnsmasq.leases"));
	assert_null(lease_default_path("bridge100"));
#endif
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * The watcher: an in-place rewrite and a rename are both read; a cut
 * file never replaces the last good table, which is then stale.
 */
static void
test_watch(void **state)
{
	char dir[] = "/tmp/vmnw-leases.XXXXXX", path[64], tmp[64];
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct lease_watch *w;
	struct model m;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/leases", dir);
	snprintf(tmp, sizeof tmp, "%s/leases-", dir);
	model_init(&m);
	w = lease_watch_new(loop, &m, path);
	lease_watch_start(w);
	assert_int_equal(m.leases.state, LEASE_FILE_ABSENT);

	write_file(path, "0 52:54:00:01:02:03 10.0.0.2 a *\n");
	lease_watch_check(w);
	assert_int_equal(m.leases.state, LEASE_FILE_OK);
	assert_int_equal(m.leases.table.count, 1);

	write_file(path, "0 52:54:00:01:02:03 10.0.0.2 a *\n"
	    "0 52:54:00:01:02:04 10.0.0.3 b *\n0 52:54:00:01:02:05 10.0");
	lease_watch_check(w);
	assert_int_equal(m.leases.state, LEASE_FILE_STALE);
	assert_int_equal(m.leases.table.count, 1);
	assert_non_null(strstr(m.leases.reason, "cut short"));

	write_file(tmp, "{\n\tip_address=10.0.0.9\n\thw_address=1,52:54:0:"
	    "1:2:3\n}\n{\n\tip_address=10.0.0.8\n}\n");
	assert_int_equal(rename(tmp, path), 0);
	lease_watch_check(w);
	assert_int_equal(m.leases.state, LEASE_FILE_OK);
	assert_int_equal(m.leases.table.format, LEASE_FORMAT_BOOTPD);
	assert_int_equal(m.leases.table.count, 2);

	lease_watch_free(w);
	model_free(&m);
	ev_loop_destroy(loop);
	unlink(path);
	rmdir(dir);
}

/* An emptied file (dnsmasq truncates first) is believed on a second look. */
static void
test_watch_emptied(void **state)
{
	char dir[] = "/tmp/vmnw-leases.XXXXXX", path[64];
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct lease_watch *w;
	struct model m;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/leases", dir);
	write_file(path, "0 52:54:00:01:02:03 10.0.0.2 a *\n");
	model_init(&m);
	w = lease_watch_new(loop, &m, path);
	lease_watch_start(w);
	assert_int_equal(m.leases.table.count, 1);
	write_file(path, "");
	lease_watch_check(w);
	assert_int_equal(m.leases.table.count, 1);
	ev_run(loop, EVRUN_ONCE);
	assert_int_equal(m.leases.state, LEASE_FILE_OK);
	assert_int_equal(m.leases.table.count, 0);
	lease_watch_free(w);
	model_free(&m);
	ev_loop_destroy(loop);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_groups),
		cmocka_unit_test(test_bootpd_common),
		cmocka_unit_test(test_bootpd_duid_and_opaque),
		cmocka_unit_test(test_bootpd_order_crlf_unknown),
		cmocka_unit_test(test_bootpd_several_per_mac),
		cmocka_unit_test(test_bootpd_cut),
		cmocka_unit_test(test_bootpd_hostile_name),
		cmocka_unit_test(test_isc_is_foreign),
		cmocka_unit_test(test_dnsmasq),
		cmocka_unit_test(test_dnsmasq_cut_and_duration),
		cmocka_unit_test(test_libvirt),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_json_not_libvirt),
		cmocka_unit_test(test_cut_crlf),
		cmocka_unit_test(test_file_read_cut),
		cmocka_unit_test(test_file_read_refused),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_default_paths),
		cmocka_unit_test(test_watch),
		cmocka_unit_test(test_watch_emptied),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests for the packet detail view: each layer, every interpreted
 * option, problems reported where they sit, and a long run of mutated
 * frames through every decoder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "describe.h"
#include "dhcp.h"
#include "frame.h"

#define LINES_MAX	512
#define LINE_LEN	2048

/* The lines one describe_frame() call produced. */
struct lines {
	char	text[LINES_MAX][LINE_LEN];
	int	indent[LINES_MAX];
	size_t	n;
};

/* A frame under construction. */
struct buf {
	uint8_t	b[2048];
	size_t	len;
};

static struct lines out;

static const uint8_t src_mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };

/* Collect a line; no line may carry a control byte. */
static void
collect(void *ctx, int indent, const char *text)
{
	struct lines *l = ctx;
	const unsigned char *s;

	for (s = (const unsigned char *)text; *s != '\0'; s++)
		assert_true(*s >= 0x20 && *s != 0x7f);
	assert_true(indent >= 0 && indent < 8);
	if (l->n < LINES_MAX) {
		snprintf(l->text[l->n], LINE_LEN, "%s", text);
		l->indent[l->n] = indent;
		l->n++;
	}
}

/* Describe an exact-size heap copy of the frame into out. */
static void
describe_n(int dlt, const struct buf *f, size_t n)
{
	uint8_t *copy = malloc(n == 0 ? 1 : n);

	memcpy(copy, f->b, n);
	out.n = 0;
	describe_frame(dlt, copy, n, collect, &out);
	free(copy);
}

/* Describe the whole frame. */
static void
describe(int dlt, const struct buf *f)
{
	describe_n(dlt, f, f->len);
}

/* The index of the first line containing s, or -1. */
static int
find(const char *s)
{
	size_t i;

	for (i = 0; i < out.n; i++) {
		if (strstr(out.text[i], s) != NULL)
			return (int)i;
	}
	return -1;
}

/* Fail with the whole description when a line is missing. */
static void
expect_line(const char *s)
{
	size_t i;

	if (find(s) >= 0)
		return;
	for (i = 0; i < out.n; i++)
		printf("# %*s%s\n", out.indent[i] * 2, "", out.text[i]);
	fail_msg("no line contains \"%s\"", s);
}

/* Append bytes. */
static void
buf_add(struct buf *f, const void *p, size_t n)
{
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

/* Append one option. */
static void
buf_opt(struct buf *f, uint8_t code, uint8_t len, const void *val)
{
	f->b[f->len++] = code;
	f->b[f->len++] = len;
	buf_add(f, val, len);
}

/*
 * Ethernet, IPv4 and UDP 68 > 67, then a BOOTP request with the cookie;
 * the caller appends options and calls buf_finish().
 */
static void
buf_dhcp(struct buf *f, uint8_t op)
{
	memset(f, 0, sizeof *f);
	memset(f->b, 0xff, 6);
	memcpy(f->b + 6, src_mac, 6);
	f->b[12] = 0x08;
	f->b[14] = 0x45;
	f->b[22] = 64;
	f->b[23] = 17;
	f->b[35] = 68;
	f->b[37] = 67;
	f->b[42] = op;
	f->b[43] = 1;
	f->b[44] = 6;
	memcpy(f->b + 46, "\x12\x34\x56\x78", 4);
	memcpy(f->b + 42 + 28, src_mac, 6);
	memcpy(f->b + 42 + 236, "\x63\x82\x53\x63", 4);
	f->len = 42 + 240;
}

/* Set the IP and UDP lengths from the frame's length. */
static void
buf_finish(struct buf *f, size_t ip_at)
{
	size_t ip = f->len - ip_at, udp = ip - 20;

	f->b[ip_at + 2] = (uint8_t)(ip >> 8);
	f->b[ip_at + 3] = (uint8_t)ip;
	f->b[ip_at + 24] = (uint8_t)(udp >> 8);
	f->b[ip_at + 25] = (uint8_t)udp;
}

/* A DISCOVER with the usual options, ended. */
static void
buf_discover(struct buf *f)
{
	buf_dhcp(f, 1);
	buf_opt(f, 53, 1, "\x01");
	buf_opt(f, 61, 7, "\x01\x52\x54\x00\xaa\xbb\xcc");
	buf_opt(f, 12, 4, "vm-1");
	buf_opt(f, 55, 5, "\x01\x03\x06\x0f\x77");
	f->b[f->len++] = 255;
	buf_finish(f, 14);
}

/* Every layer of a clean DISCOVER. */
static void
test_clean_discover(void **state)
{
	struct buf f;

	(void)state;
	buf_discover(&f);
	describe(1, &f);
	expect_line("Ethernet: 52:54:00:aa:bb:cc > ff:ff:ff:ff:ff:ff");
	expect_line("IPv4: 0.0.0.0 > 0.0.0.0, proto 17 (UDP)");
	expect_line("ttl 64");
	expect_line("flags [none], fragment offset 0");
	expect_line("UDP: port 68 > 67");
	expect_line("op 1 (request), htype 1 (Ethernet), hlen 6, hops 0");
	expect_line("xid 0x12345678");
	expect_line("Client-Ethernet-Address 52:54:00:aa:bb:cc");
	expect_line("Your-IP 0.0.0.0");
	expect_line("Magic Cookie 0x63825363");
	expect_line("DHCP-Message (53), length 1: DISCOVER");
	expect_line("Client-ID (61), length 7: ether 52:54:00:aa:bb:cc");
	expect_line("Hostname (12), length 4: \"vm-1\"");
	expect_line("Parameter-Request (55), length 5");
	expect_line("Subnet-Mask (1), Default-Gateway (3), "
	    "Domain-Name-Server (6), Domain-Name (15)");
	expect_line("Domain-Search (119)");
	expect_line("END (255)");
	assert_int_equal(find("problem"), -1);
}

/* Each interpreted option, and the rest in hex. */
static void
test_options_interpreted(void **state)
{
	static const uint8_t search[] = {
		3, 'l', 'a', 'b', 0, 3, 'v', 'm', 's', 0xc0, 0,
	};
	static const uint8_t routes[] = {
		24, 10, 1, 2, 10, 0, 0, 1, 0, 10, 0, 0, 254,
	};
	static const uint8_t relay[] = {
		1, 4, 'p', 'o', 'r', 't', 2, 2, 0xbe, 0xef, 9, 1, 0,
	};
	struct buf f;

	(void)state;
	buf_dhcp(&f, 2);
	buf_opt(&f, 53, 1, "\x05");
	buf_opt(&f, 1, 4, "\xff\xff\xff\x00");
	buf_opt(&f, 3, 8, "\x0a\x00\x00\x01\x0a\x00\x00\x02");
	buf_opt(&f, 6, 4, "\x0a\x00\x00\x35");
	buf_opt(&f, 15, 3, "lab");
	buf_opt(&f, 28, 4, "\x0a\x00\x00\xff");
	buf_opt(&f, 42, 4, "\x0a\x00\x00\x7b");
	buf_opt(&f, 50, 4, "\x0a\x00\x00\x05");
	buf_opt(&f, 51, 4, "\x00\x00\x0e\x10");
	buf_opt(&f, 54, 4, "\x0a\x00\x00\x01");
	buf_opt(&f, 57, 2, "\x05\xdc");
	buf_opt(&f, 58, 4, "\xff\xff\xff\xff");
	buf_opt(&f, 59, 4, "\x00\x00\x0c\x4e");
	buf_opt(&f, 60, 9, "PXEClient");
	buf_opt(&f, 61, 11, "\xff\x00\x00\x00\x01\x00\x04\xde\xad\xbe\xef");
	buf_opt(&f, 81, 7, "\x05\x00\x00\x02vm\x00");
	buf_opt(&f, 82, sizeof relay, relay);
	buf_opt(&f, 119, sizeof search, search);
	buf_opt(&f, 121, sizeof routes, routes);
	buf_opt(&f, 43, 2, "\x01\x02");
	buf_opt(&f, 200, 2, "\xab\xcd");
	f.b[f.len++] = 255;
	buf_finish(&f, 14);
	describe(1, &f);

	expect_line("DHCP-Message (53), length 1: ACK");
	expect_line("Subnet-Mask (1), length 4: 255.255.255.0");
	expect_line("Default-Gateway (3), length 8: 10.0.0.1,10.0.0.2");
	expect_line("Domain-Name-Server (6), length 4: 10.0.0.53");
	expect_line("Domain-Name (15), length 3: \"lab\"");
	expect_line("BR (28), length 4: 10.0.0.255");
	expect_line("NTP (42), length 4: 10.0.0.123");
	expect_line("Requested-IP (50), length 4: 10.0.0.5");
	expect_line("Lease-Time (51), length 4: 3600");
	expect_line("Server-ID (54), length 4: 10.0.0.1");
	expect_line("MSZ (57), length 2: 1500");
	expect_line("RN (58), length 4: infinite");
	expect_line("RB (59), length 4: 3150");
	expect_line("Vendor-Class (60), length 9: \"PXEClient\"");
	expect_line("IAID 0x00000001, DUID 0x0004deadbeef");
	expect_line("FQDN (81), length 7: flags 0x05 [SE], \"vm.\"");
	expect_line("Circuit-ID (1), length 4: \"port\"");
	expect_line("Remote-ID (2), length 2: 0xbeef");
	expect_line("Sub-option (9), length 1: 0x00");
	expect_line("lab.");
	expect_line("vms.lab.");
	expect_line("10.1.2.0/24 via 10.0.0.1");
	expect_line("0.0.0.0/0 via 10.0.0.254");
	expect_line("Vendor-Option (43), length 2: 0x0102");
	expect_line("Unknown (200), length 2: 0xabcd");
	assert_int_equal(find("problem"), -1);
}

/* PAD runs are summarised, and what follows END is accounted for. */
static void
test_pad_runs_and_end(void **state)
{
	struct buf f;

	(void)state;
	buf_dhcp(&f, 1);
	memset(f.b + f.len, 0, 5);
	f.len += 5;
	buf_opt(&f, 53, 1, "\x03");
	f.b[f.len++] = 0;
	f.b[f.len++] = 255;
	memset(f.b + f.len, 0, 7);
	f.len += 7;
	buf_finish(&f, 14);
	describe(1, &f);
	expect_line("PAD (0), 5 bytes");
	expect_line("PAD (0)");
	expect_line("END (255)");
	expect_line("7 bytes of padding after END");
}

/* Problems are named where they are found. */
static void
test_problems_in_place(void **state)
{
	struct buf f;
	int at;

	(void)state;
	buf_dhcp(&f, 1);
	buf_opt(&f, 53, 1, "\x01");
	f.b[f.len++] = 12;
	f.b[f.len++] = 200;
	buf_add(&f, "vm", 2);
	buf_finish(&f, 14);
	describe(1, &f);
	at = find("length goes past end of packet");
	assert_true(at > find("DHCP-Message"));
	expect_line("problem: Hostname (12): length goes past end");

	buf_dhcp(&f, 1);
	buf_opt(&f, 53, 1, "\x01");
	buf_opt(&f, 50, 3, "\x01\x02\x03");
	buf_opt(&f, 57, 2, "\x00\x10");
	buf_opt(&f, 61, 1, "\x01");
	buf_finish(&f, 14);
	describe(1, &f);
	expect_line("Requested-IP (50), length 3: 0x010203");
	expect_line("problem: length should be 4");
	expect_line("problem: maximum size below 576");
	expect_line("problem: length below 2");
	expect_line("problem: no END option in packet");
}

/* Header problems: cookie, hlen, and cuts in the fixed part. */
static void
test_header_problems(void **state)
{
	struct buf f;

	(void)state;
	buf_discover(&f);
	f.b[42 + 236] = 0;
	describe(1, &f);
	expect_line("problem: magic cookie 0x00825363 is not 0x63825363");
	assert_int_equal(find("DHCP-Message"), -1);

	buf_discover(&f);
	f.b[44] = 20;
	describe(1, &f);
	expect_line("problem: hlen 20 is above 16");
	expect_line("Client-Hardware-Address 52:54:00:aa:bb:cc:00:00");

	buf_discover(&f);
	describe_n(1, &f, 42 + 11);
	expect_line("secs 0");
	expect_line("problem: BOOTP header cut at byte 11");
	assert_int_equal(find("flags 0x"), -1);
	describe_n(1, &f, 42 + 200);
	expect_line("problem: UDP length goes past end of packet");
	expect_line("problem: BOOTP message cut at byte 200");
}

/* Overloaded sname and file are walked as option areas. */
static void
test_overload(void **state)
{
	struct buf f;

	(void)state;
	buf_dhcp(&f, 2);
	memcpy(f.b + 42 + 108, "\x0c\x02vm\xff", 5);
	memcpy(f.b + 42 + 44, "\x34\x01\x01\x0f\x03lab", 8);
	buf_opt(&f, 53, 1, "\x02");
	buf_opt(&f, 52, 1, "\x03");
	buf_opt(&f, 52, 1, "\x01");
	f.b[f.len++] = 255;
	buf_finish(&f, 14);
	describe(1, &f);
	expect_line("Server-Name: holds options (overload)");
	expect_line("Boot-File: holds options (overload)");
	expect_line("Option-Overload (52), length 1: file and sname hold");
	expect_line("problem: overload option repeated: ignored");
	expect_line("Options in the file field (overload):");
	expect_line("Hostname (12), length 2: \"vm\"");
	expect_line("Options in the sname field (overload):");
	expect_line("problem: overload inside sname or file: ignored");
	expect_line("Domain-Name (15), length 3: \"lab\"");
	expect_line("problem: no END option in sname field");
	assert_true(find("Options in the file") < find("Options in the sname"));
}

/* Strings are sanitised: escapes and bidi controls come out inert. */
static void
test_hostile_strings(void **state)
{
	struct buf f;

	(void)state;
	buf_dhcp(&f, 1);
	memcpy(f.b + 42 + 44, "srv\x1b[2J", 7);
	memset(f.b + 42 + 108, 'F', 128);
	buf_opt(&f, 12, 12, "\x1b]0;x\x07\xe2\x80\xae" "ab\x9b");
	f.b[f.len++] = 255;
	buf_finish(&f, 14);
	describe(1, &f);
	expect_line("Server-Name \"srv^[[2J\"");
	expect_line("(not NUL-terminated)");
	expect_line("\"^[]0;x^G\\u{202e}ab\\x9b\"");
}

/* A compression loop in option 119 ends with a problem, not a hang. */
static void
test_domain_search_loop(void **state)
{
	static const uint8_t loop[] = { 1, 'a', 0xc0, 0 };
	struct buf f;

	(void)state;
	buf_dhcp(&f, 2);
	buf_opt(&f, 119, sizeof loop, loop);
	buf_opt(&f, 121, 6, "\x21\x00\x00\x00\x00\x00");
	f.b[f.len++] = 255;
	buf_finish(&f, 14);
	describe(1, &f);
	expect_line("problem: bad name encoding at byte 0");
	expect_line("problem: bad route at byte 0");
}

/* The link layers, VLAN tags, IPv4 options and fragments. */
static void
test_link_layers(void **state)
{
	struct buf f, g;

	(void)state;
	buf_discover(&f);
	g.len = 0;
	buf_add(&g, f.b, 12);
	buf_add(&g, "\x88\xa8\x00\x0a\x81\x00\x60\x14", 8);
	buf_add(&g, f.b + 12, f.len - 12);
	describe(1, &g);
	expect_line("802.1ad tag: VLAN 10, priority 0");
	expect_line("802.1Q tag: VLAN 20, priority 3");
	expect_line("DHCP-Message (53), length 1: DISCOVER");

	g.len = 0;
	buf_add(&g, "\x02\x00\x00\x00", 4);
	buf_add(&g, f.b + 14, f.len - 14);
	describe(0, &g);
	expect_line("Loopback (link type 0): family 0x02000000");
	expect_line("DISCOVER");
	describe(108, &g);
	expect_line("Loopback (link type 108)");
	g.len = 0;
	buf_add(&g, f.b + 14, f.len - 14);
	describe(101, &g);
	expect_line("Raw IP (link type 101)");
	expect_line("DISCOVER");
	describe(147, &g);
	expect_line("Link type 147: not decoded");

	g.len = 0;
	buf_add(&g, "\x00\x00\x00\x01\x00\x06", 6);
	buf_add(&g, src_mac, 6);
	buf_add(&g, "\x00\x00\x08\x00", 4);
	buf_add(&g, f.b + 14, f.len - 14);
	describe(113, &g);
	expect_line("Linux cooked v1: packet type 0, source 52:54:00:aa:bb:cc");
	expect_line("DISCOVER");
}

/* IPv4 with options, and fragments. */
static void
test_ipv4_details(void **state)
{
	struct buf f, g;

	(void)state;
	buf_discover(&f);
	g.len = 0;
	buf_add(&g, f.b, 34);
	buf_add(&g, "\x94\x04\x00\x00", 4);
	buf_add(&g, f.b + 34, f.len - 34);
	g.b[14] = 0x46;
	buf_finish(&g, 14);
	g.b[14 + 24] = 0;		/* UDP length sits 4 bytes later */
	g.b[14 + 25] = 0;
	g.b[14 + 28] = (uint8_t)((g.len - 38) >> 8);
	g.b[14 + 29] = (uint8_t)(g.len - 38);
	describe(1, &g);
	expect_line("header 24 bytes");
	expect_line("IP options, 4 bytes: 0x94040000");
	expect_line("DISCOVER");

	f.b[20] = 0x20;
	describe(1, &f);
	expect_line("flags [MF], fragment offset 0");
	expect_line("DISCOVER");
	f.b[21] = 0x10;
	describe(1, &f);
	expect_line("fragment offset 128");
	expect_line("a later fragment: not decoded further");
	assert_int_equal(find("BOOTP"), -1);
}

/* Every prefix of a rich frame, under each link type. */
static void
test_truncation_every_offset(void **state)
{
	struct buf f;
	size_t n;

	(void)state;
	buf_dhcp(&f, 2);
	memcpy(f.b + 42 + 108, "\x0c\x02vm\xff", 5);
	buf_opt(&f, 53, 1, "\x05");
	buf_opt(&f, 52, 1, "\x01");
	buf_opt(&f, 82, 6, "\x01\x01" "a" "\x02\x01" "b");
	buf_opt(&f, 119, 5, "\x03lab\x00");
	buf_opt(&f, 121, 5, "\x00\x0a\x00\x00\x01");
	buf_opt(&f, 81, 6, "\x04\x00\x00\x01x\x00");
	f.b[f.len++] = 255;
	buf_finish(&f, 14);
	describe(1, &f);
	expect_line("FQDN (81), length 6: flags 0x04 [E], \"x.\"");
	for (n = 0; n <= f.len; n++) {
		describe_n(1, &f, n);
		assert_true(out.n > 0);
	}
	assert_int_equal(find("problem"), -1);
}

/* A small deterministic generator for the mutation run. */
static uint32_t
rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Drop the lines: the mutation run checks safety, not content. */
static void
discard(void *ctx, int indent, const char *text)
{
	const unsigned char *s;

	(void)ctx;
	(void)indent;
	for (s = (const unsigned char *)text; *s != '\0'; s++)
		assert_true(*s >= 0x20 && *s != 0x7f);
}

/* One mutated frame through frame_decode, dhcp_decode and describe. */
static void
mutate_once(const struct buf *base, uint32_t *seed, int dlt)
{
	uint8_t *copy;
	struct dhcp_msg m;
	struct frame fr;
	size_t len = base->len, i, edits;

	copy = malloc(len);
	memcpy(copy, base->b, len);
	edits = 1 + rng_next(seed) % 8;
	for (i = 0; i < edits; i++)
		copy[rng_next(seed) % len] = (uint8_t)rng_next(seed);
	if (rng_next(seed) % 4 == 0)
		len = rng_next(seed) % len;

	if (frame_decode(dlt, copy, len, &fr) == FRAME_UDP ||
	    fr.payload != NULL)
		dhcp_decode(fr.payload, fr.payload_len, &m);
	describe_frame(dlt, copy, len, discard, NULL);
	free(copy);
}

/* 20000 mutations of a valid frame, fixed seed: no crash, no overread. */
static void
test_mutations(void **state)
{
	struct buf f;
	uint32_t seed = 0x5eed1234;
	int i;

	(void)state;
	buf_dhcp(&f, 1);
	memcpy(f.b + 42 + 44, "\x0c\x02vm\xff", 5);
	buf_opt(&f, 53, 1, "\x03");
	buf_opt(&f, 52, 1, "\x03");
	buf_opt(&f, 61, 7, "\x01\x52\x54\x00\xaa\xbb\xcc");
	buf_opt(&f, 82, 6, "\x01\x01" "a" "\x02\x01" "b");
	buf_opt(&f, 119, 7, "\x03lab\x00\xc0\x00");
	buf_opt(&f, 121, 5, "\x00\x0a\x00\x00\x01");
	buf_opt(&f, 81, 5, "\x04\x00\x00\x01x");
	buf_opt(&f, 55, 4, "\x01\x03\x00\xff");
	f.b[f.len++] = 255;
	buf_finish(&f, 14);
	for (i = 0; i < 20000; i++)
		mutate_once(&f, &seed, i % 10 == 0 ? 113 : 1);
}

/* Run the cases; the harness asks for TAP through the environment. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_discover),
		cmocka_unit_test(test_options_interpreted),
		cmocka_unit_test(test_pad_runs_and_end),
		cmocka_unit_test(test_problems_in_place),
		cmocka_unit_test(test_header_problems),
		cmocka_unit_test(test_overload),
		cmocka_unit_test(test_hostile_strings),
		cmocka_unit_test(test_domain_search_loop),
		cmocka_unit_test(test_link_layers),
		cmocka_unit_test(test_ipv4_details),
		cmocka_unit_test(test_truncation_every_offset),
		cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

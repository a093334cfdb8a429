/*
 * Unit tests for the link, IPv4 and UDP layers: every link type we
 * read, VLAN tags, IPv4 options, fragments, lengths that disagree with
 * the capture, and truncation at every byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frame.h"

/* A frame under construction. */
struct buf {
	uint8_t	b[2048];
	size_t	len;
};

static const uint8_t src_mac[6] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };
static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t payload[] = "BOOTP-PAYLOAD-0123456789";

#define PAYLOAD_LEN	(sizeof payload - 1)

/* Append bytes. */
static void
buf_add(struct buf *f, const void *p, size_t n)
{
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

/* Append a big-endian 16-bit value. */
static void
buf_add16(struct buf *f, uint16_t v)
{
	f->b[f->len++] = (uint8_t)(v >> 8);
	f->b[f->len++] = (uint8_t)v;
}

/* Ethernet header with an EtherType. */
static void
buf_ether(struct buf *f, uint16_t type)
{
	buf_add(f, bcast, 6);
	buf_add(f, src_mac, 6);
	buf_add16(f, type);
}

/* A VLAN tag: TPID was written as the type before; TCI, next type. */
static void
buf_tag(struct buf *f, uint16_t tci, uint16_t next)
{
	buf_add16(f, tci);
	buf_add16(f, next);
}

/*
 * IPv4 with optlen bytes of options, then UDP 68 > 67 and the payload.
 * frag is the flags and offset field.
 */
static void
buf_ipv4_udp(struct buf *f, size_t optlen, uint16_t frag, uint8_t proto)
{
	size_t hlen = 20 + optlen;
	uint16_t udplen = (uint16_t)(8 + PAYLOAD_LEN);
	uint8_t *ip = f->b + f->len;

	memset(ip, 0, hlen);
	ip[0] = (uint8_t)(0x40 | hlen / 4);
	ip[2] = (uint8_t)((hlen + udplen) >> 8);
	ip[3] = (uint8_t)(hlen + udplen);
	ip[6] = (uint8_t)(frag >> 8);
	ip[7] = (uint8_t)frag;
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, "\x0a\x00\x00\x01", 4);
	memcpy(ip + 16, "\xff\xff\xff\xff", 4);
	if (optlen > 0)
		ip[20] = 0x94;		/* router alert, then zeros */
	f->len += hlen;
	buf_add16(f, 68);
	buf_add16(f, 67);
	buf_add16(f, udplen);
	buf_add16(f, 0);
	buf_add(f, payload, PAYLOAD_LEN);
}

/* Decode an exact-size heap copy, so ASan sees any read past it. */
static enum frame_result
decode_n(int dlt, const struct buf *f, size_t n, struct frame *out)
{
	uint8_t *copy = malloc(n == 0 ? 1 : n);
	enum frame_result r;

	memcpy(copy, f->b, n);
	r = frame_decode(dlt, copy, n, out);
	free(copy);
	return r;
}

/* Decode and check the UDP layer of a frame built by buf_ipv4_udp(). */
static void
expect_udp(int dlt, const struct buf *f)
{
	struct frame fr;

	assert_int_equal(frame_decode(dlt, f->b, f->len, &fr), FRAME_UDP);
	assert_int_equal(fr.src_port, 68);
	assert_int_equal(fr.dst_port, 67);
	assert_memory_equal(&fr.src_ip, "\x0a\x00\x00\x01", 4);
	assert_memory_equal(&fr.dst_ip, "\xff\xff\xff\xff", 4);
	assert_int_equal(fr.payload_len, PAYLOAD_LEN);
	assert_memory_equal(fr.payload, payload, PAYLOAD_LEN);
	assert_false(fr.payload_cut);
	assert_true(frame_is_dhcp(&fr));
}

/* Every prefix shorter than the headers is TRUNCATED, never a crash. */
static void
expect_prefixes(int dlt, const struct buf *f)
{
	size_t hdr = f->len - PAYLOAD_LEN, n;
	struct frame fr;

	for (n = 0; n < f->len; n++) {
		enum frame_result r = decode_n(dlt, f, n, &fr);

		if (n < hdr) {
			assert_int_equal(r, FRAME_TRUNCATED);
			continue;
		}
		assert_int_equal(r, FRAME_UDP);
		assert_int_equal(fr.payload_len, n - hdr);
		assert_true(fr.payload_cut);
	}
	assert_int_equal(decode_n(dlt, f, f->len, &fr), FRAME_UDP);
	assert_false(fr.payload_cut);
}

/* Plain Ethernet II. */
static void
test_ethernet(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	expect_udp(1, &f);
	frame_decode(1, f.b, f.len, &fr);
	assert_true(fr.has_macs);
	assert_memory_equal(fr.src_mac, src_mac, 6);
	assert_memory_equal(fr.dst_mac, bcast, 6);
	assert_int_equal(fr.vlan, 0);
	expect_prefixes(1, &f);
}

/* One 802.1Q tag. */
static void
test_vlan_8021q(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x8100);
	buf_tag(&f, 0x6000 | 100, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	expect_udp(1, &f);
	frame_decode(1, f.b, f.len, &fr);
	assert_int_equal(fr.vlan, 100);
	expect_prefixes(1, &f);
}

/* 802.1ad outer tag over 802.1Q, and a third tag: outer id kept. */
static void
test_vlan_stacked(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x88a8);
	buf_tag(&f, 4000, 0x8100);
	buf_tag(&f, 0x1000 | 20, 0x8100);
	buf_tag(&f, 30, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	expect_udp(1, &f);
	frame_decode(1, f.b, f.len, &fr);
	assert_int_equal(fr.vlan, 4000);
	expect_prefixes(1, &f);

	/* Tags that never end run into the end of the capture. */
	f.len = 0;
	buf_ether(&f, 0x8100);
	while (f.len < 200)
		buf_tag(&f, 1, 0x8100);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_TRUNCATED);
}

/* Ethernet carrying something else. */
static void
test_ethernet_not_ipv4(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0806);
	buf_ipv4_udp(&f, 0, 0, 17);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);
	f.len = 0;
	buf_ether(&f, 0x86dd);
	buf_ipv4_udp(&f, 0, 0, 17);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);

	/* EtherType says IPv4, the version nibble says 6. */
	f.len = 0;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	f.b[14] = 0x65;
	assert_int_equal(frame_decode(1, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);
}

/* Linux cooked v1: 16 bytes, source address only. */
static void
test_linux_sll(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_add16(&f, 1);		/* broadcast */
	buf_add16(&f, 1);		/* ARPHRD_ETHER */
	buf_add16(&f, 6);
	buf_add(&f, src_mac, 6);
	buf_add16(&f, 0);
	buf_add16(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	expect_udp(113, &f);
	frame_decode(113, f.b, f.len, &fr);
	assert_true(fr.has_macs);
	assert_memory_equal(fr.src_mac, src_mac, 6);
	expect_prefixes(113, &f);

	/* A cooked frame of another protocol. */
	f.b[14] = 0x86;
	f.b[15] = 0xdd;
	assert_int_equal(frame_decode(113, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);
}

/* Linux cooked v2: 20 bytes, protocol first. */
static void
test_linux_sll2(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_add16(&f, 0x0800);
	buf_add16(&f, 0);
	buf_add(&f, "\x00\x00\x00\x03", 4);	/* ifindex */
	buf_add16(&f, 1);
	f.b[f.len++] = 4;			/* outgoing */
	f.b[f.len++] = 6;
	buf_add(&f, src_mac, 6);
	buf_add16(&f, 0);
	buf_ipv4_udp(&f, 0, 0, 17);
	expect_udp(276, &f);
	frame_decode(276, f.b, f.len, &fr);
	assert_true(fr.has_macs);
	assert_memory_equal(fr.src_mac, src_mac, 6);
	expect_prefixes(276, &f);
}

/* Raw IP under each of its link type numbers. */
static void
test_raw_ip(void **state)
{
	static const int dlts[] = { 12, 14, 101, 228 };
	struct buf f = { .len = 0 };
	struct frame fr;
	size_t i;

	(void)state;
	buf_ipv4_udp(&f, 0, 0, 17);
	for (i = 0; i < sizeof dlts / sizeof dlts[0]; i++) {
		expect_udp(dlts[i], &f);
		frame_decode(dlts[i], f.b, f.len, &fr);
		assert_false(fr.has_macs);
		expect_prefixes(dlts[i], &f);
	}
	f.b[0] = 0x60;
	assert_int_equal(frame_decode(101, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);
}

/* BSD null and OpenBSD loop: AF_INET in either byte order. */
static void
test_null_loop(void **state)
{
	static const int dlts[] = { 0, 108 };
	static const char *const fams[] = {
		"\x02\x00\x00\x00", "\x00\x00\x00\x02",
	};
	struct buf f = { .len = 0 };
	struct frame fr;
	size_t i, j;

	(void)state;
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2; j++) {
			f.len = 0;
			buf_add(&f, fams[j], 4);
			buf_ipv4_udp(&f, 0, 0, 17);
			expect_udp(dlts[i], &f);
			expect_prefixes(dlts[i], &f);
		}
		memcpy(f.b, "\x00\x00\x00\x18", 4);	/* AF_INET6 */
		assert_int_equal(frame_decode(dlts[i], f.b, f.len, &fr),
		    FRAME_NOT_IPV4_UDP);
	}
}

/* Link types we do not read; upper bits are masked off. */
static void
test_bad_linktype(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	assert_int_equal(frame_decode(105, f.b, f.len, &fr),
	    FRAME_BAD_LINKTYPE);
	assert_int_equal(frame_decode(127, f.b, f.len, &fr),
	    FRAME_BAD_LINKTYPE);
	assert_int_equal(frame_decode(-1, f.b, f.len, &fr),
	    FRAME_BAD_LINKTYPE);
	assert_int_equal(frame_decode(0x04000001, f.b, f.len, &fr),
	    FRAME_UDP);
	assert_int_equal(frame_decode(1, NULL, 0, &fr), FRAME_TRUNCATED);
}

/* IPv4 options move the UDP header; every IHL from 6 to 15. */
static void
test_ipv4_options(void **state)
{
	struct buf f;
	size_t opt;

	(void)state;
	for (opt = 4; opt <= 40; opt += 4) {
		f.len = 0;
		buf_ether(&f, 0x0800);
		buf_ipv4_udp(&f, opt, 0, 17);
		expect_udp(1, &f);
		expect_prefixes(1, &f);
	}
}

/* IHL below 5, or larger than the total length, is not a header. */
static void
test_ipv4_bad_ihl(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;
	uint8_t ihl;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	for (ihl = 0; ihl < 5; ihl++) {
		f.b[14] = (uint8_t)(0x40 | ihl);
		assert_int_equal(frame_decode(1, f.b, f.len, &fr),
		    FRAME_TRUNCATED);
	}
	f.b[14] = 0x4f;
	f.b[16] = 0;
	f.b[17] = 40;
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_TRUNCATED);
}

/* Not UDP: TCP and ICMP are not ours. */
static void
test_ipv4_not_udp(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 6);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);
	f.len = 0;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0x2000, 1);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr),
	    FRAME_NOT_IPV4_UDP);
}

/* Fragments: the first still shows its ports, later ones nothing. */
static void
test_fragments(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0x2000, 17);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_FRAGMENT);
	assert_int_equal(fr.dst_port, 67);
	assert_int_equal(fr.payload_len, PAYLOAD_LEN);

	f.len = 0;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 185, 17);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_FRAGMENT);
	assert_int_equal(fr.dst_port, 0);
	assert_null(fr.payload);
	assert_memory_equal(&fr.src_ip, "\x0a\x00\x00\x01", 4);

	/* DF alone is not a fragment; reserved bit neither. */
	f.len = 0;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0xc000, 17);
	expect_udp(1, &f);
}

/* UDP length beyond the capture: the payload is cut. */
static void
test_udp_length_beyond_capture(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	f.b[16] = 0xee;		/* IP total 60951, like bootp_asan */
	f.b[17] = 0x17;
	f.b[38] = 0xe8;			/* UDP 59392 */
	f.b[39] = 0x00;
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_UDP);
	assert_true(fr.payload_cut);
	assert_int_equal(fr.payload_len, PAYLOAD_LEN);

	/* UDP length below its own header. */
	f.b[38] = 0;
	f.b[39] = 7;
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_TRUNCATED);
}

/* Ethernet padding after a short packet is not payload. */
static void
test_ethernet_padding(void **state)
{
	struct buf f = { .len = 0 };
	struct frame fr;

	(void)state;
	buf_ether(&f, 0x0800);
	buf_ipv4_udp(&f, 0, 0, 17);
	memset(f.b + f.len, 0, 30);
	f.len += 30;
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_UDP);
	assert_int_equal(fr.payload_len, PAYLOAD_LEN);
	assert_false(fr.payload_cut);

	/* UDP claims more than IP holds: bounded by IP, and cut. */
	f.b[39] = (uint8_t)(f.b[39] + 10);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_UDP);
	assert_int_equal(fr.payload_len, PAYLOAD_LEN);
	assert_true(fr.payload_cut);

	/* UDP claims less: the payload ends where UDP says. */
	f.b[39] = (uint8_t)(f.b[39] - 14);
	assert_int_equal(frame_decode(1, f.b, f.len, &fr), FRAME_UDP);
	assert_int_equal(fr.payload_len, PAYLOAD_LEN - 4);
	assert_false(fr.payload_cut);
}

/* Which ports make a frame DHCP's. */
static void
test_is_dhcp(void **state)
{
	struct frame fr;

	(void)state;
	memset(&fr, 0, sizeof fr);
	fr.src_port = 68;
	fr.dst_port = 67;
	assert_true(frame_is_dhcp(&fr));
	fr.src_port = 67;
	assert_true(frame_is_dhcp(&fr));
	fr.src_port = 1812;
	fr.dst_port = 8231;
	assert_false(frame_is_dhcp(&fr));
	fr.dst_port = 68;
	assert_true(frame_is_dhcp(&fr));
	fr.dst_port = 546;
	assert_false(frame_is_dhcp(&fr));
}

/* Run the cases; the harness asks for TAP through the environment. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ethernet),
		cmocka_unit_test(test_vlan_8021q),
		cmocka_unit_test(test_vlan_stacked),
		cmocka_unit_test(test_ethernet_not_ipv4),
		cmocka_unit_test(test_linux_sll),
		cmocka_unit_test(test_linux_sll2),
		cmocka_unit_test(test_raw_ip),
		cmocka_unit_test(test_null_loop),
		cmocka_unit_test(test_bad_linktype),
		cmocka_unit_test(test_ipv4_options),
		cmocka_unit_test(test_ipv4_bad_ihl),
		cmocka_unit_test(test_ipv4_not_udp),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_udp_length_beyond_capture),
		cmocka_unit_test(test_ethernet_padding),
		cmocka_unit_test(test_is_dhcp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

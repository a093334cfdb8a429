/*
 * Unit tests for the DHCP/BOOTP decoder: clean exchanges, every class of
 * malformed message in the research notes (5.4), truncation at every
 * byte, and the public captures against tcpdump's reference decodes.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "describe.h"
#include "dhcp.h"
#include "frame.h"
#include "sanitize.h"
#include "util.h"

/* A BOOTP message under construction. */
struct pkt {
	uint8_t	b[1500];
	size_t	len;
};

static const uint8_t test_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* Big-endian 32 bits into p. */
static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* The fixed header with an Ethernet chaddr and the cookie. */
static void
pkt_bootp(struct pkt *p, uint8_t op, uint32_t xid)
{
	memset(p, 0, sizeof *p);
	p->b[0] = op;
	p->b[1] = 1;
	p->b[2] = 6;
	put32(p->b + 4, xid);
	memcpy(p->b + 28, test_mac, 6);
	put32(p->b + 236, 0x63825363);
	p->len = 240;
}

/* One raw byte, such as PAD or END. */
static void
pkt_byte(struct pkt *p, uint8_t v)
{
	p->b[p->len++] = v;
}

/* One option: code, length, value. */
static void
pkt_opt(struct pkt *p, uint8_t code, uint8_t len, const void *val)
{
	pkt_byte(p, code);
	pkt_byte(p, len);
	memcpy(p->b + p->len, val, len);
	p->len += len;
}

/* Option 53 with a message type. */
static void
pkt_type(struct pkt *p, uint8_t type)
{
	pkt_opt(p, 53, 1, &type);
}

/* A 4-byte address option from a dotted quad. */
static void
pkt_ip(struct pkt *p, uint8_t code, const char *ip)
{
	struct in_addr a;

	inet_pton(AF_INET, ip, &a);
	pkt_opt(p, code, 4, &a);
}

/* Decode an exact-size heap copy, so ASan sees any read past the end. */
static int
decode_n(const struct pkt *p, size_t n, struct dhcp_msg *m)
{
	uint8_t *copy = malloc(n == 0 ? 1 : n);
	int rc;

	memcpy(copy, p->b, n);
	rc = dhcp_decode(copy, n, m);
	free(copy);
	return rc;
}

/* Decode the whole message. */
static int
decode(const struct pkt *p, struct dhcp_msg *m)
{
	return decode_n(p, p->len, m);
}

/* An address in network byte order from a dotted quad. */
static uint32_t
ip(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return a.s_addr;
}

/* A DISCOVER as a VM's firmware sends it. */
static void
test_clean_discover(void **state)
{
	static const uint8_t params[] = { 1, 3, 6, 12, 15, 28, 42, 121 };
	static const uint8_t cid[] = { 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 1, 0xdeadbeef);
	p.b[10] = 0x80;
	pkt_type(&p, DHCP_DISCOVER);
	pkt_opt(&p, 61, sizeof cid, cid);
	pkt_opt(&p, 55, sizeof params, params);
	pkt_opt(&p, 12, 4, "vm-1");
	pkt_opt(&p, 60, 5, "iPXE!");
	pkt_byte(&p, 255);

	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.op, BOOTP_REQUEST);
	assert_int_equal(m.xid, 0xdeadbeef);
	assert_int_equal(m.flags, 0x8000);
	assert_true(m.has_cookie);
	assert_int_equal(m.msg_type, DHCP_DISCOVER);
	assert_true(dhcp_has_ether_chaddr(&m));
	assert_memory_equal(m.chaddr, test_mac, 6);
	assert_true(m.has_clientid);
	assert_int_equal(m.clientid_type, 1);
	assert_int_equal(m.clientid_len, 6);
	assert_memory_equal(m.clientid, test_mac, 6);
	assert_true(m.has_params);
	assert_int_equal(m.params_len, sizeof params);
	assert_memory_equal(m.params, params, sizeof params);
	assert_true(m.has_hostname);
	assert_int_equal(m.hostname_len, 4);
	assert_memory_equal(m.hostname, "vm-1", 4);
	assert_true(m.has_vendor);
	assert_memory_equal(m.vendor, "iPXE!", 5);
	assert_int_equal(m.options_seen, 5);
	assert_true(dhcp_is_client_request(&m));
	assert_false(dhcp_is_server_answer(&m));
}

/* An OFFER from dnsmasq on the lab bridge. */
static void
test_clean_offer(void **state)
{
	uint8_t lease[4] = { 0, 0, 0x0e, 0x10 };
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 0xdeadbeef);
	put32(p.b + 16, ntohl(ip("192.168.64.5")));
	put32(p.b + 20, ntohl(ip("192.168.64.1")));
	pkt_type(&p, DHCP_OFFER);
	pkt_ip(&p, 54, "192.168.64.1");
	pkt_opt(&p, 51, 4, lease);
	pkt_ip(&p, 1, "255.255.255.0");
	pkt_ip(&p, 3, "192.168.64.1");
	pkt_byte(&p, 255);

	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.msg_type, DHCP_OFFER);
	assert_int_equal(m.yiaddr, ip("192.168.64.5"));
	assert_int_equal(m.siaddr, ip("192.168.64.1"));
	assert_true(m.has_server_id);
	assert_int_equal(m.server_id, ip("192.168.64.1"));
	assert_true(m.has_lease_time);
	assert_int_equal(m.lease_time, 3600);
	assert_false(m.has_hostname);
	assert_true(dhcp_is_server_answer(&m));
	assert_false(dhcp_is_client_request(&m));
}

/* A REQUEST naming the offered address and the server. */
static void
test_clean_request(void **state)
{
	static const uint8_t msz[2] = { 0x05, 0xdc };
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 1, 0x01020304);
	pkt_type(&p, DHCP_REQUEST);
	pkt_ip(&p, 50, "192.168.64.5");
	pkt_ip(&p, 54, "192.168.64.1");
	pkt_opt(&p, 57, 2, msz);
	pkt_byte(&p, 255);

	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.msg_type, DHCP_REQUEST);
	assert_true(m.has_requested_ip);
	assert_int_equal(m.requested_ip, ip("192.168.64.5"));
	assert_int_equal(m.server_id, ip("192.168.64.1"));
	assert_true(m.has_max_size);
	assert_int_equal(m.max_size, 1500);
	assert_true(dhcp_is_client_request(&m));
}

/* An ACK, with sname and file carrying strings. */
static void
test_clean_ack(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 0x01020304);
	memcpy(p.b + 44, "bootserver", 10);
	memcpy(p.b + 108, "pxelinux.0", 10);
	put32(p.b + 16, ntohl(ip("192.168.64.5")));
	pkt_type(&p, DHCP_ACK);
	pkt_ip(&p, 54, "192.168.64.1");
	pkt_byte(&p, 255);

	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.msg_type, DHCP_ACK);
	assert_int_equal(m.sname_len, 10);
	assert_memory_equal(m.sname, "bootserver", 10);
	assert_int_equal(m.file_len, 10);
	assert_memory_equal(m.file, "pxelinux.0", 10);
	assert_false(m.sname_is_options);
	assert_false(m.file_is_options);
	assert_true(dhcp_is_server_answer(&m));
}

/* Class 1: cut inside the fixed header, at several places. */
static void
test_class01_truncated_header(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 1, 0x14000000);
	p.b[3] = 13;
	p.b[8] = 0x0d;
	p.b[10] = 0x80;
	pkt_type(&p, DHCP_DISCOVER);
	pkt_byte(&p, 255);

	/* Cut inside flags, like bootp_asan: fields before it are set. */
	assert_int_equal(decode_n(&p, 11, &m), -1);
	assert_true(m.errors & DHCP_ERR_TRUNCATED);
	assert_int_equal(m.op, 1);
	assert_int_equal(m.hops, 13);
	assert_int_equal(m.xid, 0x14000000);
	assert_int_equal(m.secs, 0x0d00);
	assert_int_equal(m.flags, 0);

	assert_int_equal(decode_n(&p, 0, &m), -1);
	assert_int_equal(m.errors, DHCP_ERR_TRUNCATED);
	assert_int_equal(decode_n(&p, 43, &m), -1);
	assert_int_equal(m.flags, 0x8000);
	assert_int_equal(m.chaddr[0], 0);

	/* Past chaddr: 0, truncated, no options. */
	assert_int_equal(decode_n(&p, 44, &m), 0);
	assert_true(m.errors & DHCP_ERR_TRUNCATED);
	assert_memory_equal(m.chaddr, test_mac, 6);
	assert_int_equal(m.msg_type, 0);
	assert_int_equal(decode_n(&p, 239, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_TRUNCATED);
	assert_false(m.has_cookie);
	assert_int_equal(decode_n(&p, 240, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_END);
	assert_true(m.has_cookie);
}

/* Class 1 again: sname cut short is kept up to the cut. */
static void
test_class01_truncated_in_sname(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 1);
	memset(p.b + 44, 'x', 64);
	assert_int_equal(decode_n(&p, 60, &m), 0);
	assert_true(m.errors & DHCP_ERR_TRUNCATED);
	assert_int_equal(m.sname_len, 16);
	assert_int_equal(m.file_len, 0);
}

/* Build an Ethernet/IPv4/UDP frame around a BOOTP message. */
static size_t
frame_wrap(uint8_t *f, const struct pkt *p, uint16_t udp_len)
{
	memset(f, 0, 42);
	memset(f, 0xff, 6);
	memcpy(f + 6, test_mac, 6);
	f[12] = 0x08;
	f[14] = 0x45;
	f[16] = (uint8_t)((20 + udp_len) >> 8);
	f[17] = (uint8_t)(20 + udp_len);
	f[22] = 64;
	f[23] = 17;
	f[35] = 68;
	f[37] = 67;
	f[38] = (uint8_t)(udp_len >> 8);
	f[39] = (uint8_t)udp_len;
	memcpy(f + 42, p->b, p->len);
	return 42 + p->len;
}

/* Class 2: IP and UDP lengths larger than the captured bytes. */
static void
test_class02_lengths_beyond_capture(void **state)
{
	uint8_t f[1600];
	struct dhcp_msg m;
	struct frame fr;
	struct pkt p;
	size_t n;

	(void)state;
	pkt_bootp(&p, 1, 7);
	pkt_type(&p, DHCP_DISCOVER);
	pkt_opt(&p, 12, 4, "host");
	n = frame_wrap(f, &p, 59392);

	assert_int_equal(frame_decode(1, f, n, &fr), FRAME_UDP);
	assert_true(fr.payload_cut);
	assert_int_equal(fr.payload_len, p.len);
	assert_int_equal(dhcp_decode(fr.payload, fr.payload_len, &m), 0);
	assert_int_equal(m.msg_type, DHCP_DISCOVER);
	assert_true(m.has_hostname);
	assert_int_equal(m.errors, DHCP_ERR_NO_END);
}

/* Class 3: no cookie, or a wrong one, means no options at all. */
static void
test_class03_bad_cookie(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 1, 7);
	pkt_type(&p, DHCP_DISCOVER);
	pkt_byte(&p, 255);
	put32(p.b + 236, 0x63825364);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_COOKIE);
	assert_false(m.has_cookie);
	assert_int_equal(m.msg_type, 0);
	assert_int_equal(m.options_seen, 0);

	memset(p.b + 236, 0, 4);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_COOKIE);
}

/* Class 4: an option whose length runs past the end. */
static void
test_class04_option_overrun(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 1, 7);
	pkt_type(&p, DHCP_REQUEST);
	pkt_byte(&p, 12);
	pkt_byte(&p, 40);
	memcpy(p.b + p.len, "short", 5);
	p.len += 5;
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OPT_OVERRUN);
	assert_int_equal(m.msg_type, DHCP_REQUEST);
	assert_false(m.has_hostname);

	/* A code with no room for its length byte. */
	pkt_bootp(&p, 1, 7);
	pkt_type(&p, DHCP_REQUEST);
	pkt_byte(&p, 50);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OPT_OVERRUN);
}

/* Class 5: no END; what was read is kept. */
static void
test_class05_no_end(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 7);
	pkt_type(&p, DHCP_NAK);
	pkt_ip(&p, 54, "10.0.0.1");
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_END);
	assert_int_equal(m.msg_type, DHCP_NAK);
	assert_true(m.has_server_id);
	assert_true(dhcp_is_server_answer(&m));
}

/* Class 6: PAD after the cookie, between options, and after END. */
static void
test_class06_pad_runs(void **state)
{
	struct dhcp_msg m;
	struct pkt p;
	int i;

	(void)state;
	pkt_bootp(&p, 1, 7);
	for (i = 0; i < 30; i++)
		pkt_byte(&p, 0);
	pkt_type(&p, DHCP_DISCOVER);
	pkt_byte(&p, 0);
	pkt_opt(&p, 12, 2, "vm");
	for (i = 0; i < 3; i++)
		pkt_byte(&p, 0);
	pkt_byte(&p, 255);
	for (i = 0; i < 20; i++)
		pkt_byte(&p, 0);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.options_seen, 2);
	assert_int_equal(m.msg_type, DHCP_DISCOVER);
	assert_true(m.has_hostname);

	/* Nothing but PAD: no END. */
	pkt_bootp(&p, 1, 7);
	for (i = 0; i < 60; i++)
		pkt_byte(&p, 0);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_END);
}

/* Decode one message holding a single option after a valid type. */
static unsigned
decode_one_option(uint8_t code, uint8_t len, const void *val,
    struct dhcp_msg *m)
{
	struct pkt p;

	pkt_bootp(&p, 1, 7);
	pkt_type(&p, DHCP_DISCOVER);
	pkt_opt(&p, code, len, val);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, m), 0);
	return m->errors;
}

/* Class 7: zero-length options and wrong fixed lengths are ignored. */
static void
test_class07_wrong_lengths(void **state)
{
	static const uint8_t z[8] = { 0 };
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	assert_int_equal(decode_one_option(50, 3, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_false(m.has_requested_ip);
	assert_int_equal(decode_one_option(54, 5, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_false(m.has_server_id);
	assert_int_equal(decode_one_option(51, 3, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_false(m.has_lease_time);
	assert_int_equal(decode_one_option(57, 1, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_false(m.has_max_size);
	assert_int_equal(decode_one_option(12, 0, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_false(m.has_hostname);
	assert_int_equal(decode_one_option(55, 0, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_false(m.has_params);
	assert_int_equal(decode_one_option(1, 3, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_int_equal(decode_one_option(33, 3, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_int_equal(decode_one_option(33, 0, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_int_equal(decode_one_option(33, 8, z, &m), 0);
	assert_int_equal(decode_one_option(121, 4, z, &m), DHCP_ERR_OPT_LENGTH);
	assert_int_equal(decode_one_option(3, 6, z, &m), DHCP_ERR_OPT_LENGTH);

	/* Option 53 of the wrong size leaves the type unset. */
	pkt_bootp(&p, 1, 7);
	pkt_opt(&p, 53, 2, "\x01\x01");
	pkt_opt(&p, 53, 0, "");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OPT_LENGTH);
	assert_int_equal(m.msg_type, DHCP_NONE);
}

/* A message whose sname and file hold option areas. */
static void
pkt_overloaded(struct pkt *p, uint8_t value)
{
	pkt_bootp(p, 2, 9);
	memcpy(p->b + 108, "\x0c\x04" "file" "\xff", 7);
	memcpy(p->b + 44, "\x0c\x05" "sname" "\x36\x04\x0a\x00\x00\x01\xff",
	    14);
	pkt_type(p, DHCP_OFFER);
	pkt_opt(p, 52, 1, &value);
}

/* Class 8: overload 1, 2 and 3, in the order RFC 2131 gives. */
static void
test_class08_overload_values(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_overloaded(&p, 1);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.overload, 1);
	assert_true(m.file_is_options);
	assert_false(m.sname_is_options);
	assert_int_equal(m.file_len, 0);
	assert_memory_equal(m.hostname, "file", 4);
	assert_false(m.has_server_id);
	assert_int_equal(m.sname_len, 10);

	pkt_overloaded(&p, 2);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_true(m.sname_is_options);
	assert_false(m.file_is_options);
	assert_int_equal(m.sname_len, 0);
	assert_int_equal(m.hostname_len, 5);
	assert_true(m.has_server_id);

	/* file first, then sname: the later hostname wins. */
	pkt_overloaded(&p, 3);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_true(m.sname_is_options && m.file_is_options);
	assert_int_equal(m.hostname_len, 5);
	assert_memory_equal(m.hostname, "sname", 5);
	assert_int_equal(m.options_seen, 5);
}

/* Class 8: bad values and lengths are errors and change nothing. */
static void
test_class08_overload_invalid(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_overloaded(&p, 4);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OVERLOAD);
	assert_int_equal(m.overload, 0);
	assert_false(m.sname_is_options || m.file_is_options);
	assert_false(m.has_hostname);
	assert_int_equal(m.file_len, 7);

	pkt_overloaded(&p, 0);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OVERLOAD);

	pkt_bootp(&p, 2, 9);
	pkt_opt(&p, 52, 2, "\x01\x01");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OVERLOAD);
	assert_int_equal(m.overload, 0);
}

/* Class 8: a repeated 52 is ignored; the first one stands. */
static void
test_class08_overload_repeated(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_overloaded(&p, 1);
	pkt_opt(&p, 52, 1, "\x03");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OVERLOAD);
	assert_int_equal(m.overload, 1);
	assert_true(m.file_is_options);
	assert_false(m.sname_is_options);
}

/* Class 8: a 52 inside file is never honoured, so no endless loop. */
static void
test_class08_overload_nested(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 9);
	memcpy(p.b + 108, "\x34\x01\x02\xff", 4);
	memcpy(p.b + 44, "\x0c\x02" "vm" "\xff", 5);
	pkt_opt(&p, 52, 1, "\x01");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_OVERLOAD);
	assert_int_equal(m.overload, 1);
	assert_false(m.sname_is_options);
	assert_false(m.has_hostname);
}

/* Class 8: overloaded fields without END, or overrunning. */
static void
test_class08_overload_no_end(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 9);
	memset(p.b + 108, 0, 128);
	memcpy(p.b + 108, "\x0c\x02" "vm", 4);
	memcpy(p.b + 44 + 60, "\x0c\x09" "vm", 4);
	pkt_opt(&p, 52, 1, "\x03");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_END | DHCP_ERR_OPT_OVERRUN);
	assert_true(m.has_hostname);
	assert_int_equal(m.hostname_len, 2);
}

/* Class 9: sname and file filling their fields without a NUL. */
static void
test_class09_fields_not_terminated(void **state)
{
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 2, 9);
	memset(p.b + 44, 'S', 64);
	memset(p.b + 108, 'F', 128);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.sname_len, 64);
	assert_int_equal(m.file_len, 128);
	assert_int_equal(m.sname[63], 'S');
	assert_int_equal(m.file[127], 'F');

	/* Up to the first NUL only. */
	p.b[44 + 3] = 0;
	p.b[108] = 0;
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.sname_len, 3);
	assert_int_equal(m.file_len, 0);
}

/* Class 10: 255 parameter codes, with repeats, 0 and 255 inside. */
static void
test_class10_huge_param_list(void **state)
{
	uint8_t codes[255];
	struct dhcp_msg m;
	int i;

	(void)state;
	for (i = 0; i < 255; i++)
		codes[i] = (uint8_t)(i * 7);
	codes[0] = 0;
	codes[1] = 255;
	codes[2] = 255;
	assert_int_equal(decode_one_option(55, 255, codes, &m), 0);
	assert_true(m.has_params);
	assert_int_equal(m.params_len, 255);
	assert_memory_equal(m.params, codes, 255);
}

/* Class 11: hostnames with escapes, bad UTF-8 and NULs stay raw. */
static void
test_class11_hostile_hostname(void **state)
{
	static const uint8_t name[] =
	    "\x1b]0;pwn\x07\x1b[2J\xff\xc0\xafvm\0x\0";
	char shown[256];
	struct dhcp_msg m;

	(void)state;
	assert_int_equal(decode_one_option(12, sizeof name - 1, name, &m), 0);
	assert_true(m.has_hostname);
	assert_int_equal(m.hostname_len, sizeof name - 1);
	assert_memory_equal(m.hostname, name, sizeof name - 1);
	sanitize_bytes(shown, sizeof shown, m.hostname, m.hostname_len);
	assert_string_equal(shown,
	    "^[]0;pwn^G^[[2J\\xff\\xc0\\xafvm\\0x\\0");
}

/* Class 11: a broken FQDN (81) is not ours to store, but is safe. */
static void
test_class11_bad_fqdn(void **state)
{
	static const uint8_t fqdn[] = { 0x05, 0, 0, 0x3f, 'a', 0xc0, 0x03 };
	struct dhcp_msg m;

	(void)state;
	assert_int_equal(decode_one_option(81, sizeof fqdn, fqdn, &m), 0);
	assert_int_equal(decode_one_option(81, 2, fqdn, &m),
	    DHCP_ERR_OPT_LENGTH);
}

/* Class 12: relay agent sub-options, known, unknown and overrunning. */
static void
test_class12_relay_agent(void **state)
{
	static const uint8_t good[] = {
		1, 4, 'e', 't', 'h', '0', 9, 3, 0xaa, 0xbb, 0xcc,
		2, 6, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56,
	};
	static const uint8_t bad[] = { 1, 2, 'p', '1', 2, 9, 'x' };
	struct dhcp_msg m;

	(void)state;
	assert_int_equal(decode_one_option(82, sizeof good, good, &m), 0);
	assert_true(m.has_relay);
	assert_int_equal(m.circuit_id_len, 4);
	assert_memory_equal(m.circuit_id, "eth0", 4);
	assert_int_equal(m.remote_id_len, 6);
	assert_memory_equal(m.remote_id, test_mac, 6);

	assert_int_equal(decode_one_option(82, sizeof bad, bad, &m),
	    DHCP_ERR_RELAY);
	assert_true(m.has_relay);
	assert_int_equal(m.circuit_id_len, 2);
	assert_int_equal(m.remote_id_len, 0);

	assert_int_equal(decode_one_option(82, 3, good, &m), DHCP_ERR_RELAY);
}

/* Class 13: client id types 0, 1 and 255, and a type byte alone. */
static void
test_class13_client_id(void **state)
{
	static const uint8_t t0[] = { 0, 'm', 'y', 'v', 'm' };
	static const uint8_t t1[] = { 1, 0x52, 0x54, 0x00, 0x12, 0x34 };
	static const uint8_t t255[] = {
		255, 0, 0, 0, 1, 0, 4, 0xde, 0xad, 0xbe, 0xef,
	};
	struct dhcp_msg m;

	(void)state;
	assert_int_equal(decode_one_option(61, sizeof t0, t0, &m), 0);
	assert_int_equal(m.clientid_type, 0);
	assert_int_equal(m.clientid_len, 4);
	assert_memory_equal(m.clientid, "myvm", 4);

	/* Type 1 whose length does not match hlen: kept as it is. */
	assert_int_equal(decode_one_option(61, sizeof t1, t1, &m), 0);
	assert_int_equal(m.clientid_type, 1);
	assert_int_equal(m.clientid_len, 5);

	assert_int_equal(decode_one_option(61, sizeof t255, t255, &m), 0);
	assert_int_equal(m.clientid_type, 255);
	assert_int_equal(m.clientid_len, 10);

	assert_int_equal(decode_one_option(61, 1, t1, &m), DHCP_ERR_CLIENTID);
	assert_false(m.has_clientid);
	assert_int_equal(decode_one_option(61, 0, t1, &m), DHCP_ERR_CLIENTID);
	assert_false(m.has_clientid);
}

/* Class 14: hlen above 16, hlen 0 and non-Ethernet htypes. */
static void
test_class14_hardware_address(void **state)
{
	struct dhcp_msg m;
	struct pkt p;
	int i;

	(void)state;
	pkt_bootp(&p, 1, 7);
	for (i = 0; i < 16; i++)
		p.b[28 + i] = (uint8_t)(i + 1);
	p.b[2] = 200;
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_HLEN);
	assert_int_equal(m.hlen, 200);
	assert_int_equal(m.chaddr[15], 16);
	assert_false(dhcp_has_ether_chaddr(&m));

	p.b[1] = 32;
	p.b[2] = 0;
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_false(dhcp_has_ether_chaddr(&m));
	p.b[1] = 1;
	p.b[2] = 16;
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_false(dhcp_has_ether_chaddr(&m));
}

/* Class 15: a maximum message size below 576. */
static void
test_class15_small_max_size(void **state)
{
	struct dhcp_msg m;

	(void)state;
	assert_int_equal(decode_one_option(57, 2, "\x00\x40", &m),
	    DHCP_ERR_MSG_SIZE);
	assert_true(m.has_max_size);
	assert_int_equal(m.max_size, 64);
	assert_int_equal(decode_one_option(57, 2, "\x02\x40", &m), 0);
	assert_int_equal(m.max_size, 576);
}

/* Class 16: plain BOOTP, without option 53. */
static void
test_class16_plain_bootp(void **state)
{
	char buf[16];
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_bootp(&p, 1, 7);
	pkt_opt(&p, 12, 2, "vm");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.msg_type, DHCP_NONE);
	assert_string_equal(dhcp_msg_type_name(m.msg_type, buf), "BOOTP");
	assert_true(dhcp_is_client_request(&m));

	p.b[0] = 2;
	assert_int_equal(decode(&p, &m), 0);
	assert_true(dhcp_is_server_answer(&m));

	/* RFC 951 vendor area, all zero: no cookie. */
	pkt_bootp(&p, 1, 7);
	memset(p.b + 236, 0, 64);
	p.len = 300;
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, DHCP_ERR_NO_COOKIE);
	assert_true(dhcp_is_client_request(&m));
}

/* Class 17: relayed traffic, 67 to 67, hops and giaddr set. */
static void
test_class17_relayed(void **state)
{
	uint8_t f[1600];
	struct dhcp_msg m;
	struct frame fr;
	struct pkt p;
	size_t n;

	(void)state;
	pkt_bootp(&p, 1, 7);
	p.b[3] = 1;
	put32(p.b + 24, ntohl(ip("10.1.2.1")));
	pkt_type(&p, DHCP_REQUEST);
	pkt_byte(&p, 255);
	n = frame_wrap(f, &p, (uint16_t)(p.len + 8));
	f[35] = 67;
	assert_int_equal(frame_decode(1, f, n, &fr), FRAME_UDP);
	assert_true(frame_is_dhcp(&fr));
	assert_int_equal(fr.src_port, 67);
	assert_int_equal(fr.dst_port, 67);
	assert_int_equal(dhcp_decode(fr.payload, fr.payload_len, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_int_equal(m.hops, 1);
	assert_int_equal(m.giaddr, ip("10.1.2.1"));
	assert_true(dhcp_is_client_request(&m));
}

/* Decoding into a used struct leaves nothing of the previous message. */
static void
test_struct_reuse(void **state)
{
	static const uint8_t relay[] = { 1, 1, 'a', 2, 1, 'b' };
	struct dhcp_msg m;
	struct pkt p;

	(void)state;
	pkt_overloaded(&p, 3);
	pkt_ip(&p, 50, "1.2.3.4");
	pkt_opt(&p, 61, 3, "\x00xy");
	pkt_opt(&p, 55, 2, "\x01\x03");
	pkt_opt(&p, 60, 1, "v");
	pkt_opt(&p, 82, sizeof relay, relay);
	pkt_opt(&p, 57, 2, "\x00\x01");
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_true(m.has_relay && m.has_vendor && m.has_params);

	pkt_bootp(&p, 1, 8);
	pkt_byte(&p, 255);
	assert_int_equal(decode(&p, &m), 0);
	assert_int_equal(m.errors, 0);
	assert_false(m.has_hostname || m.has_clientid || m.has_params);
	assert_false(m.has_vendor || m.has_relay || m.has_max_size);
	assert_false(m.has_requested_ip || m.has_server_id);
	assert_false(m.sname_is_options || m.file_is_options);
	assert_int_equal(m.overload, 0);
	assert_int_equal(m.msg_type, 0);
	assert_int_equal(m.options_seen, 0);
	assert_int_equal(m.circuit_id_len + m.remote_id_len, 0);
}

/* Every prefix of a rich message decodes without reading past it. */
static void
test_truncation_every_offset(void **state)
{
	struct dhcp_msg m;
	struct pkt p;
	size_t n;

	(void)state;
	pkt_overloaded(&p, 3);
	pkt_opt(&p, 61, 7, "\x01\x52\x54\x00\x12\x34\x56");
	pkt_opt(&p, 82, 6, "\x01\x01" "a" "\x02\x01" "b");
	pkt_opt(&p, 12, 5, "vm-01");
	pkt_byte(&p, 255);
	for (n = 0; n <= p.len; n++) {
		int rc = decode_n(&p, n, &m);

		assert_int_equal(rc, n < 44 ? -1 : 0);
		if (n < 240)
			assert_true(m.errors & DHCP_ERR_TRUNCATED);
		else if (n < p.len)
			assert_false(m.errors & DHCP_ERR_TRUNCATED);
	}
	assert_int_equal(m.errors, 0);
}

/* Names of message types, known and beyond. */
static void
test_msg_type_names(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(dhcp_msg_type_name(0, buf), "BOOTP");
	assert_string_equal(dhcp_msg_type_name(1, buf), "DISCOVER");
	assert_string_equal(dhcp_msg_type_name(5, buf), "ACK");
	assert_string_equal(dhcp_msg_type_name(6, buf), "NAK");
	assert_string_equal(dhcp_msg_type_name(13, buf), "LEASEACTIVE");
	assert_string_equal(dhcp_msg_type_name(18, buf), "TLS");
	assert_string_equal(dhcp_msg_type_name(19, buf), "TYPE-19");
	assert_string_equal(dhcp_msg_type_name(255, buf), "TYPE-255");
}

/* Which message types count as requests and which as answers. */
static void
test_request_answer_kinds(void **state)
{
	static const uint8_t requests[] = { 1, 3, 4, 7, 8 };
	static const uint8_t answers[] = { 2, 5, 6 };
	struct dhcp_msg m;
	unsigned t, i;
	bool req, ans;

	(void)state;
	memset(&m, 0, sizeof m);
	for (t = 1; t < 256; t++) {
		m.msg_type = (uint8_t)t;
		req = ans = false;
		for (i = 0; i < sizeof requests; i++)
			req = req || requests[i] == t;
		for (i = 0; i < sizeof answers; i++)
			ans = ans || answers[i] == t;
		assert_int_equal(dhcp_is_client_request(&m), req);
		assert_int_equal(dhcp_is_server_answer(&m), ans);
	}
}

/* What tcpdump's reference decode says about one DHCP packet. */
struct corpus_expect {
	const char	*file;
	unsigned	 frame;
	uint8_t		 msg_type;
	uint32_t	 xid;
	const char	*chaddr;
	const char	*yiaddr;
	bool		 cookie;
};

/* Read from the .out files next to each capture. */
static const struct corpus_expect corpus_expects[] = {
	{ "dhcp-mud.pcap", 1, DHCP_REQUEST, 0x68c4847,
	    "b8:27:eb:b8:53:c8", "0.0.0.0", true },
	{ "dhcp-mud.pcap", 2, DHCP_ACK, 0x68c4847,
	    "b8:27:eb:b8:53:c8", "62.12.173.123", true },
	{ "dhcp-option-108.pcapng", 1, DHCP_DISCOVER, 0x9edf45b0,
	    "42:b4:44:b4:f0:ee", "0.0.0.0", true },
	{ "dhcp-option-108.pcapng", 2, DHCP_OFFER, 0x9edf45b0,
	    "42:b4:44:b4:f0:ee", "10.56.42.232", true },
	{ "dhcp-option-33.pcap", 1, DHCP_OFFER, 0x12345678,
	    "00:11:22:33:44:55", "192.168.1.100", true },
	{ "dhcp-option-33.pcap", 2, DHCP_OFFER, 0x12345678,
	    "00:11:22:33:44:55", "192.168.1.100", true },
	{ "dhcp-option-33.pcap", 3, DHCP_OFFER, 0x12345678,
	    "00:11:22:33:44:55", "192.168.1.100", true },
	{ "dhcp-option-33.pcap", 4, DHCP_OFFER, 0x12345678,
	    "00:11:22:33:44:55", "192.168.1.100", true },
	{ "dhcp-option-33.pcap", 5, DHCP_OFFER, 0x12345678,
	    "00:11:22:33:44:55", "192.168.1.100", true },
	{ "dhcp-rfc3004.pcap", 1, DHCP_DISCOVER, 0x6e32864,
	    "00:0c:29:1f:74:06", "0.0.0.0", true },
	{ "dhcp-rfc3004.pcap", 2, DHCP_OFFER, 0x6e32864,
	    "00:0c:29:1f:74:06", "192.168.1.4", true },
	{ "dhcp-rfc3004.pcap", 3, DHCP_REQUEST, 0x6e32864,
	    "00:0c:29:1f:74:06", "0.0.0.0", true },
	{ "dhcp-rfc3004.pcap", 4, DHCP_ACK, 0x6e32864,
	    "00:0c:29:1f:74:06", "192.168.1.4", true },
	{ "dhcp-rfc4388.pcap", 1, DHCP_DISCOVER, 0x3cd0af7e,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 3, DHCP_OFFER, 0x3cd0af7e,
	    "5a:4f:34:b1:af:66", "10.30.4.4", true },
	{ "dhcp-rfc4388.pcap", 4, DHCP_REQUEST, 0x3cd0af7e,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 5, DHCP_ACK, 0x3cd0af7e,
	    "5a:4f:34:b1:af:66", "10.30.4.4", true },
	{ "dhcp-rfc4388.pcap", 9, DHCP_LEASEQUERY, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 10, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 11, DHCP_DISCOVER, 0xbebd1734,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 13, DHCP_OFFER, 0xbebd1734,
	    "5a:4f:34:b1:af:66", "10.50.4.4", true },
	{ "dhcp-rfc4388.pcap", 14, DHCP_REQUEST, 0xbebd1734,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 15, DHCP_ACK, 0xbebd1734,
	    "5a:4f:34:b1:af:66", "10.50.4.4", true },
	{ "dhcp-rfc4388.pcap", 19, DHCP_LEASEQUERY, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 20, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 21, DHCP_LEASEQUERY, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 22, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 23, DHCP_DISCOVER, 0x5ad9290e,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 24, DHCP_OFFER, 0x5ad9290e,
	    "5a:4f:34:b1:af:66", "10.50.4.4", true },
	{ "dhcp-rfc4388.pcap", 25, DHCP_REQUEST, 0x5ad9290e,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 26, DHCP_ACK, 0x5ad9290e,
	    "5a:4f:34:b1:af:66", "10.50.4.4", true },
	{ "dhcp-rfc4388.pcap", 27, DHCP_LEASEQUERY, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 28, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 31, DHCP_DISCOVER, 0xf9704526,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 33, DHCP_OFFER, 0xf9704526,
	    "5a:4f:34:b1:af:66", "10.30.4.4", true },
	{ "dhcp-rfc4388.pcap", 34, DHCP_REQUEST, 0xf9704526,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 35, DHCP_ACK, 0xf9704526,
	    "5a:4f:34:b1:af:66", "10.30.4.4", true },
	{ "dhcp-rfc4388.pcap", 37, DHCP_LEASEQUERY, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 38, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 39, DHCP_LEASEQUERY, 0x1,
	    "00:00:00:00:00:00", "64.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 40, DHCP_LEASEUNKNOWN, 0x1,
	    "00:00:00:00:00:00", "64.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 43, DHCP_NONE, 0x1,
	    "00:00:00:00:00:00", "64.0.0.0", false },
	{ "dhcp-rfc4388.pcap", 44, DHCP_NONE, 0x1,
	    "01:00:00:00:00:00", "64.0.0.0", false },
	{ "dhcp-rfc4388.pcap", 45, DHCP_LEASEQUERY, 0x1,
	    "00:00:00:00:00:00", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 48, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 49, DHCP_LEASEQUERY, 0x1,
	    "00:00:00:00:00:00", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 50, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 53, DHCP_LEASEQUERY, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc4388.pcap", 54, DHCP_LEASEACTIVE, 0x1,
	    "5a:4f:34:b1:af:66", "0.0.0.0", true },
	{ "dhcp-rfc5859.pcap", 1, DHCP_DISCOVER, 0xde549277,
	    "00:0c:29:1f:74:06", "0.0.0.0", true },
	{ "dhcp-rfc5859.pcap", 2, DHCP_OFFER, 0xde549277,
	    "00:0c:29:1f:74:06", "192.168.1.4", true },
	{ "dhcp-rfc5859.pcap", 3, DHCP_REQUEST, 0xde549277,
	    "00:0c:29:1f:74:06", "0.0.0.0", true },
	{ "dhcp-rfc5859.pcap", 4, DHCP_ACK, 0xde549277,
	    "00:0c:29:1f:74:06", "192.168.1.4", true },
};

#define CORPUS_EXPECTS	(sizeof corpus_expects / sizeof corpus_expects[0])

/* What one pass over a capture saw. */
struct corpus_run {
	const char	*file;
	unsigned	 frames;
	unsigned	 dhcp;
	unsigned	 checked;
	unsigned	 lines;
};

/* The shared folder: $VMNW_SHARED, $VMNW_SRCDIR/../shared, /work/shared. */
static const char *
corpus_dir(char *buf, size_t size)
{
	const char *env = getenv("VMNW_SHARED");

	if (env != NULL && *env != '\0')
		snprintf(buf, size, "%s/corpus/pcaps", env);
	else if ((env = getenv("VMNW_SRCDIR")) != NULL && *env != '\0')
		snprintf(buf, size, "%s/../shared/corpus/pcaps", env);
	else
		snprintf(buf, size, "/work/shared/corpus/pcaps");
	return buf;
}

/* Count lines, and check that each is free of control bytes. */
static void
corpus_line(void *ctx, int indent, const char *text)
{
	struct corpus_run *run = ctx;
	const char *s;

	assert_true(indent >= 0);
	for (s = text; *s != '\0'; s++)
		assert_true((unsigned char)*s >= 0x20 && *s != 0x7f);
	run->lines++;
}

/* Compare a decoded message with the reference, when there is one. */
static void
corpus_check(struct corpus_run *run, const struct dhcp_msg *m)
{
	char mac[MAC_STR_MAX + 1], yi[IP_STR_MAX];
	size_t i;

	for (i = 0; i < CORPUS_EXPECTS; i++) {
		const struct corpus_expect *e = &corpus_expects[i];

		if (strcmp(e->file, run->file) != 0 || e->frame != run->frames)
			continue;
		assert_int_equal(m->msg_type, e->msg_type);
		assert_int_equal(m->xid, e->xid);
		assert_true(dhcp_has_ether_chaddr(m));
		assert_string_equal(mac_format(mac, m->chaddr, 6), e->chaddr);
		assert_string_equal(ip_format(yi, m->yiaddr), e->yiaddr);
		assert_int_equal(m->has_cookie, e->cookie);
		run->checked++;
	}
}

/* One frame: link, UDP, DHCP, and the detail view. */
static void
corpus_frame(struct corpus_run *run, int dlt, const uint8_t *data,
    size_t caplen)
{
	enum frame_result r;
	struct dhcp_msg m;
	struct frame f;

	run->frames++;
	r = frame_decode(dlt, data, caplen, &f);
	describe_frame(dlt, data, caplen, corpus_line, run);
	if (r != FRAME_UDP || !frame_is_dhcp(&f))
		return;
	run->dhcp++;
	if (dhcp_decode(f.payload, f.payload_len, &m) == 0)
		corpus_check(run, &m);
}

/* Read a whole capture; NULL and a message when libpcap refuses it. */
static pcap_t *
corpus_open(const char *name, char *err)
{
	char dir[4096], path[4200];

	snprintf(path, sizeof path, "%s/%s", corpus_dir(dir, sizeof dir),
	    name);
	return pcap_open_offline(path, err);
}

/* Every packet of a capture, through every decoder. */
static void
corpus_run_file(struct corpus_run *run)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *pc;
	int rc;

	pc = corpus_open(run->file, err);
	if (pc == NULL)
		fail_msg("libpcap refused %s: %s", run->file, err);
	while ((rc = pcap_next_ex(pc, &h, &data)) == 1)
		corpus_frame(run, pcap_datalink(pc), data, h->caplen);
	assert_int_equal(rc, PCAP_ERROR_BREAK);
	pcap_close(pc);
}

/*
 * Skip the corpus cases when the shared folder is not there. cmocka's
 * skip() prints "not ok # SKIP", which automake counts as a failure, so
 * a skipped case says so in a comment and passes.
 */
static int
corpus_setup(void **state)
{
	char dir[4096];
	FILE *f;
	char path[4200];

	(void)state;
	snprintf(path, sizeof path, "%s/dhcp-mud.pcap",
	    corpus_dir(dir, sizeof dir));
	f = fopen(path, "rb");
	if (f == NULL) {
		printf("# SKIP corpus not found in %s (set VMNW_SHARED): "
		    "case passes without checking\n", dir);
		return 0;
	}
	fclose(f);
	*state = (void *)1;
	return 0;
}

/* The well-formed captures agree with tcpdump, packet by packet. */
static void
test_corpus_reference(void **state)
{
	static const char *const files[] = {
		"dhcp-mud.pcap", "dhcp-option-108.pcapng",
		"dhcp-option-33.pcap", "dhcp-rfc3004.pcap",
		"dhcp-rfc4388.pcap", "dhcp-rfc5859.pcap",
	};
	unsigned checked = 0;
	size_t i;

	if (*state == NULL)
		return;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct corpus_run run = { files[i], 0, 0, 0, 0 };

		corpus_run_file(&run);
		assert_true(run.dhcp > 0);
		assert_true(run.lines > run.frames);
		checked += run.checked;
	}
	assert_int_equal(checked, CORPUS_EXPECTS);
}

/*
 * The fuzzer cases: libpcap may refuse them, which we must survive;
 * when it reads them, bootp_asan comes out cut inside flags.
 */
static void
test_corpus_fuzz_cases(void **state)
{
	static const char *const files[] = {
		"bootp_asan.pcap", "bootp_asan-2.pcap",
		"hncp_dhcpv4data-oobr.pcap",
	};
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct dhcp_msg m;
	struct frame f;
	size_t i;
	pcap_t *pc;

	if (*state == NULL)
		return;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct corpus_run run = { files[i], 0, 0, 0, 0 };

		pc = corpus_open(files[i], err);
		if (pc == NULL) {
			printf("# libpcap refused %s: %s\n", files[i], err);
			assert_true(err[0] != '\0');
			continue;
		}
		assert_int_equal(pcap_datalink(pc), 1);
		while (pcap_next_ex(pc, &h, &data) == 1) {
			corpus_frame(&run, pcap_datalink(pc), data, h->caplen);
			if (i == 2)
				continue;
			assert_int_equal(frame_decode(1, data, h->caplen, &f),
			    FRAME_FRAGMENT);
			assert_true(f.payload_cut);
			assert_int_equal(f.dst_port, 68);
			assert_int_equal(dhcp_decode(f.payload, f.payload_len,
			    &m), -1);
			assert_int_equal(m.errors, DHCP_ERR_TRUNCATED);
			assert_int_equal(m.op, 0);
			assert_int_equal(m.hops, 13);
			assert_int_equal(m.xid, 0x14000000);
			assert_int_equal(m.secs, 3328);
		}
		assert_int_equal(run.frames, 1);
		pcap_close(pc);
	}
}

/* Run the cases; the harness asks for TAP through the environment. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_discover),
		cmocka_unit_test(test_clean_offer),
		cmocka_unit_test(test_clean_request),
		cmocka_unit_test(test_clean_ack),
		cmocka_unit_test(test_class01_truncated_header),
		cmocka_unit_test(test_class01_truncated_in_sname),
		cmocka_unit_test(test_class02_lengths_beyond_capture),
		cmocka_unit_test(test_class03_bad_cookie),
		cmocka_unit_test(test_class04_option_overrun),
		cmocka_unit_test(test_class05_no_end),
		cmocka_unit_test(test_class06_pad_runs),
		cmocka_unit_test(test_class07_wrong_lengths),
		cmocka_unit_test(test_class08_overload_values),
		cmocka_unit_test(test_class08_overload_invalid),
		cmocka_unit_test(test_class08_overload_repeated),
		cmocka_unit_test(test_class08_overload_nested),
		cmocka_unit_test(test_class08_overload_no_end),
		cmocka_unit_test(test_class09_fields_not_terminated),
		cmocka_unit_test(test_class10_huge_param_list),
		cmocka_unit_test(test_class11_hostile_hostname),
		cmocka_unit_test(test_class11_bad_fqdn),
		cmocka_unit_test(test_class12_relay_agent),
		cmocka_unit_test(test_class13_client_id),
		cmocka_unit_test(test_class14_hardware_address),
		cmocka_unit_test(test_class15_small_max_size),
		cmocka_unit_test(test_class16_plain_bootp),
		cmocka_unit_test(test_class17_relayed),
		cmocka_unit_test(test_struct_reuse),
		cmocka_unit_test(test_truncation_every_offset),
		cmocka_unit_test(test_msg_type_names),
		cmocka_unit_test(test_request_answer_kinds),
		cmocka_unit_test_setup(test_corpus_reference, corpus_setup),
		cmocka_unit_test_setup(test_corpus_fuzz_cases, corpus_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

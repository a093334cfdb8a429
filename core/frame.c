/*
 * Link, IPv4 and UDP layers of a captured frame, down to the payload.
 *
 * Link types are compared as plain numbers so that the decision does
 * not depend on which pcap headers a system ships. A first fragment
 * (offset 0, more fragments set) is reported as FRAME_FRAGMENT but its
 * addresses, ports and payload are still filled in when present, so a
 * detail view can show what it carries.
 */
#include "config.h"

#include <string.h>

#include "frame.h"

#define LINK_NULL	0	/* BSD loopback, host byte order family */
#define LINK_EN10MB	1
#define LINK_RAW_BSD	12	/* DLT_RAW on most systems */
#define LINK_RAW_OBSD	14	/* DLT_RAW on OpenBSD */
#define LINK_RAW	101
#define LINK_LOOP	108	/* OpenBSD loopback, network byte order */
#define LINK_SLL	113
#define LINK_IPV4	228
#define LINK_SLL2	276

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_8021Q	0x8100
#define ETHERTYPE_8021AD 0x88a8
#define ETHERTYPE_QINQ	0x9100	/* pre-standard 802.1ad */

#define IP_PROTO_UDP	17
#define IP_MF		0x2000
#define IP_OFFMASK	0x1fff

/* A read position in the frame and the bytes left after it. */
struct frame_cursor {
	const uint8_t	*p;
	size_t		 left;
};

/* Big-endian 16 bits at p. */
static uint16_t
frame_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Move the cursor on by n bytes, which the caller has checked. */
static void
frame_skip(struct frame_cursor *c, size_t n)
{
	c->p += n;
	c->left -= n;
}

/* Follow 802.1Q/802.1ad tags, stacked or not, to the inner type. */
static enum frame_result
frame_vlan_walk(struct frame_cursor *c, uint16_t *type, struct frame *out)
{
	bool outer = true;

	while (*type == ETHERTYPE_8021Q || *type == ETHERTYPE_8021AD ||
	    *type == ETHERTYPE_QINQ) {
		if (c->left < 4)
			return FRAME_TRUNCATED;
		if (outer)
			out->vlan = frame_get16(c->p) & 0x0fff;
		outer = false;
		*type = frame_get16(c->p + 2);
		frame_skip(c, 4);
	}
	return *type == ETHERTYPE_IPV4 ? FRAME_UDP : FRAME_NOT_IPV4_UDP;
}

/* Ethernet II header and any VLAN tags. */
static enum frame_result
frame_ether(struct frame_cursor *c, struct frame *out)
{
	uint16_t type;

	if (c->left < 14)
		return FRAME_TRUNCATED;
	memcpy(out->dst_mac, c->p, 6);
	memcpy(out->src_mac, c->p + 6, 6);
	out->has_macs = true;
	type = frame_get16(c->p + 12);
	frame_skip(c, 14);
	return frame_vlan_walk(c, &type, out);
}

/* Linux cooked capture, v1 (16 bytes) or v2 (20 bytes). */
static enum frame_result
frame_sll(struct frame_cursor *c, bool v2, struct frame *out)
{
	size_t hdrlen = v2 ? 20 : 16, addrlen_at = v2 ? 11 : 4;
	size_t addr_at = v2 ? 12 : 6;
	uint16_t type, addrlen;

	if (c->left < hdrlen)
		return FRAME_TRUNCATED;
	type = frame_get16(c->p + (v2 ? 0 : 14));
	addrlen = v2 ? c->p[addrlen_at] : frame_get16(c->p + addrlen_at);
	if (addrlen == 6) {
		memcpy(out->src_mac, c->p + addr_at, 6);
		out->has_macs = true;
	}
	frame_skip(c, hdrlen);
	return frame_vlan_walk(c, &type, out);
}

/* BSD null/loopback: a 4-byte address family, AF_INET being 2. */
static enum frame_result
frame_null(struct frame_cursor *c)
{
	uint32_t family;

	if (c->left < 4)
		return FRAME_TRUNCATED;
	family = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 |
	    (uint32_t)c->p[2] << 8 | c->p[3];
	frame_skip(c, 4);
	if (family == 2 || family == 0x02000000)
		return FRAME_UDP;
	return FRAME_NOT_IPV4_UDP;
}

/* Raw IP: the version nibble tells IPv4 from IPv6. */
static enum frame_result
frame_raw(struct frame_cursor *c)
{
	if (c->left < 1)
		return FRAME_TRUNCATED;
	return c->p[0] >> 4 == 4 ? FRAME_UDP : FRAME_NOT_IPV4_UDP;
}

/* Strip the link header; FRAME_UDP means "IPv4 follows". */
static enum frame_result
frame_link(int linktype, struct frame_cursor *c, struct frame *out)
{
	switch (linktype & 0xffff) {
	case LINK_EN10MB:
		return frame_ether(c, out);
	case LINK_SLL:
		return frame_sll(c, false, out);
	case LINK_SLL2:
		return frame_sll(c, true, out);
	case LINK_NULL:
	case LINK_LOOP:
		return frame_null(c);
	case LINK_RAW_BSD:
	case LINK_RAW_OBSD:
	case LINK_RAW:
	case LINK_IPV4:
		return frame_raw(c);
	default:
		return FRAME_BAD_LINKTYPE;
	}
}

/* The UDP header and the payload it announces, as far as captured. */
static enum frame_result
frame_udp(struct frame_cursor *c, struct frame *out)
{
	size_t udplen;

	if (c->left < 8)
		return FRAME_TRUNCATED;
	out->src_port = frame_get16(c->p);
	out->dst_port = frame_get16(c->p + 2);
	udplen = frame_get16(c->p + 4);
	if (udplen < 8)
		return FRAME_TRUNCATED;
	frame_skip(c, 8);

	out->payload = c->p;
	out->payload_len = udplen - 8;
	if (out->payload_len > c->left) {
		out->payload_len = c->left;
		out->payload_cut = true;
	}
	return FRAME_UDP;
}

/* The IPv4 header, options included, then UDP. */
static enum frame_result
frame_ipv4(struct frame_cursor *c, struct frame *out)
{
	size_t hdrlen, total;
	uint16_t frag;

	if (c->left < 20)
		return FRAME_TRUNCATED;
	if (c->p[0] >> 4 != 4)
		return FRAME_NOT_IPV4_UDP;
	hdrlen = (size_t)(c->p[0] & 0x0f) * 4;
	total = frame_get16(c->p + 2);
	if (hdrlen < 20 || c->left < hdrlen || total < hdrlen)
		return FRAME_TRUNCATED;
	memcpy(&out->src_ip, c->p + 12, 4);
	memcpy(&out->dst_ip, c->p + 16, 4);
	if (c->p[9] != IP_PROTO_UDP)
		return FRAME_NOT_IPV4_UDP;
	frag = frame_get16(c->p + 6);

	/* Ethernet may pad a short packet: the IP length bounds it. */
	if (c->left > total)
		c->left = total;
	frame_skip(c, hdrlen);
	if ((frag & IP_OFFMASK) != 0)
		return FRAME_FRAGMENT;
	if ((frag & IP_MF) != 0) {
		frame_udp(c, out);
		return FRAME_FRAGMENT;
	}
	return frame_udp(c, out);
}

/* Link, then IPv4, then UDP; the first layer that fails decides. */
enum frame_result
frame_decode(int linktype, const uint8_t *data, size_t caplen,
    struct frame *out)
{
	struct frame_cursor c = { data, data == NULL ? 0 : caplen };
	enum frame_result r;

	memset(out, 0, sizeof *out);
	r = frame_link(linktype, &c, out);
	if (r != FRAME_UDP)
		return r;
	return frame_ipv4(&c, out);
}

/* Port test only: relays use 67 on both sides, clients 68. */
bool
frame_is_dhcp(const struct frame *f)
{
	return f->src_port == 67 || f->src_port == 68 ||
	    f->dst_port == 67 || f->dst_port == 68;
}

/* Link, IPv4 and UDP layers of a captured frame, down to the payload. */
#ifndef VMNW_FRAME_H
#define VMNW_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum frame_result {
	FRAME_UDP,		/* payload points at a complete UDP payload */
	FRAME_NOT_IPV4_UDP,	/* another protocol: not ours to count */
	FRAME_FRAGMENT,	/* an IPv4 fragment; a first one (offset 0)
				   still fills ports and payload */
	FRAME_TRUNCATED,	/* cut inside a link, IP or UDP header */
	FRAME_BAD_LINKTYPE,	/* a link type we do not decode */
};

struct frame {
	uint8_t		 src_mac[6], dst_mac[6];
	bool		 has_macs; /* Ethernet, or SLL's source only */
	uint16_t	 vlan; /* 802.1Q id of the outer tag, 0 if none */
	uint32_t	 src_ip, dst_ip;	/* network byte order */
	uint16_t	 src_port, dst_port;	/* host byte order */
	const uint8_t	*payload;
	size_t		 payload_len; /* min(UDP length - 8, captured) */
	bool		 payload_cut;	/* cut short of UDP length */
};

/*
 * Decode one frame of the given pcap link type (DLT_* value, already
 * masked to its low 16 bits by the caller). Handles Ethernet with
 * 802.1Q/802.1ad tags, Linux cooked v1 and v2, raw IP, BSD null and
 * loopback. Never reads past data + caplen.
 */
enum frame_result frame_decode(int linktype, const uint8_t *data,
    size_t caplen, struct frame *out);

/* Whether the UDP ports are those of DHCP (67 or 68 on either side). */
bool frame_is_dhcp(const struct frame *f);

#endif

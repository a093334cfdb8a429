/* DHCP/BOOTP message decoding (RFC 2131, 2132). */
#ifndef VMNW_DHCP_H
#define VMNW_DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_FIXED_LEN		236 /* op .. file, before the cookie */
#define DHCP_CHADDR_LEN		16
#define DHCP_SNAME_LEN		64
#define DHCP_FILE_LEN		128
#define DHCP_HOSTNAME_MAX	255
#define DHCP_CLIENTID_MAX	255
#define DHCP_PARAMS_MAX		255
#define DHCP_VENDOR_MAX		255
#define DHCP_RELAY_ID_MAX	255

enum dhcp_op {
	BOOTP_REQUEST = 1,
	BOOTP_REPLY = 2,
};

/* Option 53 values; 0 means the option is absent (plain BOOTP). */
enum dhcp_msg_type {
	DHCP_NONE = 0,
	DHCP_DISCOVER = 1,
	DHCP_OFFER = 2,
	DHCP_REQUEST = 3,
	DHCP_DECLINE = 4,
	DHCP_ACK = 5,
	DHCP_NAK = 6,
	DHCP_RELEASE = 7,
	DHCP_INFORM = 8,
	DHCP_FORCERENEW = 9,
	DHCP_LEASEQUERY = 10,
	DHCP_LEASEUNASSIGNED = 11,
	DHCP_LEASEUNKNOWN = 12,
	DHCP_LEASEACTIVE = 13,
	DHCP_MSG_MAX = 18, /* highest value with a name (RFC 6926, 7724) */
};

/* Why a message is not clean; more than one may be set. */
enum dhcp_error {
	DHCP_ERR_TRUNCATED = 1 << 0,	  /* cut inside the fixed header */
	DHCP_ERR_NO_COOKIE = 1 << 1,	/* missing or wrong magic cookie */
	DHCP_ERR_OPT_OVERRUN = 1 << 2,	  /* option length past the end */
	DHCP_ERR_NO_END = 1 << 3,	  /* options ran out without END */
	DHCP_ERR_OPT_LENGTH = 1 << 4, /* a fixed-size option of wrong size */
	DHCP_ERR_OVERLOAD = 1 << 5, /* option 52 bad, repeated or nested */
	DHCP_ERR_HLEN = 1 << 6,		  /* hlen above 16 */
	DHCP_ERR_RELAY = 1 << 7,	  /* option 82 sub-option overruns */
	DHCP_ERR_CLIENTID = 1 << 8,	  /* option 61 too short */
	DHCP_ERR_MSG_SIZE = 1 << 9,	  /* option 57 below 576 */
};

/*
 * One decoded message. Addresses are in network byte order, as in the
 * packet. Strings are raw bytes: pass them through sanitize_bytes() before
 * they reach a screen, log or report.
 */
struct dhcp_msg {
	uint8_t		op, htype, hlen, hops;
	uint32_t	xid;
	uint16_t	secs, flags;
	uint32_t	ciaddr, yiaddr, siaddr, giaddr;
	uint8_t		chaddr[DHCP_CHADDR_LEN];

	/* sname and file as strings, unless option 52 claimed them. */
	uint8_t		sname[DHCP_SNAME_LEN];
	uint8_t		file[DHCP_FILE_LEN];
	uint8_t		sname_len, file_len; /* up to the first NUL */
	bool		sname_is_options, file_is_options;

	bool		has_cookie;
	uint8_t		msg_type;		/* enum dhcp_msg_type */
	uint8_t		overload; /* option 52, 0 unless honoured */

	bool		has_requested_ip, has_server_id, has_lease_time;
	uint32_t	requested_ip, server_id;
	uint32_t	lease_time;	/* seconds, host byte order */

	/* Variable options: raw bytes and their count; has_* when seen. */
	bool		has_hostname;			/* option 12 */
	uint8_t		hostname_len;
	uint8_t		hostname[DHCP_HOSTNAME_MAX];

	bool		has_clientid;			/* option 61 */
	uint8_t		clientid_type;	/* its first byte */
	uint8_t		clientid_len;	/* bytes after type */
	uint8_t		clientid[DHCP_CLIENTID_MAX];

	bool		has_params;			/* option 55 */
	uint8_t		params_len;		/* one code a byte */
	uint8_t		params[DHCP_PARAMS_MAX];

	bool		has_vendor;			/* option 60 */
	uint8_t		vendor_len;
	uint8_t		vendor[DHCP_VENDOR_MAX];

	/* Option 82 sub-options 1 (circuit id) and 2 (remote id). */
	bool		has_relay;
	uint8_t		circuit_id_len, remote_id_len;
	uint8_t		circuit_id[DHCP_RELAY_ID_MAX];
	uint8_t		remote_id[DHCP_RELAY_ID_MAX];

	bool		has_max_size;
	uint16_t	max_size;		/* option 57 */

	unsigned	options_seen;		/* count of options read */
	unsigned	errors;		/* enum dhcp_error bits */
};

/*
 * Decode the UDP payload in buf. Returns 0 when the fixed header was
 * complete (the message may still carry errors) and -1 when it was cut
 * before chaddr ended, in which case only the fields before the cut are
 * set and errors has DHCP_ERR_TRUNCATED. Never reads past buf + len.
 */
int dhcp_decode(const uint8_t *buf, size_t len, struct dhcp_msg *msg);

/* Whether chaddr holds an Ethernet address (htype 1, hlen 6). */
bool dhcp_has_ether_chaddr(const struct dhcp_msg *msg);

/* A request from a client (as opposed to an answer from a server). */
bool dhcp_is_client_request(const struct dhcp_msg *msg);

/* An answer from a server: OFFER, ACK, NAK or a plain BOOTP reply. */
bool dhcp_is_server_answer(const struct dhcp_msg *msg);

/* "DISCOVER", "OFFER", ... ; "BOOTP" for none, "TYPE-N" beyond known. */
const char *dhcp_msg_type_name(uint8_t type, char buf[16]);

#endif

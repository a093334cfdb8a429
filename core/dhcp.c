/*
 * DHCP/BOOTP message decoding (RFC 951, 2131, 2132, 3046, 4361).
 *
 * Choices where the RFCs leave room:
 * - An option that appears twice replaces the earlier one.
 * - Option 61 needs a type byte and at least one byte after it; shorter
 *   is DHCP_ERR_CLIENTID and the option is ignored. Its content is not
 *   checked against hlen or the type: consumers compare bytes.
 * - Option 57 below 576 is DHCP_ERR_MSG_SIZE but its value is kept, so
 *   a detail view can show what the client claimed.
 * - Option 52 is honoured only from the main area, only the first time,
 *   and only as one byte of value 1, 2 or 3; anything else is
 *   DHCP_ERR_OVERLOAD and changes nothing. An overloaded area that ends
 *   without END is DHCP_ERR_NO_END as well.
 * - A message of 236 to 239 bytes (no room for the cookie) is
 *   DHCP_ERR_TRUNCATED; 240 bytes or more without the cookie is
 *   DHCP_ERR_NO_COOKIE. Neither has options.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"

#define DHCP_COOKIE		0x63825363u
#define DHCP_OPTIONS_AT		240
#define DHCP_SNAME_AT		44
#define DHCP_FILE_AT		108
#define DHCP_MIN_MAX_SIZE	576

#define OPT_PAD			0
#define OPT_HOSTNAME		12
#define OPT_REQUESTED_IP	50
#define OPT_LEASE_TIME		51
#define OPT_OVERLOAD		52
#define OPT_MSG_TYPE		53
#define OPT_SERVER_ID		54
#define OPT_PARAMS		55
#define OPT_MAX_SIZE		57
#define OPT_VENDOR		60
#define OPT_CLIENT_ID		61
#define OPT_RELAY		82
#define OPT_END			255

/* How an option's length is checked: exact, a multiple, or a minimum. */
enum dhcp_len_rule {
	LEN_ANY = 0,
	LEN_EXACT,
	LEN_MULTIPLE,		/* a non-zero multiple of n */
	LEN_MIN,
};

struct dhcp_len_check {
	uint8_t	rule;		/* enum dhcp_len_rule */
	uint8_t	n;
};

/* Length rules for the options whose size RFC 2132 and others fix. */
static const struct dhcp_len_check dhcp_len_checks[256] = {
	[1] = { LEN_EXACT, 4 },		/* subnet mask */
	[2] = { LEN_EXACT, 4 },		/* time offset */
	[3] = { LEN_MULTIPLE, 4 },	/* routers */
	[6] = { LEN_MULTIPLE, 4 },	/* name servers */
	[12] = { LEN_MIN, 1 },		/* host name */
	[13] = { LEN_EXACT, 2 },	/* boot file size */
	[15] = { LEN_MIN, 1 },		/* domain name */
	[26] = { LEN_EXACT, 2 },	/* interface MTU */
	[28] = { LEN_EXACT, 4 },	/* broadcast address */
	[33] = { LEN_MULTIPLE, 8 },	/* static routes */
	[42] = { LEN_MULTIPLE, 4 },	/* NTP servers */
	[44] = { LEN_MULTIPLE, 4 },	/* NetBIOS name servers */
	[50] = { LEN_EXACT, 4 },
	[51] = { LEN_EXACT, 4 },
	[53] = { LEN_EXACT, 1 },
	[54] = { LEN_EXACT, 4 },
	[55] = { LEN_MIN, 1 },
	[57] = { LEN_EXACT, 2 },
	[58] = { LEN_EXACT, 4 },	/* renewal time */
	[59] = { LEN_EXACT, 4 },	/* rebinding time */
	[60] = { LEN_MIN, 1 },
	[81] = { LEN_MIN, 3 },		/* client FQDN */
	[82] = { LEN_MIN, 2 },		/* relay agent information */
	[118] = { LEN_EXACT, 4 },	/* subnet selection */
	[121] = { LEN_MIN, 5 },		/* classless static routes */
};

/* Where options are being read from, and what the walk has seen. */
enum dhcp_area {
	AREA_MAIN,
	AREA_FILE,
	AREA_SNAME,
};

struct dhcp_walk {
	struct dhcp_msg	*msg;
	enum dhcp_area	 area;
	bool		 seen_overload;
};

/* Big-endian 16 bits. */
static uint16_t
dhcp_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Big-endian 32 bits. */
static uint32_t
dhcp_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * Clear everything a decode sets, but not the byte arrays: they are only
 * read up to their length, so a million decodes need not wipe 1.4 KB.
 */
static void
dhcp_msg_reset(struct dhcp_msg *m)
{
	size_t from, to;

	memset(m, 0, offsetof(struct dhcp_msg, sname));
	from = offsetof(struct dhcp_msg, sname_len);
	to = offsetof(struct dhcp_msg, hostname);
	memset((uint8_t *)m + from, 0, to - from);
	m->has_clientid = false;
	m->clientid_type = m->clientid_len = 0;
	m->has_params = false;
	m->params_len = 0;
	m->has_vendor = false;
	m->vendor_len = 0;
	m->has_relay = false;
	m->circuit_id_len = m->remote_id_len = 0;
	from = offsetof(struct dhcp_msg, has_max_size);
	memset((uint8_t *)m + from, 0, sizeof *m - from);
}

/* Whether an option's length obeys its rule. */
static bool
dhcp_len_ok(uint8_t code, uint8_t len)
{
	const struct dhcp_len_check *c = &dhcp_len_checks[code];

	switch (c->rule) {
	case LEN_EXACT:
		return len == c->n;
	case LEN_MULTIPLE:
		return len > 0 && len % c->n == 0;
	case LEN_MIN:
		return len >= c->n;
	default:
		return true;
	}
}

/* Option 82: keep sub-options 1 and 2; stop at one that overruns. */
static void
dhcp_relay_store(struct dhcp_msg *m, const uint8_t *p, uint8_t len)
{
	uint8_t code, sublen;

	m->has_relay = true;
	m->circuit_id_len = m->remote_id_len = 0;
	while (len > 0) {
		if (len < 2 || p[1] > len - 2) {
			m->errors |= DHCP_ERR_RELAY;
			return;
		}
		code = p[0];
		sublen = p[1];
		if (code == 1) {
			memcpy(m->circuit_id, p + 2, sublen);
			m->circuit_id_len = sublen;
		} else if (code == 2) {
			memcpy(m->remote_id, p + 2, sublen);
			m->remote_id_len = sublen;
		}
		p += 2 + sublen;
		len = (uint8_t)(len - 2 - sublen);
	}
}

/* Option 52: honoured once, from the main area, with a value 1..3. */
static void
dhcp_overload_store(struct dhcp_walk *w, const uint8_t *p, uint8_t len)
{
	bool repeated = w->seen_overload;

	w->seen_overload = true;
	if (w->area != AREA_MAIN || repeated || len != 1 || p[0] < 1 ||
	    p[0] > 3) {
		w->msg->errors |= DHCP_ERR_OVERLOAD;
		return;
	}
	w->msg->overload = p[0];
}

/* Option 61: a type byte, then the identifier. */
static void
dhcp_clientid_store(struct dhcp_msg *m, const uint8_t *p, uint8_t len)
{
	if (len < 2) {
		m->errors |= DHCP_ERR_CLIENTID;
		return;
	}
	m->has_clientid = true;
	m->clientid_type = p[0];
	m->clientid_len = len - 1;
	memcpy(m->clientid, p + 1, len - 1);
}

/* Keep the options of variable size that the feed and model read. */
static void
dhcp_bytes_store(struct dhcp_msg *m, uint8_t code, const uint8_t *p,
    uint8_t len)
{
	switch (code) {
	case OPT_HOSTNAME:
		m->has_hostname = true;
		m->hostname_len = len;
		memcpy(m->hostname, p, len);
		break;
	case OPT_PARAMS:
		m->has_params = true;
		m->params_len = len;
		memcpy(m->params, p, len);
		break;
	case OPT_VENDOR:
		m->has_vendor = true;
		m->vendor_len = len;
		memcpy(m->vendor, p, len);
		break;
	}
}

/* Keep one option whose length has been checked against the buffer. */
static void
dhcp_option_store(struct dhcp_walk *w, uint8_t code, const uint8_t *p,
    uint8_t len)
{
	struct dhcp_msg *m = w->msg;

	if (code == OPT_OVERLOAD) {
		dhcp_overload_store(w, p, len);
		return;
	}
	if (code == OPT_CLIENT_ID) {
		dhcp_clientid_store(m, p, len);
		return;
	}
	if (!dhcp_len_ok(code, len)) {
		m->errors |= DHCP_ERR_OPT_LENGTH;
		return;
	}

	switch (code) {
	case OPT_MSG_TYPE:
		m->msg_type = p[0];
		break;
	case OPT_REQUESTED_IP:
		m->has_requested_ip = true;
		memcpy(&m->requested_ip, p, 4);
		break;
	case OPT_SERVER_ID:
		m->has_server_id = true;
		memcpy(&m->server_id, p, 4);
		break;
	case OPT_LEASE_TIME:
		m->has_lease_time = true;
		m->lease_time = dhcp_get32(p);
		break;
	case OPT_MAX_SIZE:
		m->has_max_size = true;
		m->max_size = dhcp_get16(p);
		if (m->max_size < DHCP_MIN_MAX_SIZE)
			m->errors |= DHCP_ERR_MSG_SIZE;
		break;
	case OPT_RELAY:
		dhcp_relay_store(m, p, len);
		break;
	default:
		dhcp_bytes_store(m, code, p, len);
	}
}

/* Walk one option area: code, length, value, until END. */
static void
dhcp_options_walk(struct dhcp_walk *w, const uint8_t *p, size_t left)
{
	uint8_t code, len;

	while (left > 0) {
		code = *p++;
		left--;
		if (code == OPT_PAD)
			continue;
		if (code == OPT_END)
			return;
		if (left < 1 || p[0] > left - 1) {
			w->msg->errors |= DHCP_ERR_OPT_OVERRUN;
			return;
		}
		len = p[0];
		w->msg->options_seen++;
		dhcp_option_store(w, code, p + 1, len);
		p += 1 + (size_t)len;
		left -= 1 + (size_t)len;
	}
	w->msg->errors |= DHCP_ERR_NO_END;
}

/* sname or file as a string: up to the first NUL, within the field. */
static uint8_t
dhcp_field_copy(uint8_t *dst, const uint8_t *src, size_t avail)
{
	const uint8_t *nul = memchr(src, '\0', avail);
	size_t n = nul == NULL ? avail : (size_t)(nul - src);

	memcpy(dst, src, n);
	return (uint8_t)n;
}

/*
 * The fixed header up to chaddr; false when cut, with the fields
 * before the cut set. Each step checks the bytes it needs.
 */
static bool
dhcp_header_read(struct dhcp_msg *m, const uint8_t *buf, size_t len)
{
	if (len < 4)
		goto cut;
	m->op = buf[0];
	m->htype = buf[1];
	m->hlen = buf[2];
	m->hops = buf[3];
	if (len < 8)
		goto cut;
	m->xid = dhcp_get32(buf + 4);
	if (len < 10)
		goto cut;
	m->secs = dhcp_get16(buf + 8);
	if (len < 12)
		goto cut;
	m->flags = dhcp_get16(buf + 10);
	if (len < 28)
		goto cut;
	memcpy(&m->ciaddr, buf + 12, 4);
	memcpy(&m->yiaddr, buf + 16, 4);
	memcpy(&m->siaddr, buf + 20, 4);
	memcpy(&m->giaddr, buf + 24, 4);
	if (len < DHCP_SNAME_AT)
		goto cut;
	memcpy(m->chaddr, buf + 28, DHCP_CHADDR_LEN);
	return true;
cut:
	m->errors |= DHCP_ERR_TRUNCATED;
	return false;
}

/* The option areas in the order RFC 2131 gives: main, file, sname. */
static void
dhcp_areas_walk(struct dhcp_msg *m, const uint8_t *buf, size_t len)
{
	struct dhcp_walk w = { m, AREA_MAIN, false };

	dhcp_options_walk(&w, buf + DHCP_OPTIONS_AT, len - DHCP_OPTIONS_AT);
	if (m->overload & 1) {
		w.area = AREA_FILE;
		m->file_is_options = true;
		m->file_len = 0;
		dhcp_options_walk(&w, buf + DHCP_FILE_AT, DHCP_FILE_LEN);
	}
	if (m->overload & 2) {
		w.area = AREA_SNAME;
		m->sname_is_options = true;
		m->sname_len = 0;
		dhcp_options_walk(&w, buf + DHCP_SNAME_AT, DHCP_SNAME_LEN);
	}
}

/* Fixed header, then the cookie, then every option area. */
int
dhcp_decode(const uint8_t *buf, size_t len, struct dhcp_msg *msg)
{
	size_t avail;

	dhcp_msg_reset(msg);
	if (buf == NULL)
		len = 0;
	if (!dhcp_header_read(msg, buf, len))
		return -1;
	if (msg->hlen > DHCP_CHADDR_LEN)
		msg->errors |= DHCP_ERR_HLEN;

	avail = len - DHCP_SNAME_AT;
	msg->sname_len = dhcp_field_copy(msg->sname, buf + DHCP_SNAME_AT,
	    avail < DHCP_SNAME_LEN ? avail : DHCP_SNAME_LEN);
	if (len > DHCP_FILE_AT) {
		avail = len - DHCP_FILE_AT;
		msg->file_len = dhcp_field_copy(msg->file, buf + DHCP_FILE_AT,
		    avail < DHCP_FILE_LEN ? avail : DHCP_FILE_LEN);
	}
	if (len < DHCP_OPTIONS_AT) {
		msg->errors |= DHCP_ERR_TRUNCATED;
		return 0;
	}

	if (dhcp_get32(buf + DHCP_FIXED_LEN) != DHCP_COOKIE) {
		msg->errors |= DHCP_ERR_NO_COOKIE;
		return 0;
	}
	msg->has_cookie = true;
	dhcp_areas_walk(msg, buf, len);
	return 0;
}

/* Only then is chaddr a MAC that can be joined with leases and VMs. */
bool
dhcp_has_ether_chaddr(const struct dhcp_msg *msg)
{
	return msg->htype == 1 && msg->hlen == 6;
}

/*
 * Messages a client sends (RELEASE and DECLINE expect no answer). Plain
 * BOOTP counts by its op code; a leasequery comes from a relay agent,
 * not a client, and is not counted.
 */
bool
dhcp_is_client_request(const struct dhcp_msg *msg)
{
	switch (msg->msg_type) {
	case DHCP_NONE:
		return msg->op == BOOTP_REQUEST;
	case DHCP_DISCOVER:
	case DHCP_REQUEST:
	case DHCP_DECLINE:
	case DHCP_RELEASE:
	case DHCP_INFORM:
		return true;
	default:
		return false;
	}
}

/* OFFER, ACK, NAK, and a plain BOOTP reply, which answers a BOOTP request. */
bool
dhcp_is_server_answer(const struct dhcp_msg *msg)
{
	switch (msg->msg_type) {
	case DHCP_NONE:
		return msg->op == BOOTP_REPLY;
	case DHCP_OFFER:
	case DHCP_ACK:
	case DHCP_NAK:
		return true;
	default:
		return false;
	}
}

/* Message type names as RFC 2132, 4388, 6926 and 7724 spell them. */
const char *
dhcp_msg_type_name(uint8_t type, char buf[16])
{
	static const char *const names[DHCP_MSG_MAX + 1] = {
		"BOOTP", "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK",
		"NAK", "RELEASE", "INFORM", "FORCERENEW", "LEASEQUERY",
		"LEASEUNASSIGNED", "LEASEUNKNOWN", "LEASEACTIVE",
		"BULKLEASEQUERY", "LEASEQUERYDONE", "ACTIVELEASEQUERY",
		"LEASEQUERYSTATUS", "TLS",
	};

	if (type <= DHCP_MSG_MAX)
		return names[type];
	snprintf(buf, 16, "TYPE-%u", type);
	return buf;
}

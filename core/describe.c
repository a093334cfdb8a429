/*
 * A full human-readable decode of one captured frame, line by line.
 *
 * This walks the frame on its own rather than through frame_decode()
 * and dhcp_decode(): a detail view wants every header field and every
 * option in wire order, and wants each problem shown where it sits.
 * Text from the packet goes through sanitize_bytes() before it is put
 * into a line; everything else in a line is our own ASCII.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "describe.h"
#include "dhcp.h"
#include "sanitize.h"
#include "util.h"

#define DESCRIBE_LINE_MAX	2048
#define DESCRIBE_TEXT_MAX	1280	/* 255 bytes, escaped */
#define DESCRIBE_PARAMS_PER_LINE 4

/* Where lines go, and the option-overload state of the walk. */
struct describe {
	describe_line_fn	*line;
	void			*ctx;
	bool			 seen_overload;
	uint8_t			 overload; /* the value honoured */
};

/* How an option's value is shown. */
enum describe_fmt {
	FMT_HEX = 0,
	FMT_IP,
	FMT_IPS,
	FMT_U8,
	FMT_U16,
	FMT_U32,
	FMT_S32,
	FMT_SECS,
	FMT_BOOL,
	FMT_STR,
	FMT_MSGTYPE,
	FMT_OVERLOAD,
	FMT_PARAMS,
	FMT_MAXSIZE,
	FMT_CLIENTID,
	FMT_FQDN,
	FMT_RELAY,
	FMT_ROUTES,
	FMT_CLASSLESS,
	FMT_DOMAINS,
};

struct describe_opt {
	const char	*name;
	uint8_t		 fmt;	/* enum describe_fmt */
};

/* Option names in tcpdump's spelling where it has one. */
static const struct describe_opt describe_opts[256] = {
	[1] = { "Subnet-Mask", FMT_IP },
	[2] = { "Time-Zone", FMT_S32 },
	[3] = { "Default-Gateway", FMT_IPS },
	[4] = { "Time-Server", FMT_IPS },
	[5] = { "IEN-Name-Server", FMT_IPS },
	[6] = { "Domain-Name-Server", FMT_IPS },
	[7] = { "Log-Server", FMT_IPS },
	[8] = { "Cookie-Server", FMT_IPS },
	[9] = { "LPR-Server", FMT_IPS },
	[10] = { "Impress-Server", FMT_IPS },
	[11] = { "RLP-Server", FMT_IPS },
	[12] = { "Hostname", FMT_STR },
	[13] = { "BS", FMT_U16 },
	[14] = { "Merit-Dump", FMT_STR },
	[15] = { "Domain-Name", FMT_STR },
	[16] = { "Swap-Server", FMT_IP },
	[17] = { "Root-Path", FMT_STR },
	[18] = { "Extensions-Path", FMT_STR },
	[19] = { "IP-Forwarding", FMT_BOOL },
	[20] = { "Non-Local-Source-Routing", FMT_BOOL },
	[22] = { "Max-Datagram-Reassembly", FMT_U16 },
	[23] = { "Default-IP-TTL", FMT_U8 },
	[24] = { "MTU-Timeout", FMT_SECS },
	[26] = { "MTU", FMT_U16 },
	[27] = { "All-Subnets-Local", FMT_BOOL },
	[28] = { "BR", FMT_IP },
	[29] = { "Mask-Discovery", FMT_BOOL },
	[30] = { "Mask-Supplier", FMT_BOOL },
	[31] = { "Router-Discovery", FMT_BOOL },
	[32] = { "Router-Solicitation-Address", FMT_IP },
	[33] = { "Static-Route", FMT_ROUTES },
	[34] = { "Trailer-Encapsulation", FMT_BOOL },
	[35] = { "ARP-Cache-Timeout", FMT_SECS },
	[36] = { "Ethernet-Encapsulation", FMT_BOOL },
	[37] = { "Default-TCP-TTL", FMT_U8 },
	[38] = { "TCP-Keepalive-Interval", FMT_SECS },
	[39] = { "TCP-Keepalive-Garbage", FMT_BOOL },
	[40] = { "YD", FMT_STR },
	[41] = { "YS", FMT_IPS },
	[42] = { "NTP", FMT_IPS },
	[43] = { "Vendor-Option", FMT_HEX },
	[44] = { "Netbios-Name-Server", FMT_IPS },
	[45] = { "Netbios-Datagram-Distribution", FMT_IPS },
	[46] = { "Netbios-Node", FMT_U8 },
	[47] = { "Netbios-Scope", FMT_STR },
	[48] = { "X-Font-Server", FMT_IPS },
	[49] = { "X-Display-Manager", FMT_IPS },
	[50] = { "Requested-IP", FMT_IP },
	[51] = { "Lease-Time", FMT_SECS },
	[52] = { "Option-Overload", FMT_OVERLOAD },
	[53] = { "DHCP-Message", FMT_MSGTYPE },
	[54] = { "Server-ID", FMT_IP },
	[55] = { "Parameter-Request", FMT_PARAMS },
	[56] = { "Message", FMT_STR },
	[57] = { "MSZ", FMT_MAXSIZE },
	[58] = { "RN", FMT_SECS },
	[59] = { "RB", FMT_SECS },
	[60] = { "Vendor-Class", FMT_STR },
	[61] = { "Client-ID", FMT_CLIENTID },
	[64] = { "NIS+-Domain", FMT_STR },
	[65] = { "NIS+-Server", FMT_IPS },
	[66] = { "TFTP", FMT_STR },
	[67] = { "BF", FMT_STR },
	[69] = { "SMTP", FMT_IPS },
	[70] = { "POP3", FMT_IPS },
	[71] = { "NNTP", FMT_IPS },
	[72] = { "WWW", FMT_IPS },
	[73] = { "Finger", FMT_IPS },
	[74] = { "IRC", FMT_IPS },
	[77] = { "User-Class", FMT_HEX },
	[81] = { "FQDN", FMT_FQDN },
	[82] = { "Agent-Information", FMT_RELAY },
	[91] = { "Last-Transaction-Time", FMT_U32 },
	[92] = { "Associated-IP", FMT_IPS },
	[95] = { "LDAP", FMT_STR },
	[100] = { "POSIX-TZ", FMT_STR },
	[101] = { "TZ-Name", FMT_STR },
	[108] = { "IPv6-Only-Preferred", FMT_SECS },
	[114] = { "URL", FMT_STR },
	[118] = { "Subnet-Selection", FMT_IP },
	[119] = { "Domain-Search", FMT_DOMAINS },
	[121] = { "Classless-Static-Route", FMT_CLASSLESS },
	[150] = { "TFTP-Server-Address", FMT_IPS },
	[161] = { "MUD-URL", FMT_STR },
};

/* Format one line and hand it to the caller. */
static void __attribute__((format(printf, 3, 4)))
describe_emit(struct describe *d, int indent, const char *fmt, ...)
{
	char buf[DESCRIBE_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	d->line(d->ctx, indent, buf);
}

/* Big-endian 16 bits. */
static uint16_t
describe_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Big-endian 32 bits. */
static uint32_t
describe_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* A dotted quad of the 4 bytes at p. */
static char *
describe_ip(char *dst, const uint8_t *p)
{
	uint32_t addr;

	memcpy(&addr, p, 4);
	return ip_format(dst, addr);
}

/* Bytes as 0x and hex digits (nothing for none); room for 255. */
static char *
describe_hex(char *dst, size_t dstsz, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, at = 2;

	if (n == 0) {
		dst[0] = '\0';
		return dst;
	}
	snprintf(dst, dstsz, "0x");
	for (i = 0; i < n && at + 3 <= dstsz; i++) {
		dst[at++] = hex[p[i] >> 4];
		dst[at++] = hex[p[i] & 0xf];
	}
	dst[at] = '\0';
	return dst;
}

/* Untrusted bytes made safe to show. */
static char *
describe_text(char *dst, size_t dstsz, const uint8_t *p, size_t n)
{
	sanitize_bytes(dst, dstsz, p, n);
	return dst;
}

/* Quoted text when every byte is printable ASCII, else hex; dstsz > 2. */
static char *
describe_blob(char *dst, size_t dstsz, const uint8_t *p, size_t n)
{
	size_t i, used;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] > 0x7e)
			return describe_hex(dst, dstsz, p, n);
	}
	dst[0] = '"';
	used = sanitize_bytes(dst + 1, dstsz - 2, p, n);
	memcpy(dst + 1 + used, "\"", 2);
	return dst;
}

/* An option's name, or "Unknown" as tcpdump says. */
static const char *
describe_opt_name(uint8_t code)
{
	if (code == 0)
		return "PAD";
	if (code == 255)
		return "END";
	if (describe_opts[code].name == NULL)
		return "Unknown";
	return describe_opts[code].name;
}

/* A problem, stated where it was found. */
static void __attribute__((format(printf, 3, 4)))
describe_problem(struct describe *d, int indent, const char *fmt, ...)
{
	char buf[DESCRIBE_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	describe_emit(d, indent, "problem: %s", buf);
}

/* The head of an option line with a value already formatted. */
static void
describe_opt_line(struct describe *d, int indent, uint8_t code,
    uint8_t len, const char *value)
{
	describe_emit(d, indent, "%s (%u), length %u%s%s",
	    describe_opt_name(code), code, len, *value ? ": " : "", value);
}

/* An option shown in hex, with the reason it could not be read. */
static void
describe_opt_bad(struct describe *d, int indent, uint8_t code,
    const uint8_t *p, uint8_t len, const char *why)
{
	char hex[DESCRIBE_TEXT_MAX];

	describe_opt_line(d, indent, code, len,
	    describe_hex(hex, sizeof hex, p, len));
	describe_problem(d, indent + 1, "%s", why);
}

/* A list of addresses, comma separated. */
static void
describe_opt_ips(struct describe *d, int indent, uint8_t code,
    const uint8_t *p, uint8_t len)
{
	char out[DESCRIBE_LINE_MAX], ip[IP_STR_MAX];
	size_t at = 0, i;

	if (len == 0 || len % 4 != 0) {
		describe_opt_bad(d, indent, code, p, len,
		    "length is not a non-zero multiple of 4");
		return;
	}
	out[0] = '\0';
	for (i = 0; i < len; i += 4) {
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s",
		    i > 0 ? "," : "", describe_ip(ip, p + i));
	}
	describe_opt_line(d, indent, code, len, out);
}

/* Seconds, with "infinite" for the all-ones value of RFC 2131. */
static void
describe_opt_secs(char *out, size_t outsz, uint32_t v)
{
	if (v == 0xffffffffu)
		snprintf(out, outsz, "infinite");
	else
		snprintf(out, outsz, "%u", v);
}

/* Options of one fixed size: address, integers, flag, type, overload. */
static bool
describe_opt_fixed(char *out, size_t outsz, uint8_t fmt, const uint8_t *p,
    uint8_t len)
{
	char buf[16];

	switch (fmt) {
	case FMT_IP:
		return len == 4 && describe_ip(out, p) != NULL;
	case FMT_U8:
		return len == 1 && snprintf(out, outsz, "%u", p[0]) > 0;
	case FMT_BOOL:
		return len == 1 && snprintf(out, outsz, "%s",
		    p[0] == 0 ? "N" : p[0] == 1 ? "Y" : "invalid") > 0;
	case FMT_U16:
	case FMT_MAXSIZE:
		return len == 2 &&
		    snprintf(out, outsz, "%u", describe_get16(p)) > 0;
	case FMT_U32:
		return len == 4 &&
		    snprintf(out, outsz, "%u", describe_get32(p)) > 0;
	case FMT_S32:
		return len == 4 && snprintf(out, outsz, "%d",
		    (int32_t)describe_get32(p)) > 0;
	case FMT_SECS:
		if (len == 4)
			describe_opt_secs(out, outsz, describe_get32(p));
		return len == 4;
	case FMT_MSGTYPE:
		return len == 1 && snprintf(out, outsz, "%s",
		    dhcp_msg_type_name(p[0], buf)) > 0;
	default:
		return false;
	}
}

/* The size an option of a fixed format must have. */
static unsigned
describe_fixed_size(uint8_t fmt)
{
	switch (fmt) {
	case FMT_U8:
	case FMT_BOOL:
	case FMT_MSGTYPE:
		return 1;
	case FMT_U16:
	case FMT_MAXSIZE:
		return 2;
	default:
		return 4;
	}
}

/* Option 52: which fields it claims, and whether it is honoured. */
static void
describe_opt_overload(struct describe *d, int indent, const uint8_t *p,
    uint8_t len, bool main_area)
{
	static const char *const what[] = {
		"", "file holds options", "sname holds options",
		"file and sname hold options",
	};
	bool repeated = d->seen_overload;

	d->seen_overload = true;
	if (len != 1 || p[0] < 1 || p[0] > 3) {
		describe_opt_bad(d, indent, 52, p, len,
		    "overload must be one byte of value 1, 2 or 3: ignored");
		return;
	}
	describe_opt_line(d, indent, 52, len, what[p[0]]);
	if (!main_area)
		describe_problem(d, indent + 1,
		    "overload inside sname or file: ignored");
	else if (repeated)
		describe_problem(d, indent + 1,
		    "overload option repeated: ignored");
}

/* Option 55: one option code a byte, four names to a line. */
static void
describe_opt_params(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	char out[DESCRIBE_LINE_MAX];
	size_t at = 0, i;

	describe_opt_line(d, indent, 55, len, "");
	if (len == 0)
		describe_problem(d, indent + 1, "empty parameter list");
	for (i = 0; i < len; i++) {
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s (%u)",
		    at > 0 ? ", " : "", describe_opt_name(p[i]), p[i]);
		if ((i + 1) % DESCRIBE_PARAMS_PER_LINE == 0 || i + 1 == len) {
			describe_emit(d, indent + 1, "%s", out);
			at = 0;
		}
	}
}

/* Option 61: the type byte decides how the rest reads. */
static void
describe_opt_clientid(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	char out[DESCRIBE_LINE_MAX], val[DESCRIBE_TEXT_MAX];

	if (len < 2) {
		describe_opt_bad(d, indent, 61, p, len,
		    "length below 2: a type byte alone identifies nobody");
		return;
	}
	if (p[0] == 0)
		snprintf(out, sizeof out, "\"%s\"",
		    describe_text(val, sizeof val, p + 1, len - 1u));
	else if (p[0] == 1 && len == 7)
		snprintf(out, sizeof out, "ether %s",
		    mac_format(val, p + 1, 6));
	else if (p[0] == 255 && len >= 7)
		snprintf(out, sizeof out, "IAID 0x%08x, DUID %s",
		    describe_get32(p + 1),
		    describe_hex(val, sizeof val, p + 5, len - 5u));
	else
		snprintf(out, sizeof out, "hardware-type %u, %s", p[0],
		    describe_hex(val, sizeof val, p + 1, len - 1u));
	describe_opt_line(d, indent, 61, len, out);
	if (p[0] == 255 && len < 7)
		describe_problem(d, indent + 1,
		    "type 255 needs a 4-byte IAID and a DUID");
}

/*
 * One domain name in DNS wire format at *pos of base (RFC 1035),
 * following compression pointers backwards only. False on a bad name.
 */
static bool
describe_dns_name(const uint8_t *base, size_t blen, size_t *pos, char *out,
    size_t outsz)
{
	char label[DESCRIBE_TEXT_MAX];
	size_t at = *pos, o = 0, jumps = 0;
	bool jumped = false;
	uint8_t n;

	out[0] = '\0';
	for (;;) {
		if (at >= blen)
			return false;
		n = base[at];
		if (n == 0)
			break;
		if ((n & 0xc0) == 0xc0) {
			if (at + 1 >= blen || ++jumps > 64)
				return false;
			if (!jumped)
				*pos = at + 2;
			jumped = true;
			if ((size_t)((n & 0x3f) << 8 | base[at + 1]) >= at)
				return false;
			at = (size_t)((n & 0x3f) << 8 | base[at + 1]);
			continue;
		}
		if ((n & 0xc0) != 0 || at + 1 + n > blen)
			return false;
		describe_text(label, sizeof label, base + at + 1, n);
		o += (size_t)snprintf(out + o, outsz - o, "%s.", label);
		if (o >= outsz)
			o = outsz - 1;
		at += 1 + (size_t)n;
	}
	if (!jumped)
		*pos = at + 1;
	return true;
}

/* Option 119: a list of names, one a line. */
static void
describe_opt_domains(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	char name[DESCRIBE_LINE_MAX];
	size_t pos = 0, start;

	describe_opt_line(d, indent, 119, len, "");
	while (pos < len) {
		start = pos;
		if (!describe_dns_name(p, len, &pos, name, sizeof name)) {
			describe_problem(d, indent + 1,
			    "bad name encoding at byte %zu", start);
			return;
		}
		describe_emit(d, indent + 1, "%s", name);
	}
}

/* Option 81: flags, two obsolete rcodes, then the name. */
static void
describe_opt_fqdn(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	char out[DESCRIBE_LINE_MAX], name[DESCRIBE_TEXT_MAX];
	size_t pos = 3;
	bool ok = true;

	if (len < 3) {
		describe_opt_bad(d, indent, 81, p, len, "length below 3");
		return;
	}
	if (p[0] & 0x04) {
		name[0] = '\0';
		if (len > 3)
			ok = describe_dns_name(p, len, &pos, name,
			    sizeof name);
	} else
		describe_text(name, sizeof name, p + 3, len - 3u);
	snprintf(out, sizeof out, "flags 0x%02x [%s%s%s%s], \"%s\"", p[0],
	    p[0] & 0x01 ? "S" : "", p[0] & 0x02 ? "O" : "",
	    p[0] & 0x04 ? "E" : "", p[0] & 0x08 ? "N" : "", name);
	describe_opt_line(d, indent, 81, len, out);
	if (!ok)
		describe_problem(d, indent + 1, "bad name encoding");
}

/* Option 82: sub-options; one that overruns the option ends it. */
static void
describe_opt_relay(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	static const char *const names[] = {
		"Sub-option", "Circuit-ID", "Remote-ID",
	};
	char val[DESCRIBE_TEXT_MAX];
	size_t left = len;

	describe_opt_line(d, indent, 82, len, "");
	while (left > 0) {
		if (left < 2 || p[1] > left - 2) {
			describe_problem(d, indent + 1,
			    "sub-option length goes past end of option");
			return;
		}
		describe_emit(d, indent + 1, "%s (%u), length %u: %s",
		    names[p[0] <= 2 ? p[0] : 0], p[0], p[1],
		    describe_blob(val, sizeof val, p + 2, p[1]));
		left -= 2 + (size_t)p[1];
		p += 2 + (size_t)p[1];
	}
}

/* Option 33: pairs of destination and router. */
static void
describe_opt_routes(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	char dst[IP_STR_MAX], gw[IP_STR_MAX];
	size_t i;

	if (len == 0 || len % 8 != 0) {
		describe_opt_bad(d, indent, 33, p, len,
		    "length is not a non-zero multiple of 8");
		return;
	}
	describe_opt_line(d, indent, 33, len, "");
	for (i = 0; i < len; i += 8)
		describe_emit(d, indent + 1, "%s via %s",
		    describe_ip(dst, p + i), describe_ip(gw, p + i + 4));
}

/* Option 121 (RFC 3442): width, significant octets, router. */
static void
describe_opt_classless(struct describe *d, int indent, const uint8_t *p,
    uint8_t len)
{
	char dst[IP_STR_MAX], gw[IP_STR_MAX];
	uint8_t net[4];
	size_t left = len, sig;

	describe_opt_line(d, indent, 121, len, "");
	if (len < 5)
		describe_problem(d, indent + 1, "length below 5");
	while (left > 0) {
		sig = ((size_t)p[0] + 7) / 8;
		if (p[0] > 32 || left < 1 + sig + 4) {
			describe_problem(d, indent + 1,
			    "bad route at byte %zu", (size_t)len - left);
			return;
		}
		memset(net, 0, sizeof net);
		memcpy(net, p + 1, sig);
		describe_emit(d, indent + 1, "%s/%u via %s",
		    describe_ip(dst, net), p[0], describe_ip(gw, p + 1 + sig));
		left -= 1 + sig + 4;
		p += 1 + sig + 4;
	}
}

/* Options shown on one line: strings, numbers, addresses, hex. */
static void
describe_opt_simple(struct describe *d, int indent, uint8_t code,
    const uint8_t *p, uint8_t len)
{
	char out[DESCRIBE_LINE_MAX], text[DESCRIBE_TEXT_MAX], why[64];
	uint8_t fmt = describe_opts[code].fmt;

	if (fmt == FMT_HEX) {
		describe_opt_line(d, indent, code, len,
		    describe_hex(out, sizeof out, p, len));
		return;
	}
	if (fmt == FMT_STR) {
		snprintf(out, sizeof out, "\"%s\"",
		    describe_text(text, sizeof text, p, len));
		describe_opt_line(d, indent, code, len, out);
		if (len == 0)
			describe_problem(d, indent + 1, "empty string");
		return;
	}
	if (!describe_opt_fixed(out, sizeof out, fmt, p, len)) {
		snprintf(why, sizeof why, "length should be %u",
		    describe_fixed_size(fmt));
		describe_opt_bad(d, indent, code, p, len, why);
		return;
	}
	describe_opt_line(d, indent, code, len, out);
	if (fmt == FMT_MAXSIZE && describe_get16(p) < 576)
		describe_problem(d, indent + 1, "maximum size below 576");
}

/* One option whose bytes are all present. */
static void
describe_option(struct describe *d, int indent, uint8_t code,
    const uint8_t *p, uint8_t len, bool main_area)
{
	switch (describe_opts[code].fmt) {
	case FMT_IPS:
		describe_opt_ips(d, indent, code, p, len);
		break;
	case FMT_OVERLOAD:
		describe_opt_overload(d, indent, p, len, main_area);
		break;
	case FMT_PARAMS:
		describe_opt_params(d, indent, p, len);
		break;
	case FMT_CLIENTID:
		describe_opt_clientid(d, indent, p, len);
		break;
	case FMT_FQDN:
		describe_opt_fqdn(d, indent, p, len);
		break;
	case FMT_RELAY:
		describe_opt_relay(d, indent, p, len);
		break;
	case FMT_ROUTES:
		describe_opt_routes(d, indent, p, len);
		break;
	case FMT_CLASSLESS:
		describe_opt_classless(d, indent, p, len);
		break;
	case FMT_DOMAINS:
		describe_opt_domains(d, indent, p, len);
		break;
	default:
		describe_opt_simple(d, indent, code, p, len);
	}
}

/* What follows END: padding, or something that should not be there. */
static void
describe_after_end(struct describe *d, int indent, const uint8_t *p,
    size_t left)
{
	size_t i;

	if (left == 0)
		return;
	for (i = 0; i < left && p[i] == 0; i++)
		;
	if (i == left)
		describe_emit(d, indent, "%zu bytes of padding after END",
		    left);
	else
		describe_emit(d, indent, "%zu bytes after END, not all zero",
		    left);
}

/* A run of PAD bytes as one line; returns how many there were. */
static size_t
describe_pads(struct describe *d, int indent, const uint8_t *p, size_t left)
{
	size_t n = 0;

	while (n < left && p[n] == 0)
		n++;
	if (n == 1)
		describe_emit(d, indent, "PAD (0)");
	else
		describe_emit(d, indent, "PAD (0), %zu bytes", n);
	return n;
}

/* Walk one option area in wire order: PAD, END, code-length-value. */
static void
describe_options(struct describe *d, int indent, const uint8_t *p,
    size_t left, const char *where, bool main_area)
{
	size_t n;

	while (left > 0) {
		if (p[0] == 0) {
			n = describe_pads(d, indent, p, left);
			p += n;
			left -= n;
			continue;
		}
		if (p[0] == 255) {
			describe_emit(d, indent, "END (255)");
			describe_after_end(d, indent, p + 1, left - 1);
			return;
		}
		if (left < 2 || p[1] > left - 2) {
			describe_problem(d, indent, "%s (%u): length goes past "
			    "end of %s", describe_opt_name(p[0]), p[0], where);
			return;
		}
		describe_option(d, indent, p[0], p + 2, p[1], main_area);
		left -= 2 + (size_t)p[1];
		p += 2 + (size_t)p[1];
	}
	describe_problem(d, indent, "no END option in %s", where);
}

/* The overload value the main area sets, decided as dhcp_decode() does. */
static uint8_t
describe_overload_value(const uint8_t *buf, size_t len)
{
	struct dhcp_msg msg;

	if (dhcp_decode(buf, len, &msg) != 0)
		return 0;
	return msg.overload;
}

/* sname or file: text up to the first NUL, or the options it holds. */
static void
describe_field(struct describe *d, const char *what, const uint8_t *p,
    size_t size, size_t avail)
{
	char text[DESCRIBE_TEXT_MAX];
	const uint8_t *nul;
	size_t n = avail < size ? avail : size;

	nul = memchr(p, '\0', n);
	if (nul == NULL && n == 0)
		return;
	describe_emit(d, 1, "%s \"%s\"%s", what,
	    describe_text(text, sizeof text, p, nul ? (size_t)(nul - p) : n),
	    nul == NULL && n == size ? " (not NUL-terminated)" : "");
}

/* op, htype, hlen, hops, xid, secs and flags, as far as present. */
static void
describe_bootp_head(struct describe *d, const uint8_t *p, size_t len)
{
	uint16_t flags;

	if (len >= 4)
		describe_emit(d, 1, "op %u (%s), htype %u%s, hlen %u, hops %u",
		    p[0], p[0] == 1 ? "request" : p[0] == 2 ? "reply" :
		    "unknown", p[1], p[1] == 1 ? " (Ethernet)" : "", p[2],
		    p[3]);
	if (len >= 8)
		describe_emit(d, 1, "xid 0x%08x", describe_get32(p + 4));
	if (len >= 10)
		describe_emit(d, 1, "secs %u", describe_get16(p + 8));
	if (len >= 12) {
		flags = describe_get16(p + 10);
		describe_emit(d, 1, "flags 0x%04x%s%s", flags,
		    flags & 0x8000 ? " [broadcast]" : "",
		    flags & 0x7fff ? " (reserved bits set)" : "");
	}
}

/* ciaddr, yiaddr, siaddr, giaddr and chaddr. */
static void
describe_bootp_addrs(struct describe *d, const uint8_t *p, size_t len)
{
	static const char *const names[] = {
		"Client-IP", "Your-IP", "Server-IP", "Gateway-IP",
	};
	char buf[MAC_STR_MAX + 1];
	size_t i, hlen;

	if (len < 28)
		return;
	for (i = 0; i < 4; i++)
		describe_emit(d, 1, "%s %s", names[i],
		    describe_ip(buf, p + 12 + 4 * i));
	if (len < 44)
		return;

	hlen = p[2] > 16 ? 16 : p[2];
	describe_emit(d, 1, "%s %s", p[1] == 1 && p[2] == 6 ?
	    "Client-Ethernet-Address" : "Client-Hardware-Address",
	    hlen > 0 ? mac_format(buf, p + 28, hlen) : "(hlen 0)");
	if (p[2] > 16)
		describe_problem(d, 2, "hlen %u is above 16: 16 bytes shown",
		    p[2]);
}

/* The fixed BOOTP part; false when the walk cannot go on. */
static bool
describe_bootp_fixed(struct describe *d, const uint8_t *p, size_t len)
{
	describe_bootp_head(d, p, len);
	describe_bootp_addrs(d, p, len);
	if (len < 44) {
		describe_problem(d, 1, "BOOTP header cut at byte %zu, "
		    "before the end of chaddr", len);
		return false;
	}
	if (d->overload & 2)
		describe_emit(d, 1, "Server-Name: holds options (overload)");
	else
		describe_field(d, "Server-Name", p + 44, 64, len - 44);
	if (len > 108 && (d->overload & 1))
		describe_emit(d, 1, "Boot-File: holds options (overload)");
	else if (len > 108)
		describe_field(d, "Boot-File", p + 108, 128, len - 108);
	if (len < 240) {
		describe_problem(d, 1, "BOOTP message cut at byte %zu, "
		    "before the magic cookie", len);
		return false;
	}
	return true;
}

/* The BOOTP message and its option areas. */
static void
describe_bootp(struct describe *d, const uint8_t *p, size_t len)
{
	uint32_t cookie;

	d->overload = describe_overload_value(p, len);
	describe_emit(d, 0, "BOOTP/DHCP, %zu bytes", len);
	if (!describe_bootp_fixed(d, p, len))
		return;
	cookie = describe_get32(p + 236);
	if (cookie != 0x63825363u) {
		describe_problem(d, 1, "magic cookie 0x%08x is not "
		    "0x63825363: no options", cookie);
		return;
	}
	describe_emit(d, 1, "Magic Cookie 0x63825363");
	describe_options(d, 2, p + 240, len - 240, "packet", true);
	if (d->overload & 1) {
		describe_emit(d, 1, "Options in the file field (overload):");
		describe_options(d, 2, p + 108, 128, "file field", false);
	}
	if (d->overload & 2) {
		describe_emit(d, 1, "Options in the sname field (overload):");
		describe_options(d, 2, p + 44, 64, "sname field", false);
	}
}

/* A cursor over the frame for the link, IP and UDP layers. */
struct describe_cursor {
	const uint8_t	*p;
	size_t		 left;
};

/* 802.1Q and 802.1ad tags, each on its own line. */
static bool
describe_vlans(struct describe *d, struct describe_cursor *c,
    uint16_t *type)
{
	uint16_t tci;

	while (*type == 0x8100 || *type == 0x88a8 || *type == 0x9100) {
		if (c->left < 4) {
			describe_problem(d, 1, "cut inside a VLAN tag");
			return false;
		}
		tci = describe_get16(c->p);
		describe_emit(d, 1, "%s tag: VLAN %u, priority %u%s",
		    *type == 0x8100 ? "802.1Q" : "802.1ad", tci & 0x0fff,
		    tci >> 13, tci & 0x1000 ? ", drop eligible" : "");
		*type = describe_get16(c->p + 2);
		c->p += 4;
		c->left -= 4;
	}
	return true;
}

/* Ethernet: addresses, tags, and the type that follows them. */
static bool
describe_ether(struct describe *d, struct describe_cursor *c,
    uint16_t *type)
{
	char src[MAC_STR_MAX + 1], dst[MAC_STR_MAX + 1];

	if (c->left < 14) {
		describe_problem(d, 0, "Ethernet header cut at byte %zu",
		    c->left);
		return false;
	}
	describe_emit(d, 0, "Ethernet: %s > %s, type 0x%04x",
	    mac_format(src, c->p + 6, 6), mac_format(dst, c->p, 6),
	    describe_get16(c->p + 12));
	*type = describe_get16(c->p + 12);
	c->p += 14;
	c->left -= 14;
	return describe_vlans(d, c, type);
}

/* Linux cooked capture v1 or v2: direction, source and protocol. */
static bool
describe_sll(struct describe *d, struct describe_cursor *c, bool v2,
    uint16_t *type)
{
	char addr[MAC_STR_MAX + 1];
	size_t hdrlen = v2 ? 20 : 16, alen;
	const uint8_t *a = c->p + (v2 ? 12 : 6);

	if (c->left < hdrlen) {
		describe_problem(d, 0, "Linux cooked header cut at byte %zu",
		    c->left);
		return false;
	}
	alen = v2 ? c->p[11] : describe_get16(c->p + 4);
	*type = describe_get16(c->p + (v2 ? 0 : 14));
	describe_emit(d, 0, "Linux cooked v%d: packet type %u, "
	    "source %s, protocol 0x%04x", v2 ? 2 : 1,
	    v2 ? c->p[10] : describe_get16(c->p),
	    mac_format(addr, a, alen > 8 ? 8 : alen), *type);
	c->p += hdrlen;
	c->left -= hdrlen;
	return describe_vlans(d, c, type);
}

/* BSD loopback: the address family, in either byte order. */
static bool
describe_null(struct describe *d, struct describe_cursor *c, int linktype,
    uint16_t *type)
{
	uint32_t fam;

	if (c->left < 4) {
		describe_problem(d, 0, "loopback header cut");
		return false;
	}
	fam = describe_get32(c->p);
	describe_emit(d, 0, "Loopback (link type %d): family 0x%08x",
	    linktype, fam);
	*type = fam == 2 || fam == 0x02000000 ? 0x0800 : 0;
	c->p += 4;
	c->left -= 4;
	return true;
}

/* Whichever link header the link type says; leaves *type for IP. */
static bool
describe_link(struct describe *d, int linktype, struct describe_cursor *c,
    uint16_t *type)
{
	switch (linktype & 0xffff) {
	case 1:
		return describe_ether(d, c, type);
	case 113:
	case 276:
		return describe_sll(d, c, (linktype & 0xffff) == 276, type);
	case 0:
	case 108:
		return describe_null(d, c, linktype & 0xffff, type);
	case 12:
	case 14:
	case 101:
	case 228:
		describe_emit(d, 0, "Raw IP (link type %d)", linktype & 0xffff);
		*type = c->left > 0 && c->p[0] >> 4 == 4 ? 0x0800 : 0;
		return true;
	default:
		describe_emit(d, 0, "Link type %d: not decoded", linktype);
		return false;
	}
}

/* The three IPv4 flag bits as tcpdump lists them. */
static char *
describe_ip_flags(char *dst, size_t dstsz, uint16_t frag)
{
	snprintf(dst, dstsz, "%s%s%s%s%s",
	    frag & 0x2000 ? "MF" : "",
	    (frag & 0x2000) && (frag & 0xc000) ? ", " : "",
	    frag & 0x4000 ? "DF" : "",
	    (frag & 0x4000) && (frag & 0x8000) ? ", " : "",
	    frag & 0x8000 ? "rsvd" : "");
	if (*dst == '\0')
		snprintf(dst, dstsz, "none");
	return dst;
}

/* IPv4 header lines; leaves the cursor on the UDP header. */
static bool
describe_ipv4(struct describe *d, struct describe_cursor *c, bool *first)
{
	char src[IP_STR_MAX], dst[IP_STR_MAX], hex[DESCRIBE_TEXT_MAX];
	char flags[32];
	const uint8_t *p = c->p;
	size_t hlen, total;
	uint16_t frag;

	if (c->left < 20) {
		describe_problem(d, 0, "IPv4 header cut at byte %zu", c->left);
		return false;
	}
	if (p[0] >> 4 != 4) {
		describe_problem(d, 0, "IP version %u, not 4", p[0] >> 4);
		return false;
	}
	hlen = (size_t)(p[0] & 0x0f) * 4;
	total = describe_get16(p + 2);
	frag = describe_get16(p + 6);
	describe_emit(d, 0, "IPv4: %s > %s, proto %u%s",
	    describe_ip(src, p + 12), describe_ip(dst, p + 16), p[9],
	    p[9] == 17 ? " (UDP)" : "");
	describe_emit(d, 1, "tos 0x%02x, ttl %u, id %u, length %zu, "
	    "header %zu bytes", p[1], p[8], describe_get16(p + 4), total,
	    hlen);
	describe_emit(d, 1, "flags [%s], fragment offset %u",
	    describe_ip_flags(flags, sizeof flags, frag),
	    (frag & 0x1fff) * 8u);
	if (hlen < 20 || hlen > c->left || total < hlen) {
		describe_problem(d, 1, "header length %zu does not fit "
		    "(total %zu, %zu captured)", hlen, total, c->left);
		return false;
	}
	if (hlen > 20)
		describe_emit(d, 1, "IP options, %zu bytes: %s", hlen - 20,
		    describe_hex(hex, sizeof hex, p + 20, hlen - 20));
	if (total > c->left)
		describe_problem(d, 1, "total length %zu goes past end of "
		    "packet (%zu captured)", total, c->left);
	else
		c->left = total;
	*first = (frag & 0x1fff) == 0;
	if (!*first)
		describe_emit(d, 1, "a later fragment: not decoded further");
	c->p += hlen;
	c->left -= hlen;
	return p[9] == 17 && *first;
}

/* UDP header, then the BOOTP message when the ports are DHCP's. */
static void
describe_udp(struct describe *d, struct describe_cursor *c)
{
	size_t ulen, plen;
	uint16_t sport, dport;

	if (c->left < 8) {
		describe_problem(d, 0, "UDP header cut at byte %zu", c->left);
		return;
	}
	sport = describe_get16(c->p);
	dport = describe_get16(c->p + 2);
	ulen = describe_get16(c->p + 4);
	describe_emit(d, 0, "UDP: port %u > %u, length %zu", sport, dport,
	    ulen);
	if (ulen < 8) {
		describe_problem(d, 1, "UDP length below 8");
		return;
	}
	plen = ulen - 8;
	if (plen > c->left - 8) {
		describe_problem(d, 1, "UDP length goes past end of packet "
		    "(%zu of %zu payload bytes captured)", c->left - 8, plen);
		plen = c->left - 8;
	}
	if (sport != 67 && sport != 68 && dport != 67 && dport != 68) {
		describe_emit(d, 1, "payload %zu bytes: not DHCP", plen);
		return;
	}
	describe_bootp(d, c->p + 8, plen);
}

/* Link, IPv4, UDP, then BOOTP, stopping where the frame stops making sense. */
void
describe_frame(int linktype, const uint8_t *data, size_t caplen,
    describe_line_fn *line, void *ctx)
{
	struct describe d = { line, ctx, false, 0 };
	struct describe_cursor c = { data, data == NULL ? 0 : caplen };
	uint16_t type = 0;
	bool first;

	describe_emit(&d, 0, "Frame: %zu bytes captured", c.left);
	if (!describe_link(&d, linktype, &c, &type))
		return;
	if (type != 0x0800) {
		describe_emit(&d, 0, "Not IPv4: not decoded further");
		return;
	}
	if (describe_ipv4(&d, &c, &first))
		describe_udp(&d, &c);
}

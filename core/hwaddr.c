/* Hardware addresses and identifiers read as bytes, never as strings. */
#include "config.h"

#include <string.h>

#include "hwaddr.h"

/* Value of one hex digit, or -1. */
static int
hwaddr_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hwaddr_parse_hex(const char *s, size_t len, char sep, uint8_t *out,
    size_t max)
{
	size_t pos = 0, n = 0, digits;
	int d, value;

	if (len == 0)
		return -1;
	for (;;) {
		if (n == max)
			return -1;
		value = 0;
		for (digits = 0; pos < len && digits < 3; digits++, pos++) {
			if ((d = hwaddr_hex_digit(s[pos])) < 0)
				break;
			value = value * 16 + d;
		}
		if (digits == 0 || digits > 2)
			return -1;
		out[n++] = (uint8_t)value;
		if (pos == len)
			return (int)n;
		if (sep == 0 && (s[pos] == ':' || s[pos] == '-'))
			sep = s[pos];
		if (s[pos] != sep)
			return -1;
		if (++pos == len)
			return -1;
	}
}

int
hwaddr_parse_mac(const char *s, size_t len, uint8_t mac[HWADDR_LEN])
{
	uint8_t buf[HWADDR_LEN];

	if (hwaddr_parse_hex(s, len, 0, buf, sizeof buf) != HWADDR_LEN)
		return -1;
	memcpy(mac, buf, HWADDR_LEN);
	return 0;
}

int
hwaddr_parse_ipv4(const char *s, size_t len, uint32_t *addr)
{
	uint8_t b[4];
	size_t pos = 0, part, digits;
	unsigned value;

	for (part = 0; part < 4; part++) {
		value = 0;
		for (digits = 0; pos < len && s[pos] >= '0' && s[pos] <= '9';
		    digits++, pos++)
			value = value * 10 + (unsigned)(s[pos] - '0');
		if (digits == 0 || digits > 3 || value > 255)
			return -1;
		b[part] = (uint8_t)value;
		if (part < 3 && (pos == len || s[pos++] != '.'))
			return -1;
	}
	if (pos != len)
		return -1;
	memcpy(addr, b, 4);
	return 0;
}

char *
hwaddr_format_hex(char *dst, size_t dstsz, const uint8_t *b, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, pos = 0;

	for (i = 0; i < len && pos + 4 <= dstsz; i++) {
		if (i > 0)
			dst[pos++] = ':';
		dst[pos++] = hex[b[i] >> 4];
		dst[pos++] = hex[b[i] & 0xf];
	}
	if (dstsz > 0)
		dst[pos < dstsz ? pos : dstsz - 1] = '\0';
	return dst;
}

bool
hwaddr_equal(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, HWADDR_LEN) == 0;
}

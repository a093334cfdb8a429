/* Hardware addresses and identifiers read as bytes, never as strings. */
#ifndef VMNW_HWADDR_H
#define VMNW_HWADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HWADDR_LEN	6	/* an Ethernet MAC */

/*
 * Parse len characters of s as hex groups of one or two digits joined by
 * sep (':' or '-'; with sep 0 either, but one kind throughout), at most
 * max bytes into out. bootpd drops leading zeros ("52:54:0:1:8f:aa"), so
 * groups of one digit are accepted. Returns the byte count, or -1 when
 * the text is not such a list.
 */
int hwaddr_parse_hex(const char *s, size_t len, char sep, uint8_t *out,
    size_t max);

/* Exactly six groups: a MAC with ':' or '-' separators, any case. */
int hwaddr_parse_mac(const char *s, size_t len, uint8_t mac[HWADDR_LEN]);

/* Dotted quad of exactly len characters, to network byte order. */
int hwaddr_parse_ipv4(const char *s, size_t len, uint32_t *addr);

/* Lowercase hex pairs joined by ':', cut to fit dstsz. */
char *hwaddr_format_hex(char *dst, size_t dstsz, const uint8_t *b,
    size_t len);

/* Whether two MACs are the same bytes. */
bool hwaddr_equal(const uint8_t *a, const uint8_t *b);

#endif

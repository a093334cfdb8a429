/* Small helpers shared by the core and the screen. */
#ifndef VMNW_UTIL_H
#define VMNW_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define MAC_STR_MAX	(16 * 3) /* 16 bytes as hex pairs and colons */
#define IP_STR_MAX	16

/* Lowercase, colon-separated, zero-padded hex of len bytes. */
char *mac_format(char *dst, const uint8_t *addr, size_t len);

/* Dotted quad of an address in network byte order. */
char *ip_format(char *dst, uint32_t addr);

/* Allocation that never returns NULL: it exits with a message instead. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* Wall-clock time in seconds. */
double now_seconds(void);

#endif

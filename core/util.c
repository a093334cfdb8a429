/* Small helpers shared by the core and the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Hardware addresses as lowercase hex pairs joined by colons. */
char *
mac_format(char *dst, const uint8_t *addr, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	char *p = dst;

	if (len > 16)
		len = 16;
	for (i = 0; i < len; i++) {
		if (i > 0)
			*p++ = ':';
		*p++ = hex[addr[i] >> 4];
		*p++ = hex[addr[i] & 0xf];
	}
	*p = '\0';
	return dst;
}

/* An address in network byte order as a dotted quad. */
char *
ip_format(char *dst, uint32_t addr)
{
	const uint8_t *b = (const uint8_t *)&addr;

	snprintf(dst, IP_STR_MAX, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return dst;
}

/* Out of memory is not an error we can report on a screen: stop. */
static void
out_of_memory(void)
{
	fputs("vmnetwatch: out of memory\n", stderr);
	exit(3);
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size == 0 ? 1 : size);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		out_of_memory();
	return p;
}

double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

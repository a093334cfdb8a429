/* Small helpers shared by the core and the screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

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

int
state_file_path(char *dst, size_t size, const char *name)
{
	const char *home = getenv("HOME");
	int n;

#if defined(__APPLE__)
	n = home ? snprintf(dst, size, "%s/Library/Logs/vmnetwatch-%s",
	    home, name) : -1;
#else
	const char *state = getenv("XDG_STATE_HOME");

	if (state != NULL && state[0] == '/')
		n = snprintf(dst, size, "%s/vmnetwatch/%s", state, name);
	else
		n = home ? snprintf(dst, size,
		    "%s/.local/state/vmnetwatch/%s", home, name) : -1;
#endif
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

void
make_parent_dirs(const char *path)
{
	char dir[1024];
	char *p;

	snprintf(dir, sizeof dir, "%s", path);
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
}

double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

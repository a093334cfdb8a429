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

/*
 * A file in the user's state directory: $XDG_STATE_HOME/vmnetwatch/NAME
 * (else ~/.local/state/vmnetwatch/NAME), or on macOS
 * ~/Library/Logs/vmnetwatch-NAME. Returns 0, or -1 when it cannot say.
 */
int state_file_path(char *dst, size_t size, const char *name);

/* Create each missing folder above path, as mkdir -p would. */
void make_parent_dirs(const char *path);

/* Wall-clock time in seconds. */
double now_seconds(void);

#endif

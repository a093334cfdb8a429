/* The one way untrusted text reaches a screen, a log or a report. */
#ifndef VMNW_SANITIZE_H
#define VMNW_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Copy len bytes of src into dst (size dstsz, always NUL-terminated)
 * so that the result is valid UTF-8 with nothing a terminal would act
 * on: C0 and C1 controls become ^X or \xNN, DEL becomes ^?, bytes of
 * invalid UTF-8 become \xNN, a NUL becomes \0, and a backslash becomes
 * \\, and the bidirectional controls that reorder text become \u{hhhh}.
 * Printable UTF-8 passes unchanged. Output that would not fit is cut
 * at a character boundary and ends in "...". Returns strlen(dst).
 */
size_t sanitize_bytes(char *dst, size_t dstsz, const uint8_t *src,
    size_t len);

/* sanitize_bytes() over a NUL-terminated string. */
size_t sanitize_str(char *dst, size_t dstsz, const char *src);

#endif

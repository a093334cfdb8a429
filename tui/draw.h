/* Text on the screen by display columns: clipped, never wrapped. */
#ifndef VMNW_DRAW_H
#define VMNW_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "theme.h"

/*
 * Put UTF-8 text at (y, x) within cols display columns, in the style of
 * role. Text that does not fit (beyond trailing blanks) is cut at a whole
 * character and ends in an ellipsis, or '~' outside UTF-8 locales; a
 * character the locale cannot show becomes '?'. Returns the columns used.
 */
int draw_text(int y, int x, int cols, const char *s, enum theme_role role);

/* Blank a run of cols columns in the style of role. */
void draw_fill(int y, int x, int cols, enum theme_role role);

/* Display columns that draw_text() would need for s. */
int draw_width(const char *s);

/*
 * Break s at spaces into rows of at most cols columns; draw at most
 * maxrows of them from row y when draw is set, the last one marked as
 * cut when more would follow. Returns the rows needed.
 */
int draw_wrapped(int y, int x, int cols, int maxrows, const char *s,
    enum theme_role role, int draw);

/* Whether the locale is UTF-8: box drawing and sparklines, else ASCII. */
bool draw_utf8(void);

/* How long ago: "-3.2s", "-12m05s", "-3h12m"; at most 12 columns. */
void draw_format_age(char *dst, size_t dstsz, double age);

/* Local wall-clock time of ts as HH:MM:SS.mmm. */
void draw_format_time(char *dst, size_t dstsz, double ts);

#endif

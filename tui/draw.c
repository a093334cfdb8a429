/* Text on the screen by display columns: clipped, never wrapped. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>

#include "draw.h"

/* One character of a string: its wide form, columns and bytes. */
struct draw_char {
	wchar_t	wc;
	int	width;
	size_t	len;
};

/* Read the character at s; anything unreadable or unprintable is '?'. */
static void
draw_next(const char *s, mbstate_t *st, struct draw_char *c)
{
	size_t n;

	n = mbrtowc(&c->wc, s, strnlen(s, MB_CUR_MAX), st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof *st);
		c->wc = L'?';
		c->width = 1;
		c->len = 1;
		return;
	}
	c->len = n;
	c->width = wcwidth(c->wc);
	if (c->width < 0) {
		c->wc = L'?';
		c->width = 1;
	}
}

/* Bytes of the first len of s that fit in cols columns, wide ones whole. */
static size_t
draw_fit(const char *s, size_t len, int cols, int *used)
{
	struct draw_char c;
	mbstate_t st;
	size_t pos = 0;

	*used = 0;
	memset(&st, 0, sizeof st);
	while (pos < len && s[pos] != '\0') {
		draw_next(s + pos, &st, &c);
		if (*used + c.width > cols)
			break;
		*used += c.width;
		pos += c.len;
	}
	return pos;
}

/* Whether what is cut off is only blanks, which lose nothing unseen. */
static bool
draw_rest_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && s[i] != '\0'; i++) {
		if (s[i] != ' ')
			return false;
	}
	return true;
}

/* Put len bytes of s at the cursor as wide characters. */
static void
draw_put(const char *s, size_t len)
{
	wchar_t buf[64];
	struct draw_char c;
	mbstate_t st;
	size_t pos = 0;
	int n = 0;

	memset(&st, 0, sizeof st);
	while (pos < len) {
		draw_next(s + pos, &st, &c);
		if (n == (int)(sizeof buf / sizeof buf[0])) {
			addnwstr(buf, n);
			n = 0;
		}
		buf[n++] = c.wc;
		pos += c.len;
	}
	if (n > 0)
		addnwstr(buf, n);
}

/* The sign that text was cut: an ellipsis where the locale can show one. */
static void
draw_mark(void)
{
	if (draw_utf8() && wcwidth(L'\u2026') == 1)
		addnwstr(L"\u2026", 1);
	else
		addnwstr(L"~", 1);
}

/* Text longer than its room ends in the mark, so a cut never hides. */
static int
draw_textn(int y, int x, int cols, const char *s, size_t len,
    enum theme_role role)
{
	size_t fit;
	int used;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return 0;
	if (cols > COLS - x)
		cols = COLS - x;
	fit = draw_fit(s, len, cols, &used);
	attrset(theme_attr(role));
	move(y, x);
	if (draw_rest_blank(s + fit, len - fit)) {
		draw_put(s, fit);
	} else {
		fit = draw_fit(s, len, cols - 1, &used);
		draw_put(s, fit);
		draw_mark();
		used++;
	}
	attrset(A_NORMAL);
	return used;
}

/* All screen text goes through here, so nothing wraps or overflows. */
int
draw_text(int y, int x, int cols, const char *s, enum theme_role role)
{
	return draw_textn(y, x, cols, s, strlen(s), role);
}

/* Bars and selected rows carry their style past the text. */
void
draw_fill(int y, int x, int cols, enum theme_role role)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return;
	if (cols > COLS - x)
		cols = COLS - x;
	mvhline(y, x, ' ' | theme_attr(role), cols);
}

/* Measure before placing text at the right edge. */
int
draw_width(const char *s)
{
	struct draw_char c;
	mbstate_t st;
	int width = 0;

	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		draw_next(s, &st, &c);
		width += c.width;
		s += c.len;
	}
	return width;
}

/* Bytes of s that fit in cols columns, broken after a word if possible. */
static size_t
draw_row_len(const char *s, int cols)
{
	struct draw_char c;
	mbstate_t st;
	size_t pos = 0, brk = 0;
	int used = 0;

	memset(&st, 0, sizeof st);
	while (s[pos] != '\0') {
		draw_next(s + pos, &st, &c);
		if (used + c.width > cols) {
			if (brk > 0)
				return brk;
			return pos > 0 ? pos : c.len;
		}
		if (c.wc == L' ')
			brk = pos;
		used += c.width;
		pos += c.len;
	}
	return pos;
}

/*
 * Long messages (capture errors) read better broken at words; the last
 * row shown takes all the rest, so a message cut short ends in the mark.
 */
int
draw_wrapped(int y, int x, int cols, int maxrows, const char *s,
    enum theme_role role, int draw)
{
	size_t len;
	int rows = 0;

	if (cols <= 0)
		return 0;
	while (*s == ' ')
		s++;
	while (*s != '\0') {
		len = draw_row_len(s, cols);
		if (draw && rows < maxrows) {
			draw_textn(y + rows, x, cols, s, rows + 1 == maxrows ?
			    strlen(s) : len, role);
		}
		rows++;
		s += len;
		while (*s == ' ')
			s++;
	}
	return rows;
}

/* Asked once the locale is set; the screen sets it before drawing. */
bool
draw_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0);
}

/* Ages read faster than clock times when watching an exchange live. */
void
draw_format_age(char *dst, size_t dstsz, double age)
{
	long s;

	if (!(age > -1e9 && age < 1e9)) {
		snprintf(dst, dstsz, "?");
		return;
	}
	if (age < 0)
		age = 0;
	s = (long)age;
	if (age < 60)
		snprintf(dst, dstsz, "-%.1fs", age);
	else if (s < 3600)
		snprintf(dst, dstsz, "-%ldm%02lds", s / 60, s % 60);
	else if (s < 100L * 3600)
		snprintf(dst, dstsz, "-%ldh%02ldm", s / 3600, s / 60 % 60);
	else
		snprintf(dst, dstsz, "-%ldd", s / 86400);
}

/* Packet times as people compare them with logs. */
void
draw_format_time(char *dst, size_t dstsz, double ts)
{
	struct tm tm;
	time_t t;
	int ms;

	if (!(ts >= 0 && ts < 1e12)) {
		snprintf(dst, dstsz, "--:--:--.---");
		return;
	}
	t = (time_t)ts;
	ms = (int)((ts - (double)t) * 1000.0);
	if (ms > 999)
		ms = 999;
	if (localtime_r(&t, &tm) == NULL) {
		snprintf(dst, dstsz, "--:--:--.---");
		return;
	}
	snprintf(dst, dstsz, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min,
	    tm.tm_sec, ms);
}

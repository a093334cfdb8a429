/*
 * The one way untrusted text reaches a screen, a log or a report.
 *
 * Every input character becomes a piece: itself when it is printable
 * UTF-8, or an escape made of plain ASCII. Pieces are whole or absent,
 * so a cut never splits a character or an escape. Besides the controls
 * and broken UTF-8 named in sanitize.h, the Unicode bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069),
 * which would reorder the text around them on screen, are shown as
 * \u{hhhh}, the code point in lowercase hex.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sanitize.h"

#define SANITIZE_PIECE_MAX	16
#define SANITIZE_ELLIPSIS	"..."

/* The output buffer, and the last place where "..." still fits. */
struct sanitize_out {
	char	*dst;
	size_t	 limit;		/* dstsz - 1: room for text */
	size_t	 pos;
	size_t	 cut;	/* a piece boundary with room for "..." */
};

/* Length of the UTF-8 sequence at s, 0 when it is not valid UTF-8. */
static size_t
sanitize_utf8_len(const uint8_t *s, size_t left, uint32_t *cp)
{
	uint8_t c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		*cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		*cp = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		*cp = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else
		return 0;
	if (left < n)
		return 0;

	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return n;
}

/* Whether a code point reorders text on screen (bidi controls). */
static bool
sanitize_is_bidi(uint32_t cp)
{
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f)
		return true;
	if (cp >= 0x202a && cp <= 0x202e)
		return true;
	return cp >= 0x2066 && cp <= 0x2069;
}

/* Escape n raw bytes as \xNN each. */
static size_t
sanitize_hex_bytes(char *piece, const uint8_t *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		piece[len++] = '\\';
		piece[len++] = 'x';
		piece[len++] = hex[s[i] >> 4];
		piece[len++] = hex[s[i] & 0xf];
	}
	return len;
}

/* The piece for an ASCII byte. */
static size_t
sanitize_ascii_piece(char *piece, uint8_t c)
{
	if (c == '\0') {
		memcpy(piece, "\\0", 2);
		return 2;
	}
	if (c == '\\') {
		memcpy(piece, "\\\\", 2);
		return 2;
	}
	if (c < 0x20 || c == 0x7f) {
		piece[0] = '^';
		piece[1] = c == 0x7f ? '?' : (char)(c + 0x40);
		return 2;
	}
	piece[0] = (char)c;
	return 1;
}

/*
 * Make the piece for the character at s; return its length and set
 * *used to the input bytes it consumed.
 */
static size_t
sanitize_piece(char *piece, const uint8_t *s, size_t left, size_t *used)
{
	uint32_t cp = 0;
	size_t n;

	*used = 1;
	if (s[0] < 0x80)
		return sanitize_ascii_piece(piece, s[0]);

	n = sanitize_utf8_len(s, left, &cp);
	if (n == 0)
		return sanitize_hex_bytes(piece, s, 1);
	*used = n;
	if (cp <= 0x9f)
		return sanitize_hex_bytes(piece, s, n);
	if (sanitize_is_bidi(cp))
		return (size_t)snprintf(piece, SANITIZE_PIECE_MAX,
		    "\\u{%04x}", (unsigned)cp);
	memcpy(piece, s, n);
	return n;
}

/* Append a piece; false when it did not fit and the text was cut. */
static bool
sanitize_append(struct sanitize_out *o, const char *piece, size_t n)
{
	size_t dots = sizeof SANITIZE_ELLIPSIS - 1;

	if (o->pos + n > o->limit) {
		o->pos = o->cut;
		if (dots > o->limit - o->pos)
			dots = o->limit - o->pos;
		memcpy(o->dst + o->pos, SANITIZE_ELLIPSIS, dots);
		o->pos += dots;
		return false;
	}
	memcpy(o->dst + o->pos, piece, n);
	o->pos += n;
	if (o->pos + sizeof SANITIZE_ELLIPSIS - 1 <= o->limit)
		o->cut = o->pos;
	return true;
}

/* Piece by piece, cutting with "..." at the first piece that overflows. */
size_t
sanitize_bytes(char *dst, size_t dstsz, const uint8_t *src, size_t len)
{
	struct sanitize_out o = { dst, dstsz - 1, 0, 0 };
	char piece[SANITIZE_PIECE_MAX];
	size_t n, used;

	if (dstsz == 0)
		return 0;
	while (len > 0) {
		n = sanitize_piece(piece, src, len, &used);
		if (!sanitize_append(&o, piece, n))
			break;
		src += used;
		len -= used;
	}
	dst[o.pos] = '\0';
	return o.pos;
}

/* For C strings from files and commands; NULL reads as empty. */
size_t
sanitize_str(char *dst, size_t dstsz, const char *src)
{
	if (src == NULL)
		src = "";
	return sanitize_bytes(dst, dstsz, (const uint8_t *)src, strlen(src));
}

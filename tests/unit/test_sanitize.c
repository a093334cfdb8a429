/*
 * Unit tests for the sanitiser: terminal escapes, C0 and C1 controls,
 * broken UTF-8, bidi controls, text that passes, and cutting with "...".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sanitize.h"

/* Sanitize a byte string with a roomy buffer and compare. */
static void
expect(const char *in, size_t len, const char *want)
{
	char out[512];
	size_t n;

	n = sanitize_bytes(out, sizeof out, (const uint8_t *)in, len);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

/* The same for a C string literal. */
#define EXPECT(in, want)	expect((in), sizeof(in) - 1, (want))

/* Plain printable ASCII is untouched. */
static void
test_ascii_passes(void **state)
{
	(void)state;
	EXPECT("raspberrypi", "raspberrypi");
	EXPECT("a b~{}|\"'", "a b~{}|\"'");
	EXPECT("", "");
}

/* An ANSI clear-screen and an OSC title never reach the terminal. */
static void
test_escape_sequences(void **state)
{
	(void)state;
	EXPECT("\x1b[2J", "^[[2J");
	EXPECT("\x1b]0;owned\x07", "^[]0;owned^G");
	EXPECT("a\rb\nc\td", "a^Mb^Jc^Id");
	EXPECT("\x01\x1f", "^A^_");
	EXPECT("\x7f", "^?");
}

/* C1 controls: the raw byte is invalid UTF-8, the encoded one is C1. */
static void
test_c1_controls(void **state)
{
	(void)state;
	EXPECT("\x9b" "2J", "\\x9b2J");
	EXPECT("\xc2\x9b" "2J", "\\xc2\\x9b2J");
	EXPECT("\xc2\x80", "\\xc2\\x80");
	EXPECT("\xc2\x9f", "\\xc2\\x9f");
	EXPECT("\xc2\xa0", "\xc2\xa0");
}

/* Bytes that are not UTF-8 at all. */
static void
test_invalid_utf8(void **state)
{
	(void)state;
	EXPECT("\xff\xfe", "\\xff\\xfe");
	EXPECT("\x80", "\\x80");
	EXPECT("a\xbf" "b", "a\\xbfb");
	EXPECT("\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80");
}

/* Overlong encodings, surrogates and code points above U+10FFFF. */
static void
test_overlong_surrogate_range(void **state)
{
	(void)state;
	EXPECT("\xc0\xaf", "\\xc0\\xaf");
	EXPECT("\xc1\xbf", "\\xc1\\xbf");
	EXPECT("\xe0\x80\xaf", "\\xe0\\x80\\xaf");
	EXPECT("\xf0\x80\x80\xaf", "\\xf0\\x80\\x80\\xaf");
	EXPECT("\xed\xa0\x80", "\\xed\\xa0\\x80");
	EXPECT("\xed\xbf\xbf", "\\xed\\xbf\\xbf");
	EXPECT("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	EXPECT("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
}

/* A sequence cut short, at the end or before another character. */
static void
test_truncated_sequences(void **state)
{
	(void)state;
	EXPECT("\xe2\x82", "\\xe2\\x82");
	EXPECT("\xe2\x82" "A", "\\xe2\\x82A");
	EXPECT("\xf0\x9f\x98", "\\xf0\\x9f\\x98");
	EXPECT("x\xc3", "x\\xc3");
}

/* NUL and backslash are written so they cannot be confused. */
static void
test_nul_and_backslash(void **state)
{
	(void)state;
	EXPECT("a\0b", "a\\0b");
	EXPECT("\\x41", "\\\\x41");
	EXPECT("\0", "\\0");
}

/* Bidi overrides and isolates are shown, not obeyed. */
static void
test_bidi_controls(void **state)
{
	(void)state;
	EXPECT("abc\xe2\x80\xae" "gpj.exe", "abc\\u{202e}gpj.exe");
	EXPECT("\xe2\x80\xaa", "\\u{202a}");
	EXPECT("\xe2\x81\xa6" "x" "\xe2\x81\xa9", "\\u{2066}x\\u{2069}");
	EXPECT("\xe2\x80\x8f", "\\u{200f}");
	EXPECT("\xe2\x80\xaf", "\xe2\x80\xaf");
}

/* Printable UTF-8 from other scripts and emoji passes unchanged. */
static void
test_unicode_passes(void **state)
{
	(void)state;
	EXPECT("caf\xc3\xa9", "caf\xc3\xa9");
	EXPECT("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87");
	EXPECT("\xf0\x9f\x98\x80 vm", "\xf0\x9f\x98\x80 vm");
	EXPECT("\xd0\xbf\xd1\x80\xd0\xb8", "\xd0\xbf\xd1\x80\xd0\xb8");
}

/* Cutting: with "...", never inside a character or an escape. */
static void
test_truncation(void **state)
{
	const uint8_t *in = (const uint8_t *)"abcdefgh";
	const uint8_t *emoji = (const uint8_t *)"ab\xf0\x9f\x98\x80" "cdef";
	const uint8_t *esc = (const uint8_t *)"abc\x1b\x1b\x1b\x1b";
	char out[16];

	(void)state;
	assert_int_equal(sanitize_bytes(out, 9, in, 8), 8);
	assert_string_equal(out, "abcdefgh");
	assert_int_equal(sanitize_bytes(out, 8, in, 8), 7);
	assert_string_equal(out, "abcd...");
	assert_int_equal(sanitize_bytes(out, 6, in, 8), 5);
	assert_string_equal(out, "ab...");

	/* The emoji is 4 bytes: it fits whole or not at all. */
	sanitize_bytes(out, 9, emoji, 10);
	assert_string_equal(out, "ab...");
	sanitize_bytes(out, 10, emoji, 10);
	assert_string_equal(out, "ab\xf0\x9f\x98\x80...");

	/* Escapes are not split either. */
	sanitize_bytes(out, 10, esc, 7);
	assert_string_equal(out, "abc^[...");
}

/* Tiny buffers: 0 writes nothing, 1 writes only the NUL. */
static void
test_tiny_buffers(void **state)
{
	const uint8_t *in = (const uint8_t *)"abcdef";
	char out[4];

	(void)state;
	memset(out, 'Z', sizeof out);
	assert_int_equal(sanitize_bytes(out, 0, in, 6), 0);
	assert_int_equal(out[0], 'Z');
	assert_int_equal(sanitize_bytes(out, 1, in, 6), 0);
	assert_string_equal(out, "");
	assert_int_equal(sanitize_bytes(out, 3, in, 6), 2);
	assert_string_equal(out, "..");
	assert_int_equal(sanitize_bytes(out, 4, in, 6), 3);
	assert_string_equal(out, "...");
	assert_int_equal(sanitize_bytes(out, 4, in, 3), 3);
	assert_string_equal(out, "abc");
}

/* sanitize_str() reads up to the NUL; NULL reads as empty. */
static void
test_sanitize_str(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(sanitize_str(out, sizeof out, "host\x1b[0m"), 9);
	assert_string_equal(out, "host^[[0m");
	assert_int_equal(sanitize_str(out, sizeof out, NULL), 0);
	assert_string_equal(out, "");
}

/* Length of the valid UTF-8 sequence at s, or 0 (test oracle). */
static size_t
utf8_valid_len(const uint8_t *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80)
		return 2;
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80)
		return 3;
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80)
		return 4;
	return 0;
}

/* Check output: UTF-8, no controls, no C1, no bidi overrides. */
static void
check_safe(const char *out)
{
	const uint8_t *s = (const uint8_t *)out;
	size_t n;

	while (*s != '\0') {
		n = utf8_valid_len(s);
		assert_true(n > 0);
		assert_true(*s >= 0x20 && *s != 0x7f);
		assert_false(s[0] == 0xc2 && s[1] < 0xa0);
		assert_false(s[0] == 0xe2 && s[1] == 0x80 &&
		    s[2] >= 0xaa && s[2] <= 0xae);
		assert_false(s[0] == 0xe2 && s[1] == 0x81 &&
		    s[2] >= 0xa6 && s[2] <= 0xa9);
		s += n;
	}
}

/* Random bytes, random sizes: the output is always safe and bounded. */
static void
test_random_bytes(void **state)
{
	uint8_t in[64];
	char out[300];
	uint32_t seed = 12345;
	size_t i, j, len, size, n;

	(void)state;
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % sizeof in;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			in[j] = (uint8_t)(seed >> 16);
			if (j % 5 == 0)
				in[j] = (uint8_t)(0xc2 + (seed >> 24) % 0x33);
		}
		size = 1 + (seed >> 8) % sizeof out;
		n = sanitize_bytes(out, size, in, len);
		assert_true(n < size);
		assert_int_equal(n, strlen(out));
		check_safe(out);
	}
}

/* Run the cases; the harness asks for TAP through the environment. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_passes),
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_overlong_surrogate_range),
		cmocka_unit_test(test_truncated_sequences),
		cmocka_unit_test(test_nul_and_backslash),
		cmocka_unit_test(test_bidi_controls),
		cmocka_unit_test(test_unicode_passes),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_tiny_buffers),
		cmocka_unit_test(test_sanitize_str),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

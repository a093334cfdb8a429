/* Theme files: every error class names its line, and the shipped files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "themefile.h"

/* A complete theme, one role a line, in role order: line N is role N-1. */
static void
theme_text(char *dst, size_t size)
{
	size_t len = 0;
	int r;

	dst[0] = '\0';
	for (r = 0; r < THEME_ROLE_COUNT; r++)
		len += (size_t)snprintf(dst + len, size - len,
		    "%s = red default bold\n",
		    themefile_role_name((enum theme_role)r));
}

/* Line n (from 1) of a complete theme replaced by text. */
static void
theme_with_line(char *dst, size_t size, int n, const char *text)
{
	char full[4096];
	const char *p = full, *nl;
	size_t len = 0;
	int line = 1;

	theme_text(full, sizeof full);
	dst[0] = '\0';
	while ((nl = strchr(p, '\n')) != NULL) {
		if (line++ == n)
			len += (size_t)snprintf(dst + len, size - len, "%s\n",
			    text);
		else
			len += (size_t)snprintf(dst + len, size - len,
			    "%.*s\n", (int)(nl - p), p);
		p = nl + 1;
	}
}

/* Parse text; expect failure with every fragment in the message. */
static void
expect_error(const char *text, const char *frag1, const char *frag2)
{
	struct themefile t;
	char err[THEMEFILE_ERROR_MAX] = "";

	assert_int_equal(themefile_parse(&t, text, strlen(text), "x.theme",
	    err, sizeof err), -1);
	if (strstr(err, frag1) == NULL || (frag2 != NULL &&
	    strstr(err, frag2) == NULL))
		fail_msg("message '%s' lacks '%s' or '%s'", err, frag1,
		    frag2 != NULL ? frag2 : "");
}

/* A theme naming every role once parses into the table. */
static void
test_complete_parses(void **state)
{
	struct themefile t;
	char text[4096], err[THEMEFILE_ERROR_MAX];

	theme_text(text, sizeof text);
	assert_int_equal(themefile_parse(&t, text, strlen(text), "x", err,
	    sizeof err), 0);
	assert_int_equal(t.style[THEME_CRITICAL].fg.kind, THEMEFILE_INDEX);
	assert_int_equal(t.style[THEME_CRITICAL].fg.index, 1);
	assert_int_equal(t.style[THEME_CRITICAL].bg.kind, THEMEFILE_DEFAULT);
	assert_int_equal(t.style[THEME_CRITICAL].attrs, THEMEFILE_BOLD);
}

/* Mixed case hex, numbers, tabs and several attributes. */
static void
test_colour_forms(void **state)
{
	struct themefile t;
	char text[4096], err[THEMEFILE_ERROR_MAX];

	theme_with_line(text, sizeof text, THEME_OK + 1,
	    "  ok\t=  #DC322f   255 underline  reverse  ");
	assert_int_equal(themefile_parse(&t, text, strlen(text), "x", err,
	    sizeof err), 0);
	assert_int_equal(t.style[THEME_OK].fg.kind, THEMEFILE_RGB);
	assert_int_equal(t.style[THEME_OK].fg.r, 0xdc);
	assert_int_equal(t.style[THEME_OK].fg.g, 0x32);
	assert_int_equal(t.style[THEME_OK].fg.b, 0x2f);
	assert_int_equal(t.style[THEME_OK].bg.index, 255);
	assert_int_equal(t.style[THEME_OK].attrs,
	    THEMEFILE_UNDERLINE | THEMEFILE_REVERSE);
}

/* Comments, blank lines and CRLF line ends are no errors. */
static void
test_comments_blank_crlf(void **state)
{
	struct themefile t;
	char text[4096], body[4096], err[THEMEFILE_ERROR_MAX];

	theme_text(body, sizeof body);
	snprintf(text, sizeof text, "# a comment\r\n\r\n   \t\n  # indented\n"
	    "%s", body);
	assert_int_equal(themefile_parse(&t, text, strlen(text), "x", err,
	    sizeof err), 0);
	theme_with_line(text, sizeof text, 2, "title = red default bold\r");
	assert_int_equal(themefile_parse(&t, text, strlen(text), "x", err,
	    sizeof err), 0);
}

/* A misspelt role is named with its line. */
static void
test_unknown_role(void **state)
{
	char text[4096];

	theme_with_line(text, sizeof text, 3, "titel = red default");
	expect_error(text, "x.theme:3:", "unknown role 'titel'");
}

/* A line without '=' or without a role before it. */
static void
test_missing_equals(void **state)
{
	char text[4096];

	theme_with_line(text, sizeof text, 4, "normal red default");
	expect_error(text, "x.theme:4:", "missing '='");
	theme_with_line(text, sizeof text, 4, "= red default");
	expect_error(text, "x.theme:4:", "no role before '='");
}

/* Names, numbers past 255, short or non-hex RGB, negatives. */
static void
test_unknown_colour(void **state)
{
	char text[4096];

	theme_with_line(text, sizeof text, 5, "muted = purple default");
	expect_error(text, "x.theme:5:", "unknown colour 'purple'");
	theme_with_line(text, sizeof text, 5, "muted = 256 default");
	expect_error(text, "x.theme:5:", "unknown colour '256'");
	theme_with_line(text, sizeof text, 5, "muted = red #12345");
	expect_error(text, "x.theme:5:", "unknown colour '#12345'");
	theme_with_line(text, sizeof text, 5, "muted = #12345g default");
	expect_error(text, "x.theme:5:", "unknown colour");
	theme_with_line(text, sizeof text, 5, "muted = -1 default");
	expect_error(text, "x.theme:5:", "unknown colour '-1'");
}

/* A role given twice names both lines. */
static void
test_duplicate_role(void **state)
{
	char text[4096], extra[4200];

	theme_text(text, sizeof text);
	snprintf(extra, sizeof extra, "%sok = green default\n", text);
	expect_error(extra, "duplicate role 'ok'", "first on line 6");
}

/* A role left out is an error naming it. */
static void
test_missing_role(void **state)
{
	char text[4096];

	theme_with_line(text, sizeof text, THEME_KEY + 1, "# gone");
	expect_error(text, "x.theme: role 'key' is missing", NULL);
}

/* A style needs a foreground and a background. */
static void
test_missing_style_parts(void **state)
{
	char text[4096];

	theme_with_line(text, sizeof text, 2, "title =");
	expect_error(text, "x.theme:2:", "no style for 'title'");
	theme_with_line(text, sizeof text, 2, "title = red");
	expect_error(text, "x.theme:2:", "needs a background");
}

/* Unknown, repeated, and 'none' with company. */
static void
test_bad_attributes(void **state)
{
	char text[4096];

	theme_with_line(text, sizeof text, 7, "warning = red default shiny");
	expect_error(text, "x.theme:7:", "unknown attribute 'shiny'");
	theme_with_line(text, sizeof text, 7, "warning = red default bold "
	    "bold");
	expect_error(text, "x.theme:7:", "'bold' given twice");
	theme_with_line(text, sizeof text, 7, "warning = red default none "
	    "bold");
	expect_error(text, "x.theme:7:", "'none' goes alone");
}

/* Escape sequences and overlong lines are refused. */
static void
test_bytes_and_length(void **state)
{
	char text[4096], long_line[400];

	theme_with_line(text, sizeof text, 2, "title = red\033[31m default");
	expect_error(text, "x.theme:2:", "control character 0x1b");
	memset(long_line, ' ', sizeof long_line - 1);
	long_line[sizeof long_line - 1] = '\0';
	theme_with_line(text, sizeof text, 2, long_line);
	expect_error(text, "x.theme:2:", "longer than");
}

/* Invalid UTF-8 reaches the message only escaped. */
static void
test_untrusted_words_sanitised(void **state)
{
	struct themefile t;
	char text[4096], err[THEMEFILE_ERROR_MAX];

	theme_with_line(text, sizeof text, 2, "title = r\xff\xfe default");
	assert_int_equal(themefile_parse(&t, text, strlen(text), "x", err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "r\\xff\\xfe"));
	assert_null(strchr(err, '\xff'));
}

/* A shipped theme from the source tree. */
static void
load_shipped(struct themefile *t, const char *name)
{
	char path[1024], err[THEMEFILE_ERROR_MAX];
	const char *src = getenv("VMNW_SRCDIR");

	snprintf(path, sizeof path, "%s/themes/%s.theme",
	    src != NULL ? src : ".", name);
	if (themefile_load(t, path, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_string_equal(t->name, name);
}

/* Every theme in themes/ is complete and valid. */
static void
test_shipped_themes_load(void **state)
{
	static const char *const names[] = { "default", "light",
	    "solarized-dark", "high-contrast", "mono" };
	struct themefile t;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		load_shipped(&t, names[i]);
}

/* The compiled-in themes equal their files. */
static void
test_builtin_matches_files(void **state)
{
	struct themefile file, built;

	load_shipped(&file, "default");
	themefile_builtin(&built, "default");
	assert_memory_equal(file.style, built.style, sizeof file.style);
	load_shipped(&file, "mono");
	themefile_builtin(&built, "mono");
	assert_memory_equal(file.style, built.style, sizeof file.style);
}

/* mono uses attributes only: NO_COLOR relies on it. */
static void
test_mono_has_no_colour(void **state)
{
	struct themefile t;
	int r;

	load_shipped(&t, "mono");
	for (r = 0; r < THEME_ROLE_COUNT; r++) {
		assert_int_equal(t.style[r].fg.kind, THEMEFILE_DEFAULT);
		assert_int_equal(t.style[r].bg.kind, THEMEFILE_DEFAULT);
	}
}

/* Names come from the directories; paths are taken as is. */
static void
test_find_by_name_and_path(void **state)
{
	char dir[] = "/tmp/vmnwthemeXXXXXX", path[1024], found[1024];
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/mine.theme", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	setenv("VMNW_THEMEDIR", dir, 1);
	assert_int_equal(themefile_find("mine", found, sizeof found), 0);
	assert_string_equal(found, path);
	assert_int_equal(themefile_find("nothere", found, sizeof found), -1);
	assert_int_equal(themefile_find("..", found, sizeof found), -1);
	assert_int_equal(themefile_find("./x/y", found, sizeof found), 0);
	assert_string_equal(found, "./x/y");
	unlink(path);
	rmdir(dir);
	unsetenv("VMNW_THEMEDIR");
}

/* A file that cannot be read is named in the message. */
static void
test_load_errors(void **state)
{
	struct themefile t;
	char err[THEMEFILE_ERROR_MAX];

	assert_int_equal(themefile_load(&t, "/nonexistent/x.theme", err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent/x.theme: "));
}

/* RGB and palette colours on 256, 16 and 8 colours. */
static void
test_pick_reductions(void **state)
{
	struct themefile_colour c = { .kind = THEMEFILE_RGB, .r = 0xdc,
	    .g = 0x32, .b = 0x2f };
	struct themefile_pick p;

	themefile_pick(&c, 256, false, &p);
	assert_int_equal(p.index, 166);
	themefile_pick(&c, 16, false, &p);
	assert_true(p.index == 1 || p.index == 9);
	c = (struct themefile_colour){ .kind = THEMEFILE_INDEX, .index = 9 };
	themefile_pick(&c, 8, false, &p);
	assert_int_equal(p.index, 1);
	assert_true(p.bold);
	c.index = 8;
	themefile_pick(&c, 8, false, &p);
	assert_int_equal(p.index, -1);
	assert_true(p.dim);
	c.index = 236;
	themefile_pick(&c, 16, false, &p);
	assert_int_equal(p.index, 0);
	c = (struct themefile_colour){ .kind = THEMEFILE_RGB, .r = 0x93,
	    .g = 0xa1, .b = 0xa1 };
	themefile_pick(&c, 8, true, &p);
	assert_int_equal(p.index, 7);
	c = (struct themefile_colour){ .kind = THEMEFILE_DEFAULT };
	themefile_pick(&c, 256, false, &p);
	assert_int_equal(p.index, -1);
	c = (struct themefile_colour){ .kind = THEMEFILE_INDEX, .index = 3 };
	themefile_pick(&c, 2, false, &p);
	assert_int_equal(p.index, -1);
}

/* Every parse error class, the shipped files, lookup and mapping. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_parses),
		cmocka_unit_test(test_colour_forms),
		cmocka_unit_test(test_comments_blank_crlf),
		cmocka_unit_test(test_unknown_role),
		cmocka_unit_test(test_missing_equals),
		cmocka_unit_test(test_unknown_colour),
		cmocka_unit_test(test_duplicate_role),
		cmocka_unit_test(test_missing_role),
		cmocka_unit_test(test_missing_style_parts),
		cmocka_unit_test(test_bad_attributes),
		cmocka_unit_test(test_bytes_and_length),
		cmocka_unit_test(test_untrusted_words_sanitised),
		cmocka_unit_test(test_shipped_themes_load),
		cmocka_unit_test(test_builtin_matches_files),
		cmocka_unit_test(test_mono_has_no_colour),
		cmocka_unit_test(test_find_by_name_and_path),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_pick_reductions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Theme files read strictly: every mistake names its file and line. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sanitize.h"
#include "themefile.h"

#ifndef THEMEDIR
#define THEMEDIR	"/usr/local/share/vmnetwatch/themes"
#endif

#define THEMEFILE_WORD_MAX	64
#define THEMEFILE_SUFFIX	".theme"

static const char *const themefile_roles[THEME_ROLE_COUNT] = {
	[THEME_HEADER] = "header",
	[THEME_TITLE] = "title",
	[THEME_TITLE_FOCUS] = "title-focus",
	[THEME_NORMAL] = "normal",
	[THEME_MUTED] = "muted",
	[THEME_OK] = "ok",
	[THEME_WARNING] = "warning",
	[THEME_CRITICAL] = "critical",
	[THEME_SELECTION] = "selection",
	[THEME_SELECTION_DIM] = "selection-dim",
	[THEME_STATUS] = "status",
	[THEME_KEY] = "key",
	[THEME_TIMELINE_ON] = "timeline-on",
	[THEME_TIMELINE_OFF] = "timeline-off",
};

static const char *const themefile_colours[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan",
	"white", "brightblack", "brightred", "brightgreen", "brightyellow",
	"brightblue", "brightmagenta", "brightcyan", "brightwhite",
};

static const struct {
	const char	*name;
	unsigned	 bit;
} themefile_attrs[] = {
	{ "bold", THEMEFILE_BOLD }, { "dim", THEMEFILE_DIM },
	{ "underline", THEMEFILE_UNDERLINE },
	{ "reverse", THEMEFILE_REVERSE }, { "italic", THEMEFILE_ITALIC },
	{ "blink", THEMEFILE_BLINK },
};

/* The two themes that must exist even when no file can be found. */
static const char themefile_builtin_default[] =
	"header = brightwhite blue bold\n"
	"title = white 236 bold\n"
	"title-focus = black cyan bold\n"
	"normal = default default none\n"
	"muted = brightblack default none\n"
	"ok = green default none\n"
	"warning = yellow default bold\n"
	"critical = red default bold\n"
	"selection = black cyan none\n"
	"selection-dim = default 238 none\n"
	"status = white blue none\n"
	"key = brightcyan blue bold\n"
	"timeline-on = yellow default none\n"
	"timeline-off = green default none\n";

static const char themefile_builtin_mono[] =
	"header = default default reverse bold\n"
	"title = default default bold\n"
	"title-focus = default default reverse bold\n"
	"normal = default default none\n"
	"muted = default default dim\n"
	"ok = default default none\n"
	"warning = default default bold\n"
	"critical = default default bold underline\n"
	"selection = default default reverse\n"
	"selection-dim = default default underline\n"
	"status = default default reverse\n"
	"key = default default reverse bold\n"
	"timeline-on = default default bold\n"
	"timeline-off = default default dim\n";

/* Where one line is read: its text, what is left of it, and its number. */
struct themefile_cursor {
	const char	*p;
	size_t		 left;
	unsigned	 line;
	const char	*origin;
	char		*err;
	size_t		 errsz;
};

/* "origin:line: message", with the origin made safe to print. */
static int
themefile_fail(struct themefile_cursor *c, const char *fmt, ...)
{
	char origin[256], msg[THEMEFILE_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sanitize_str(origin, sizeof origin, c->origin);
	if (c->line > 0)
		snprintf(c->err, c->errsz, "%s:%u: %s", origin, c->line, msg);
	else
		snprintf(c->err, c->errsz, "%s: %s", origin, msg);
	return -1;
}

/* Names in messages and tests come from the one table. */
const char *
themefile_role_name(enum theme_role role)
{
	if ((unsigned)role >= THEME_ROLE_COUNT)
		return "?";
	return themefile_roles[role];
}

/* The role a name stands for, or -1. */
static int
themefile_role_find(const char *name)
{
	int r;

	for (r = 0; r < THEME_ROLE_COUNT; r++)
		if (strcmp(themefile_roles[r], name) == 0)
			return r;
	return -1;
}

/* Words are split by spaces and tabs only. */
static int
themefile_is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Step over the blanks at the cursor. */
static void
themefile_blanks_skip(struct themefile_cursor *c)
{
	while (c->left > 0 && themefile_is_blank(*c->p)) {
		c->p++;
		c->left--;
	}
}

/*
 * The next word of the line, up to a blank, the end or stop (0 for
 * none), into word. Returns its length; a word too long is cut, which
 * is enough to reject it by name.
 */
static size_t
themefile_word(struct themefile_cursor *c, char *word, char stop)
{
	size_t n = 0;

	themefile_blanks_skip(c);
	while (c->left > 0 && !themefile_is_blank(*c->p) && *c->p != stop) {
		if (n + 1 < THEMEFILE_WORD_MAX)
			word[n++] = *c->p;
		c->p++;
		c->left--;
	}
	word[n] = '\0';
	return n;
}

/* Two hex digits at s, as one byte. */
static int
themefile_hex_byte(const char *s, uint8_t *out)
{
	char buf[3] = { s[0], s[1], '\0' };
	char *end;

	if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
		return -1;
	*out = (uint8_t)strtoul(buf, &end, 16);
	return 0;
}

/* #rrggbb, exactly. */
static int
themefile_rgb(const char *w, struct themefile_colour *col)
{
	if (strlen(w) != 7 || w[0] != '#')
		return -1;
	if (themefile_hex_byte(w + 1, &col->r) == -1 ||
	    themefile_hex_byte(w + 3, &col->g) == -1 ||
	    themefile_hex_byte(w + 5, &col->b) == -1)
		return -1;
	col->kind = THEMEFILE_RGB;
	return 0;
}

/* A palette number: one to three digits, at most 255. */
static int
themefile_number(const char *w, struct themefile_colour *col)
{
	size_t i, len = strlen(w);
	int v = 0;

	if (len == 0 || len > 3)
		return -1;
	for (i = 0; i < len; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (w[i] - '0');
	}
	if (v > 255)
		return -1;
	col->kind = THEMEFILE_INDEX;
	col->index = v;
	return 0;
}

/* Any of the ways a colour is written. */
static int
themefile_colour(const char *w, struct themefile_colour *col)
{
	int i;

	memset(col, 0, sizeof *col);
	if (strcmp(w, "default") == 0) {
		col->kind = THEMEFILE_DEFAULT;
		return 0;
	}
	for (i = 0; i < 16; i++) {
		if (strcmp(w, themefile_colours[i]) == 0) {
			col->kind = THEMEFILE_INDEX;
			col->index = i;
			return 0;
		}
	}
	if (w[0] == '#')
		return themefile_rgb(w, col);
	return themefile_number(w, col);
}

/* One attribute word into bits; "none" only stands alone. */
static int
themefile_attr(struct themefile_cursor *c, const char *w, unsigned *bits,
    int nattrs)
{
	char safe[THEMEFILE_WORD_MAX * 4];
	size_t i;

	sanitize_str(safe, sizeof safe, w);
	if (strcmp(w, "none") == 0) {
		if (nattrs > 0 || c->left > 0)
			return themefile_fail(c, "'none' goes alone, "
			    "without other attributes");
		return 0;
	}
	for (i = 0; i < sizeof themefile_attrs / sizeof themefile_attrs[0];
	    i++) {
		if (strcmp(w, themefile_attrs[i].name) != 0)
			continue;
		if (*bits & themefile_attrs[i].bit)
			return themefile_fail(c, "attribute '%s' given twice",
			    safe);
		*bits |= themefile_attrs[i].bit;
		return 0;
	}
	return themefile_fail(c, "unknown attribute '%s' (bold, dim, "
	    "underline, reverse, italic, blink or none)", safe);
}

/* Foreground, background, then attributes to the end of the line. */
static int
themefile_style(struct themefile_cursor *c, const char *role,
    struct themefile_style *st)
{
	char w[THEMEFILE_WORD_MAX], safe[THEMEFILE_WORD_MAX * 4];
	int nattrs = 0;

	memset(st, 0, sizeof *st);
	if (themefile_word(c, w, 0) == 0)
		return themefile_fail(c, "no style for '%s' after '='", role);
	sanitize_str(safe, sizeof safe, w);
	if (themefile_colour(w, &st->fg) == -1)
		return themefile_fail(c, "unknown colour '%s'", safe);
	if (themefile_word(c, w, 0) == 0)
		return themefile_fail(c, "'%s' needs a background after the "
		    "foreground ('default' will do)", role);
	sanitize_str(safe, sizeof safe, w);
	if (themefile_colour(w, &st->bg) == -1)
		return themefile_fail(c, "unknown colour '%s'", safe);
	while (themefile_word(c, w, 0) > 0) {
		themefile_blanks_skip(c);
		if (themefile_attr(c, w, &st->attrs, nattrs++) == -1)
			return -1;
	}
	return 0;
}

/* Bytes a terminal would act on have no place in a theme. */
static int
themefile_line_check(struct themefile_cursor *c)
{
	size_t i;

	if (c->left > THEMEFILE_LINE_MAX)
		return themefile_fail(c, "line longer than %d bytes",
		    THEMEFILE_LINE_MAX);
	for (i = 0; i < c->left; i++) {
		unsigned char ch = (unsigned char)c->p[i];

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return themefile_fail(c, "control character 0x%02x",
			    ch);
	}
	return 0;
}

/* One "role = style" line; blank lines and comments pass. */
static int
themefile_line(struct themefile_cursor *c, struct themefile *t,
    unsigned *seen)
{
	char w[THEMEFILE_WORD_MAX], safe[THEMEFILE_WORD_MAX * 4];
	int role;

	if (themefile_line_check(c) == -1)
		return -1;
	themefile_blanks_skip(c);
	if (c->left == 0 || *c->p == '#')
		return 0;
	themefile_word(c, w, '=');
	sanitize_str(safe, sizeof safe, w);
	themefile_blanks_skip(c);
	if (c->left == 0 || *c->p != '=')
		return themefile_fail(c, "missing '=' after '%s'", safe);
	c->p++;
	c->left--;
	if (w[0] == '\0')
		return themefile_fail(c, "no role before '='");
	if ((role = themefile_role_find(w)) == -1)
		return themefile_fail(c, "unknown role '%s'", safe);
	if (seen[role] != 0)
		return themefile_fail(c, "duplicate role '%s' (first on line "
		    "%u)", safe, seen[role]);
	seen[role] = c->line;
	return themefile_style(c, themefile_roles[role], &t->style[role]);
}

/* Every role once, or the first missing one is the error. */
static int
themefile_complete(struct themefile_cursor *c, const unsigned *seen)
{
	int r;

	c->line = 0;
	for (r = 0; r < THEME_ROLE_COUNT; r++)
		if (seen[r] == 0)
			return themefile_fail(c, "role '%s' is missing (every "
			    "role needs a style)", themefile_roles[r]);
	return 0;
}

/* Line by line, each checked for length and stray bytes first. */
int
themefile_parse(struct themefile *t, const char *text, size_t len,
    const char *origin, char *err, size_t errsz)
{
	struct themefile_cursor c = { .origin = origin, .err = err,
	    .errsz = errsz };
	unsigned seen[THEME_ROLE_COUNT] = { 0 };
	const char *nl;
	size_t linelen;

	memset(t->style, 0, sizeof t->style);
	while (len > 0) {
		nl = memchr(text, '\n', len);
		linelen = nl != NULL ? (size_t)(nl - text) : len;
		c.line++;
		c.p = text;
		c.left = linelen;
		if (c.left > 0 && c.p[c.left - 1] == '\r')
			c.left--;
		if (themefile_line(&c, t, seen) == -1)
			return -1;
		text += linelen;
		len -= linelen;
		if (len > 0) {
			text++;
			len--;
		}
	}
	return themefile_complete(&c, seen);
}

/* The theme's name: the base name without ".theme". */
static void
themefile_name_set(struct themefile *t, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len, slen = strlen(THEMEFILE_SUFFIX);

	base = base != NULL ? base + 1 : path;
	len = strlen(base);
	if (len > slen && strcmp(base + len - slen, THEMEFILE_SUFFIX) == 0)
		len -= slen;
	sanitize_bytes(t->name, sizeof t->name, (const uint8_t *)base, len);
}

/* The whole file, bounded, into buf; returns its length or -1. */
static ssize_t
themefile_read(const char *path, char *buf, size_t size, char *err,
    size_t errsz)
{
	char safe[256];
	ssize_t n, got = 0;
	int fd;

	sanitize_str(safe, sizeof safe, path);
	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
		snprintf(err, errsz, "%s: %s", safe, strerror(errno));
		return -1;
	}
	while ((size_t)got < size &&
	    (n = read(fd, buf + got, size - (size_t)got)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errsz, "%s: %s", safe, strerror(errno));
			close(fd);
			return -1;
		}
		got += n;
	}
	close(fd);
	if ((size_t)got >= size) {
		snprintf(err, errsz, "%s: larger than %d bytes; not a theme",
		    safe, THEMEFILE_SIZE_MAX);
		return -1;
	}
	return got;
}

/* A theme from disk, named after its file. */
int
themefile_load(struct themefile *t, const char *path, char *err,
    size_t errsz)
{
	char *buf = malloc(THEMEFILE_SIZE_MAX + 1);
	ssize_t len;
	int rc = -1;

	if (buf == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	len = themefile_read(path, buf, THEMEFILE_SIZE_MAX + 1, err, errsz);
	if (len >= 0)
		rc = themefile_parse(t, buf, (size_t)len, path, err, errsz);
	free(buf);
	if (rc == 0)
		themefile_name_set(t, path);
	return rc;
}

/* dir/sub, when the variable it comes from is set and it fits. */
static size_t
themefile_dir_add(char dirs[][1024], size_t n, size_t max,
    const char *base, const char *sub)
{
	int len;

	if (n >= max || base == NULL || base[0] == '\0')
		return n;
	len = snprintf(dirs[n], sizeof dirs[n], "%s%s", base, sub);
	return len > 0 && (size_t)len < sizeof dirs[n] ? n + 1 : n;
}

/* The test override, the user's own themes, then the installed ones. */
size_t
themefile_dirs(char dirs[][1024], size_t max)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	size_t n = 0;

	n = themefile_dir_add(dirs, n, max, getenv("VMNW_THEMEDIR"), "");
	if (xdg != NULL && xdg[0] == '/')
		n = themefile_dir_add(dirs, n, max, xdg,
		    "/vmnetwatch/themes");
	else
		n = themefile_dir_add(dirs, n, max, home,
		    "/.config/vmnetwatch/themes");
#ifdef __APPLE__
	n = themefile_dir_add(dirs, n, max, home,
	    "/Library/Application Support/vmnetwatch/themes");
#endif
	return themefile_dir_add(dirs, n, max, THEMEDIR, "");
}

/* A name is letters, digits, '.', '-' and '_', and not "." or "..". */
static int
themefile_name_ok(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 0 || len >= THEMEFILE_NAME_MAX || name[0] == '.')
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '.' &&
		    name[i] != '-' && name[i] != '_')
			return 0;
	return 1;
}

/* dir/name.theme, or dir/name as given, when it is a regular file. */
static int
themefile_try(const char *dir, const char *name, char *dst, size_t dstsz)
{
	static const char *const suffixes[] = { THEMEFILE_SUFFIX, "" };
	struct stat st;
	size_t i;
	int len;

	for (i = 0; i < 2; i++) {
		len = snprintf(dst, dstsz, "%s/%s%s", dir, name, suffixes[i]);
		if (len > 0 && (size_t)len < dstsz && stat(dst, &st) == 0 &&
		    S_ISREG(st.st_mode))
			return 0;
	}
	return -1;
}

/* A path is taken as is; a name is looked up in the directories. */
int
themefile_find(const char *spec, char *dst, size_t dstsz)
{
	char dirs[4][1024];
	size_t i, n;
	int len;

	if (strchr(spec, '/') != NULL) {
		len = snprintf(dst, dstsz, "%s", spec);
		return len > 0 && (size_t)len < dstsz ? 0 : -1;
	}
	if (!themefile_name_ok(spec))
		return -1;
	n = themefile_dirs(dirs, 4);
	for (i = 0; i < n; i++)
		if (themefile_try(dirs[i], spec, dst, dstsz) == 0)
			return 0;
	return -1;
}

/* The xterm defaults of the first 16 colours, as most terminals have. */
static const uint8_t themefile_base_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

static const uint8_t themefile_cube[6] = { 0, 95, 135, 175, 215, 255 };

/* The red, green and blue of one colour of the 256-colour palette. */
static void
themefile_index_rgb(int i, uint8_t rgb[3])
{
	if (i < 16) {
		memcpy(rgb, themefile_base_rgb[i], 3);
	} else if (i < 232) {
		rgb[0] = themefile_cube[(i - 16) / 36];
		rgb[1] = themefile_cube[(i - 16) / 6 % 6];
		rgb[2] = themefile_cube[(i - 16) % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = (uint8_t)(8 + 10 * (i - 232));
	}
}

/* Squared distance, with green weighted as the eye weighs it. */
static long
themefile_distance(const uint8_t a[3], const uint8_t b[3])
{
	long dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];

	return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

/* The palette entry in [from, to) nearest to rgb. */
static int
themefile_nearest(const uint8_t rgb[3], int from, int to)
{
	uint8_t cand[3];
	long d, best = -1;
	int i, pick = from;

	for (i = from; i < to; i++) {
		themefile_index_rgb(i, cand);
		d = themefile_distance(rgb, cand);
		if (best < 0 || d < best) {
			best = d;
			pick = i;
		}
	}
	return pick;
}

/*
 * Only a 256-colour terminal shows the cube and greys as written; the
 * first 16 vary by terminal, so RGB is matched above them.
 */
void
themefile_pick(const struct themefile_colour *c, int ncolours,
    bool background, struct themefile_pick *out)
{
	uint8_t rgb[3] = { c->r, c->g, c->b };
	int i = c->index;

	memset(out, 0, sizeof *out);
	out->index = -1;
	if (c->kind == THEMEFILE_DEFAULT || ncolours < 8)
		return;
	if (c->kind == THEMEFILE_INDEX)
		themefile_index_rgb(i, rgb);
	if (ncolours >= 256) {
		out->index = c->kind == THEMEFILE_INDEX ? i :
		    themefile_nearest(rgb, 16, 256);
		return;
	}
	if (background && ncolours < 16) {
		out->index = themefile_nearest(rgb, 0, 8);
		return;
	}
	if (c->kind == THEMEFILE_RGB || i >= 16)
		i = themefile_nearest(rgb, 0, 16);
	if (ncolours >= 16 || i < 8) {
		out->index = i;
		return;
	}
	if (i == 8) {
		out->dim = true;
		return;
	}
	out->index = i - 8;
	out->bold = true;
}

/* Insert name into the sorted list unless it is there already. */
static size_t
themefile_list_add(char names[][THEMEFILE_NAME_MAX], size_t n, size_t max,
    const char *name)
{
	size_t i;
	int cmp = 1;

	for (i = 0; i < n && (cmp = strcmp(names[i], name)) < 0; i++)
		;
	if ((i < n && cmp == 0) || n >= max)
		return n;
	memmove(names[i + 1], names[i], (n - i) * sizeof names[0]);
	snprintf(names[i], sizeof names[i], "%s", name);
	return n + 1;
}

/* Names of the "*.theme" files of one directory. */
static size_t
themefile_list_dir(const char *dir, char names[][THEMEFILE_NAME_MAX],
    size_t n, size_t max)
{
	char name[THEMEFILE_NAME_MAX];
	size_t len, slen = strlen(THEMEFILE_SUFFIX);
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return n;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len <= slen || len - slen >= sizeof name ||
		    strcmp(de->d_name + len - slen, THEMEFILE_SUFFIX) != 0)
			continue;
		memcpy(name, de->d_name, len - slen);
		name[len - slen] = '\0';
		if (themefile_name_ok(name))
			n = themefile_list_add(names, n, max, name);
	}
	closedir(d);
	return n;
}

/* Every theme by name, sorted, for cycling through them live. */
size_t
themefile_list(char names[][THEMEFILE_NAME_MAX], size_t max)
{
	char dirs[4][1024];
	size_t i, ndirs, n = 0;

	ndirs = themefile_dirs(dirs, 4);
	for (i = 0; i < ndirs; i++)
		n = themefile_list_dir(dirs[i], names, n, max);
	return n;
}

/* Parsed from text like any file, so the two cannot disagree. */
void
themefile_builtin(struct themefile *t, const char *name)
{
	const char *text = strcmp(name, "mono") == 0 ?
	    themefile_builtin_mono : themefile_builtin_default;
	char err[THEMEFILE_ERROR_MAX];

	themefile_parse(t, text, strlen(text), "built-in", err, sizeof err);
	snprintf(t->name, sizeof t->name, "%s",
	    text == themefile_builtin_mono ? "mono" : "default");
}

/*
 * Theme files: one "role = style" a line, read into a plain table with
 * no terminal in sight; tui/theme.c turns the table into attributes.
 */
#ifndef VMNW_THEMEFILE_H
#define VMNW_THEMEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What drawing code asks for; a theme file names every one. */
enum theme_role {
	THEME_HEADER,		/* the bar at the top of the screen */
	THEME_TITLE,		/* a pane's title row */
	THEME_TITLE_FOCUS,	/* the title of the pane that has the keys */
	THEME_NORMAL,
	THEME_MUTED,		/* column headings, secondary text */
	THEME_OK,
	THEME_WARNING,
	THEME_CRITICAL,
	THEME_SELECTION,	/* the selected row of the focused pane */
	THEME_SELECTION_DIM,	/* the selected row of another pane */
	THEME_STATUS,		/* the status line */
	THEME_KEY,		/* key names in the status line */
	THEME_TIMELINE_ON,	/* a firewall sample: on */
	THEME_TIMELINE_OFF,	/* a firewall sample: off */
	THEME_ROLE_COUNT,
};

enum themefile_colour_kind {
	THEMEFILE_DEFAULT,	/* whatever the terminal uses */
	THEMEFILE_INDEX,	/* a palette number, 0-255 */
	THEMEFILE_RGB,		/* #rrggbb, mapped to the nearest */
};

struct themefile_colour {
	enum themefile_colour_kind kind;
	int		 index;
	uint8_t		 r, g, b;
};

#define THEMEFILE_BOLD		0x01
#define THEMEFILE_DIM		0x02
#define THEMEFILE_UNDERLINE	0x04
#define THEMEFILE_REVERSE	0x08
#define THEMEFILE_ITALIC	0x10
#define THEMEFILE_BLINK		0x20

struct themefile_style {
	struct themefile_colour	fg, bg;
	unsigned		attrs;	/* THEMEFILE_* bits */
};

#define THEMEFILE_NAME_MAX	64
#define THEMEFILE_ERROR_MAX	512
#define THEMEFILE_LINE_MAX	256	/* bytes of one line, at most */
#define THEMEFILE_SIZE_MAX	65536	/* bytes of one file, at most */

struct themefile {
	char			name[THEMEFILE_NAME_MAX];
	struct themefile_style	style[THEME_ROLE_COUNT];
};

/* The role's name as theme files write it, e.g. "title-focus". */
const char *themefile_role_name(enum theme_role role);

/*
 * Parse a theme's text of len bytes; origin names it in messages. Every
 * role must be given once. Returns 0, or -1 with "ORIGIN:LINE: why" in
 * err.
 */
int themefile_parse(struct themefile *t, const char *text, size_t len,
    const char *origin, char *err, size_t errsz);

/* Read and parse the file at path; the theme's name is its base name. */
int themefile_load(struct themefile *t, const char *path, char *err,
    size_t errsz);

/*
 * Find a theme by name (NAME or NAME.theme in the directories searched)
 * or by path (anything with a '/'). Returns 0 with the path in dst.
 */
int themefile_find(const char *spec, char *dst, size_t dstsz);

/* The directories searched by name, best first; unset ones are skipped. */
size_t themefile_dirs(char dirs[][1024], size_t max);

/* Names of every theme found in those directories, sorted; the count. */
size_t themefile_list(char names[][THEMEFILE_NAME_MAX], size_t max);

/* A colour as a terminal with ncolours colours can show it. */
struct themefile_pick {
	int	index;		/* -1: the terminal's default */
	bool	bold;	/* a bright colour made of a base and bold */
	bool	dim;		/* a grey made of the default and dim */
};

/*
 * The nearest colour the terminal has: 256-colour terminals take the
 * xterm cube and greys, 16-colour ones the base and bright colours, and
 * 8-colour ones the base colours, with bold for bright foregrounds and
 * the nearest base colour for backgrounds.
 */
void themefile_pick(const struct themefile_colour *c, int ncolours,
    bool background, struct themefile_pick *out);

/* The theme compiled in, "default" or "mono", for when none is found. */
void themefile_builtin(struct themefile *t, const char *name);

#endif

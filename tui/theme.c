/* The roles as attributes: the one place that decides how each looks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"

#define THEME_LIST_MAX	64

static struct themefile theme_chosen;	/* what the user asked for */
static struct themefile theme_mono;	/* for terminals without colours */
static attr_t theme_attrs[THEME_ROLE_COUNT];
static bool theme_colour;		/* colours in use */
static char theme_tried[THEMEFILE_NAME_MAX];	/* the last one cycled to */

/* The user said no to colours (https://no-color.org). */
static bool
theme_no_colour(void)
{
	const char *v = getenv("NO_COLOR");

	return v != NULL && *v != '\0';
}

/* A theme by name or path, or the default: a file first, built in else. */
static int
theme_resolve(struct themefile *t, const char *spec, char *err,
    size_t errsz)
{
	char path[1024];

	if (themefile_find(spec, path, sizeof path) == -1) {
		if (strcmp(spec, "default") == 0 || strcmp(spec, "mono") == 0) {
			themefile_builtin(t, spec);
			return 0;
		}
		snprintf(err, errsz, "no theme named '%s' (looked in "
		    "$VMNW_THEMEDIR, the user's themes and %s)", spec,
		    THEMEDIR);
		return -1;
	}
	return themefile_load(t, path, err, errsz);
}

/* Loaded before the terminal is taken, so errors go to stderr. */
int
theme_select(const char *spec, char *err, size_t errsz)
{
	char ignored[THEMEFILE_ERROR_MAX];

	if (theme_resolve(&theme_chosen, spec != NULL ? spec : "default",
	    err, errsz) == -1)
		return -1;
	if (theme_resolve(&theme_mono, "mono", ignored, sizeof ignored) == -1)
		themefile_builtin(&theme_mono, "mono");
	return 0;
}

/* Theme attributes as curses attributes. */
static attr_t
theme_attrs_map(unsigned bits)
{
	attr_t a = A_NORMAL;

	if (bits & THEMEFILE_BOLD)
		a |= A_BOLD;
	if (bits & THEMEFILE_DIM)
		a |= A_DIM;
	if (bits & THEMEFILE_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & THEMEFILE_REVERSE)
		a |= A_REVERSE;
	if (bits & THEMEFILE_ITALIC)
		a |= A_ITALIC;
	if (bits & THEMEFILE_BLINK)
		a |= A_BLINK;
	return a;
}

/* A colour pair for one role; extra attributes stand in for colours. */
static attr_t
theme_pair_set(int role, const struct themefile_style *st, bool defaults)
{
	struct themefile_pick fg, bg;
	attr_t extra = A_NORMAL;

	themefile_pick(&st->fg, COLORS, false, &fg);
	themefile_pick(&st->bg, COLORS, true, &bg);
	if (fg.bold)
		extra |= A_BOLD;
	if (fg.dim)
		extra |= A_DIM;
	if (!defaults && fg.index < 0)
		fg.index = COLOR_WHITE;
	if (!defaults && bg.index < 0)
		bg.index = COLOR_BLACK;
	init_pair((short)(role + 1), (short)fg.index, (short)bg.index);
	return COLOR_PAIR(role + 1) | extra;
}

/* Colour pairs and attributes for every role of t. */
static void
theme_apply(const struct themefile *t)
{
	bool defaults = false;
	int role;

	if (theme_colour)
		defaults = use_default_colors() != ERR;
	for (role = 0; role < THEME_ROLE_COUNT; role++) {
		theme_attrs[role] = theme_attrs_map(t->style[role].attrs);
		if (theme_colour)
			theme_attrs[role] |= theme_pair_set(role,
			    &t->style[role], defaults);
	}
}

/* Colours when the terminal has them and the user has not said no. */
void
theme_init(void)
{
	theme_colour = !theme_no_colour() && has_colors() &&
	    start_color() != ERR && COLORS >= 8 &&
	    COLOR_PAIRS > THEME_ROLE_COUNT;
	if (theme_chosen.name[0] == '\0')
		themefile_builtin(&theme_chosen, "default");
	if (theme_mono.name[0] == '\0')
		themefile_builtin(&theme_mono, "mono");
	theme_apply(theme_colour ? &theme_chosen : &theme_mono);
}

/*
 * The name after the last one tried in the sorted list, wrapping round,
 * so that a broken theme is passed over on the next press.
 */
static const char *
theme_next_name(char names[][THEMEFILE_NAME_MAX], size_t n)
{
	const char *from = theme_tried[0] != '\0' ? theme_tried :
	    theme_chosen.name;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], from) > 0)
			return names[i];
	return names[0];
}

/* t on the main view: the next theme, or why it stays. */
int
theme_cycle(char *msg, size_t msgsz)
{
	static char names[THEME_LIST_MAX][THEMEFILE_NAME_MAX];
	struct themefile next;
	size_t n = themefile_list(names, THEME_LIST_MAX);

	if (n == 0) {
		snprintf(msg, msgsz, "no theme files found; theme %s stays",
		    theme_chosen.name);
		return -1;
	}
	memmove(theme_tried, theme_next_name(names, n), sizeof theme_tried);
	theme_tried[sizeof theme_tried - 1] = '\0';
	if (theme_resolve(&next, theme_tried, msg, msgsz) == -1)
		return -1;
	theme_chosen = next;
	if (!theme_colour) {
		snprintf(msg, msgsz, "theme %s chosen; this terminal shows "
		    "mono", theme_chosen.name);
		return 0;
	}
	theme_apply(&theme_chosen);
	snprintf(msg, msgsz, "theme %s", theme_chosen.name);
	return 0;
}

/* Drawing code asks for roles; this is the only way to attributes. */
attr_t
theme_attr(enum theme_role role)
{
	if ((unsigned)role >= THEME_ROLE_COUNT)
		return A_NORMAL;
	return theme_attrs[role];
}

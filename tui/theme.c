/* The role table: the one place that decides how each role looks. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "theme.h"

/* How a role looks with colours, and without them. */
struct theme_style {
	short	fg, bg;		/* colour numbers; -1 is the default */
	attr_t	attrs;		/* added to the colour pair */
	attr_t	mono;		/* used alone on a monochrome terminal */
};

static const struct theme_style theme_default[THEME_ROLE_COUNT] = {
	[THEME_TITLE] = { .fg = COLOR_WHITE, .bg = COLOR_BLUE,
	    .attrs = A_BOLD, .mono = A_BOLD },
	[THEME_NORMAL] = { .fg = -1, .bg = -1,
	    .attrs = A_NORMAL, .mono = A_NORMAL },
	[THEME_MUTED] = { .fg = 8, .bg = -1,
	    .attrs = A_NORMAL, .mono = A_DIM },
	[THEME_OK] = { .fg = COLOR_GREEN, .bg = -1,
	    .attrs = A_NORMAL, .mono = A_NORMAL },
	[THEME_WARNING] = { .fg = COLOR_YELLOW, .bg = -1,
	    .attrs = A_BOLD, .mono = A_BOLD },
	[THEME_CRITICAL] = { .fg = COLOR_RED, .bg = -1,
	    .attrs = A_BOLD, .mono = A_BOLD | A_UNDERLINE },
	[THEME_SELECTION] = { .fg = COLOR_BLACK, .bg = COLOR_CYAN,
	    .attrs = A_NORMAL, .mono = A_REVERSE },
	[THEME_STATUS] = { .fg = COLOR_WHITE, .bg = COLOR_BLUE,
	    .attrs = A_NORMAL, .mono = A_NORMAL },
	[THEME_KEY] = { .fg = COLOR_CYAN, .bg = COLOR_BLUE,
	    .attrs = A_BOLD, .mono = A_BOLD },
};

static attr_t theme_attrs[THEME_ROLE_COUNT];

/* Colours only when the terminal has them and the user has not said no. */
static bool
theme_want_colour(void)
{
	const char *no_colour = getenv("NO_COLOR");

	if (no_colour != NULL && *no_colour != '\0')
		return false;
	return has_colors() && start_color() != ERR;
}

/* A colour the terminal cannot show becomes its default. */
static short
theme_colour(short c, bool have_default, short fallback)
{
	if (c >= COLORS)
		c = -1;
	if (c < 0 && !have_default)
		c = fallback;
	return c;
}

/* Fill the roles once the terminal is known; monochrome if need be. */
void
theme_init(void)
{
	const struct theme_style *s;
	bool have_default;
	int role;

	if (!theme_want_colour()) {
		for (role = 0; role < THEME_ROLE_COUNT; role++)
			theme_attrs[role] = theme_default[role].mono;
		return;
	}

	have_default = use_default_colors() != ERR;
	for (role = 0; role < THEME_ROLE_COUNT; role++) {
		s = &theme_default[role];
		init_pair(role + 1,
		    theme_colour(s->fg, have_default, COLOR_WHITE),
		    theme_colour(s->bg, have_default, COLOR_BLACK));
		theme_attrs[role] = COLOR_PAIR(role + 1) | s->attrs;
	}
}

/* Drawing code asks for roles; this is the only way to attributes. */
attr_t
theme_attr(enum theme_role role)
{
	if ((unsigned)role >= THEME_ROLE_COUNT)
		return A_NORMAL;
	return theme_attrs[role];
}

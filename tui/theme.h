/* Roles that drawing code asks for, and the attributes that fill them. */
#ifndef VMNW_THEME_H
#define VMNW_THEME_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1	/* the wide-character calls */
#endif
#include <curses.h>

enum theme_role {
	THEME_TITLE,		/* the header bar and pane titles */
	THEME_NORMAL,
	THEME_MUTED,		/* column headings, secondary text */
	THEME_OK,
	THEME_WARNING,
	THEME_CRITICAL,
	THEME_SELECTION,	/* the selected row */
	THEME_STATUS,		/* the status line */
	THEME_KEY,		/* key names in the status line */
	THEME_ROLE_COUNT,
};

/* Choose colour or monochrome styles for the terminal now in use. */
void theme_init(void);

/* The attributes, colour pair included, that draw a role. */
attr_t theme_attr(enum theme_role role);

#endif

/* Roles that drawing code asks for, and the attributes that fill them. */
#ifndef VMNW_THEME_H
#define VMNW_THEME_H

#include <stdbool.h>
#include <stddef.h>

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1	/* the wide-character calls */
#endif
#include <curses.h>

#include "themefile.h"	/* enum theme_role: the roles themselves */

/*
 * Choose the theme before the terminal is taken: spec is a name or a
 * path, NULL for the default. Returns 0, or -1 with why in err.
 */
int theme_select(const char *spec, char *err, size_t errsz);

/* Fill the roles from the chosen theme, for the terminal now in use. */
void theme_init(void);

/*
 * Switch to the next theme found, live. Returns 0 with what happened in
 * msg, or -1 with why not, keeping the theme in force.
 */
int theme_cycle(char *msg, size_t msgsz);

/* The attributes, colour pair included, that draw a role. */
attr_t theme_attr(enum theme_role role);

#endif

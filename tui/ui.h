/* What the screen's parts share: view state, panes and key bindings. */
#ifndef VMNW_UI_H
#define VMNW_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct model;
struct options;
struct ui;

#define UI_FILTER_MAX	64	/* bytes of a filter, NUL included */

enum ui_view {
	UI_VIEW_MAIN,		/* header, panes and status line */
	UI_VIEW_DETAIL,		/* one packet, fully decoded */
	UI_VIEW_HELP,		/* every key binding */
};

/* What a key handler asks of the screen. */
enum ui_action {
	UI_NONE,		/* nothing changed */
	UI_REDRAW,		/* view state changed */
	UI_QUIT,		/* leave the program */
};

/* One binding: the codes that trigger it and what help says about it. */
struct key_binding {
	int		  codes[6];	/* 0 ends the list early */
	const char	 *label;	/* the key as people write it */
	const char	 *brief;	/* status-line word, or NULL */
	const char	 *help;		/* the help view's sentence */
	enum ui_action	(*fn)(struct ui *);
};

/* A region of the screen handed to a pane. */
struct pane_area {
	int		y, x, h, w;
};

/* A part of the main view; the screen stacks them top to bottom. */
struct pane {
	const char		 *name;
	const char		 *title;	/* heads its keys in help */
	int			(*height)(const struct ui *, int avail);
	void			(*draw)(struct ui *, const struct pane_area *);
	const struct key_binding *keys;	/* ends with a NULL fn */
};

/* A snapshot of one packet's decode, taken when the detail view opens. */
struct ui_detail {
	uint64_t	 seq;
	bool		 missing;	/* gone from the ring when opened */
	char		 title[256];
	char		**text;
	int		*indent;
	size_t		 count, cap;
	int		 top;		/* first line shown */
};

struct ui {
	struct model		*m;
	const struct options	*opts;
	enum ui_view		 view;
	size_t			 focus;		/* pane that gets keys first */

	/* The feed: the rows that pass the filter, oldest first. */
	uint64_t		*rows;
	size_t			 nrows, rows_cap;
	bool			 follow;	/* keep the newest in view */
	uint64_t		 sel_seq, top_seq;
	int			 page;		/* rows the pane showed */

	bool			 paused;
	uint64_t		 pause_seq;	/* newest seq when paused */

	char			 filter[UI_FILTER_MAX];
	bool			 editing;
	char			 edit[UI_FILTER_MAX];
	size_t			 edit_len;

	struct ui_detail	 detail;
	int			 help_top;
};

/* screen.c: the panes of the main view, in order; the last fills. */
extern const struct pane ui_panes[];
extern const size_t ui_npanes;

/* keys.c */
extern const struct key_binding keys_global[];
extern const struct key_binding keys_filter[];
enum ui_action keys_dispatch(struct ui *ui, int key);

/* feedpane.c */
extern const struct key_binding feedpane_keys[];
int feedpane_height(const struct ui *ui, int avail);
void feedpane_draw(struct ui *ui, const struct pane_area *a);
void feedpane_collect(struct ui *ui);
void feedpane_reset(struct ui *ui);

/* detail.c */
extern const struct key_binding detail_keys[];
void detail_open(struct ui *ui, uint64_t seq);
void detail_close(struct ui *ui);
void detail_draw(struct ui *ui, int h, int w);

/* help.c */
extern const struct key_binding help_keys[];
void help_draw(struct ui *ui, int h, int w);

/*
 * bars.c: the header above the panes and the status line below; the
 * status line returns the column of the text cursor, or -1 for none.
 */
int bars_header_height(const struct ui *ui, int w);
void bars_header_draw(const struct ui *ui, int h, int w);
int bars_status_draw(const struct ui *ui, int y, int w);
int bars_keys_draw(const struct key_binding *table, int y, int x, int w);

/* tty.c: the terminal, taken over and given back on every way out. */
int tty_open(void);
void tty_close(void);
void tty_resize(void);

#endif

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
	UI_VIEW_DIALOG,		/* a fix's commands, awaiting y */
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
	void	(*draw)(struct ui *, const struct pane_area *);
	const struct key_binding *keys;	/* ends with a NULL fn */
	/* A mouse click on screen row y of the pane; NULL: focus only. */
	enum ui_action	(*click)(struct ui *, const struct pane_area *,
				    int y);
};

#define UI_PANES_MAX	8	/* panes the layout can hold */
#define UI_NOTICE_MAX	256	/* bytes of a status-line notice */

/* How the lease pane orders its rows; the sort key cycles through them. */
enum ui_lease_sort {
	UI_LEASE_SORT_STATUS,	/* the worst first */
	UI_LEASE_SORT_IP,
	UI_LEASE_SORT_MAC,
	UI_LEASE_SORT_NAME,
	UI_LEASE_SORT_COUNT,
};

/* A snapshot of one packet's decode, taken when the detail view opens. */
struct ui_detail {
	uint64_t	 seq;
	bool		 missing; /* gone from the ring when opened */
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
	size_t			 focus; /* pane that gets keys first */

	/* The feed: the rows that pass the filter, oldest first. */
	uint64_t		*rows;
	size_t			 nrows, rows_cap;
	bool			 follow; /* keep the newest in view */
	uint64_t		 sel_seq, top_seq;
	int			 page;	/* rows the pane showed */

	bool			 paused;
	uint64_t		 pause_seq;	/* newest seq when paused */

	char			 filter[UI_FILTER_MAX];
	bool			 editing;
	char			 edit[UI_FILTER_MAX];
	size_t			 edit_len;

	struct ui_detail	 detail;
	int			 help_top;

	/* Layout, time format, notices (layout.c); the lease pane's view. */
	struct pane_area	 areas[UI_PANES_MAX];	/* as last drawn */
	bool			 zoomed; /* the focused pane fills all */
	bool			 time_relative; /* ages, not clock times */
	char	 notice[UI_NOTICE_MAX];	/* until the next key */
	enum ui_lease_sort	 lease_sort;
	size_t			 lease_sel, lease_top;
	size_t			*lease_order; /* row indexes, sorted */
	size_t			 lease_order_cap;
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
enum ui_action feedpane_click(struct ui *ui, const struct pane_area *a,
    int y);

/* fwpane.c: the firewall's state, timeline and the DHCP server rule. */
int fwpane_height(const struct ui *ui, int avail);
void fwpane_draw(struct ui *ui, const struct pane_area *a);

/* leasepane.c: leases against running VM NICs, one row each. */
extern const struct key_binding leasepane_keys[];
int leasepane_height(const struct ui *ui, int avail);
void leasepane_draw(struct ui *ui, const struct pane_area *a);
enum ui_action leasepane_click(struct ui *ui, const struct pane_area *a,
    int y);

/*
 * layout.c: the panes' share of the rows, focus and zoom, and the keys
 * that change the view as a whole.
 */
extern const struct key_binding layout_keys[];
void layout_draw(struct ui *ui, int top, int bottom, int w);
void layout_focus_next(struct ui *ui, int step);

/* mouse.c: clicks focus a pane and select a row, where terminals can. */
void mouse_enable(void);
enum ui_action mouse_event(struct ui *ui);

/* diagpane.c: the verdicts, held a while after they clear. */
int diagpane_height(const struct ui *ui, int avail);
void diagpane_draw(struct ui *ui, const struct pane_area *a);

/* actionpane.c: the fix keys and the last fix's commands and result. */
struct fixer;
extern const struct key_binding fix_keys[];
void actionpane_attach(struct fixer *fx);
struct fixer *actionpane_get_fixer(void);
bool actionpane_offered(int fix);
const struct key_binding *actionpane_keys_offered(void);
int actionpane_height(const struct ui *ui, int avail);
void actionpane_draw(struct ui *ui, const struct pane_area *a);

/* dialog.c: the confirmation of a fix, drawn over the main view. */
void dialog_draw(struct ui *ui, int h, int w);
enum ui_action dialog_key(struct ui *ui, int key);

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

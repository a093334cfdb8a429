/* The dashboard's loop: keys and signals in, at most one frame a pass. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "draw.h"
#include "model.h"
#include "options.h"
#include "screen.h"
#include "ui.h"

#define SCREEN_FRAME_GAP	0.040	/* seconds: at most 25 frames/s */
#define SCREEN_STATUS_LOST	(128 + SIGHUP)

/* The main view's panes, top to bottom; the feed takes what is left. */
const struct pane ui_panes[] = {
	{
		.name = "diagnosis",
		.title = "In the diagnosis pane",
		.height = diagpane_height,
		.draw = diagpane_draw,
	},
	{
		.name = "actions",
		.title = "In the actions pane",
		.height = actionpane_height,
		.draw = actionpane_draw,
	},
	{
		.name = "firewall",
		.title = "In the firewall pane",
		.height = fwpane_height,
		.draw = fwpane_draw,
	},
	{
		.name = "leases",
		.title = "In the lease pane",
		.height = leasepane_height,
		.draw = leasepane_draw,
		.keys = leasepane_keys,
		.click = leasepane_click,
	},
	{
		.name = "feed",
		.title = "In the DHCP feed",
		.height = feedpane_height,
		.draw = feedpane_draw,
		.keys = feedpane_keys,
		.click = feedpane_click,
	},
};
const size_t ui_npanes = sizeof ui_panes / sizeof ui_panes[0];

static const int screen_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
#define SCREEN_NSIGNALS \
	(sizeof screen_signals / sizeof screen_signals[0])

struct screen {
	struct ev_loop	*loop;
	struct ui	 ui;

	ev_io		 input;
	ev_signal	 signals[SCREEN_NSIGNALS];
	ev_prepare	 prepare;
	ev_timer	 frame_timer;

	bool		 dirty; /* the view changed since the frame */
	bool		 resized;
	uint64_t	 drawn_generation;
	double		 last_frame;
	int		 status;	/* for main() */
};

/* Leave the loop; the status is what main() returns. */
static void
screen_quit(struct screen *s, int status)
{
	s->status = status;
	ev_break(s->loop, EVBREAK_ALL);
}

/* The main view: header, panes, status line; returns the cursor column. */
static int
screen_main_draw(struct screen *s)
{
	int top, bottom = LINES - 1;

	top = bars_header_height(&s->ui, COLS);
	if (top > bottom)
		top = bottom > 0 ? bottom : LINES;
	bars_header_draw(&s->ui, top, COLS);
	if (bottom < 1)
		return -1;

	layout_draw(&s->ui, top, bottom, COLS);
	return bars_status_draw(&s->ui, bottom, COLS);
}

/* Show the text cursor only while a line is being edited. */
static void
screen_cursor_place(int x)
{
	if (x < 0) {
		curs_set(0);
		return;
	}
	curs_set(1);
	move(LINES - 1, x);
}

/* The one place that draws. */
static void
screen_draw(struct screen *s)
{
	int cursor = -1;

	if (s->resized) {
		s->resized = false;
		tty_resize();
	}
	s->dirty = false;
	s->drawn_generation = s->ui.m->generation;

	erase();
	if (LINES > 0 && COLS > 0) {
		switch (s->ui.view) {
		case UI_VIEW_DETAIL:
			detail_draw(&s->ui, LINES, COLS);
			break;
		case UI_VIEW_HELP:
			help_draw(&s->ui, LINES, COLS);
			break;
		case UI_VIEW_MAIN:
			cursor = screen_main_draw(s);
			break;
		case UI_VIEW_DIALOG:
			screen_main_draw(s);
			dialog_draw(&s->ui, LINES, COLS);
			break;
		}
	}
	screen_cursor_place(cursor);
	refresh();
}

/* Draw if something changed, unless the last frame was just now. */
static void
screen_frame(struct screen *s)
{
	double now, wait;

	if (!s->dirty && s->ui.m->generation == s->drawn_generation)
		return;
	now = ev_time();
	wait = s->last_frame + SCREEN_FRAME_GAP - now;
	if (wait > 0) {
		if (!ev_is_active(&s->frame_timer)) {
			ev_timer_set(&s->frame_timer, wait, 0.);
			ev_timer_start(s->loop, &s->frame_timer);
		}
		return;
	}
	ev_timer_stop(s->loop, &s->frame_timer);
	screen_draw(s);
	s->last_frame = now;
}

/* Runs once before the loop waits: the place where frames happen. */
static void
screen_prepare_cb(struct ev_loop *loop, ev_prepare *w, int revents)
{
	screen_frame(w->data);
}

/* The frame that was held back by the rate limit. */
static void
screen_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	screen_frame(w->data);
}

/* A readable terminal that yields no key has gone away. */
static bool
screen_input_lost(void)
{
	int pending = 0;

	return ioctl(STDIN_FILENO, FIONREAD, &pending) == -1 || pending == 0;
}

/* Every key waiting, in order; handlers say what they need. */
static void
screen_input_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct screen *s = w->data;
	int key, keys = 0;

	while ((key = getch()) != ERR) {
		keys++;
		if (key == KEY_RESIZE) {
			s->dirty = true;
			continue;
		}
		switch (keys_dispatch(&s->ui, key)) {
		case UI_QUIT:
			screen_quit(s, 0);
			return;
		case UI_REDRAW:
			s->dirty = true;
			break;
		case UI_NONE:
			break;
		}
	}
	if (keys == 0 && screen_input_lost())
		screen_quit(s, SCREEN_STATUS_LOST);
}

/* A new size is read when drawing; the others end the program. */
static void
screen_signal_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct screen *s = w->data;

	if (w->signum == SIGWINCH) {
		s->resized = true;
		s->dirty = true;
		return;
	}
	screen_quit(s, 128 + w->signum);
}

/* Signals first: ncurses leaves alone a SIGWINCH that is taken. */
static void
screen_signals_start(struct screen *s)
{
	size_t i;

	for (i = 0; i < SCREEN_NSIGNALS; i++) {
		ev_signal_init(&s->signals[i], screen_signal_cb,
		    screen_signals[i]);
		s->signals[i].data = s;
		ev_signal_start(s->loop, &s->signals[i]);
	}
}

/* Keys in, frames out; the signals are already taken. */
static void
screen_watchers_start(struct screen *s)
{
	ev_io_init(&s->input, screen_input_cb, STDIN_FILENO, EV_READ);
	s->input.data = s;
	ev_io_start(s->loop, &s->input);

	ev_prepare_init(&s->prepare, screen_prepare_cb);
	s->prepare.data = s;
	ev_prepare_start(s->loop, &s->prepare);

	ev_init(&s->frame_timer, screen_timer_cb);
	s->frame_timer.data = s;
}

/* Leave the loop as main() gave it, for the sources to stop. */
static void
screen_watchers_stop(struct screen *s)
{
	size_t i;

	ev_io_stop(s->loop, &s->input);
	ev_prepare_stop(s->loop, &s->prepare);
	ev_timer_stop(s->loop, &s->frame_timer);
	for (i = 0; i < SCREEN_NSIGNALS; i++)
		ev_signal_stop(s->loop, &s->signals[i]);
}

/* The screen owns the terminal and the loop until the user quits. */
int
screen_run(struct ev_loop *loop, struct model *m,
    const struct options *opts)
{
	struct screen s;
	char err[THEMEFILE_ERROR_MAX];

	if (theme_select(opts->theme, err, sizeof err) == -1) {
		fprintf(stderr, "vmnetwatch: theme: %s\n", err);
		return 2;
	}
	memset(&s, 0, sizeof s);
	s.loop = loop;
	s.ui.m = m;
	s.ui.opts = opts;
	s.ui.follow = true;
	s.ui.focus = ui_npanes - 1; /* the feed, which takes keys first */
	s.dirty = true;

	setlocale(LC_ALL, "");
	screen_signals_start(&s);
	if (tty_open() == -1) {
		screen_watchers_stop(&s);
		return 3;
	}
	screen_watchers_start(&s);
	ev_run(loop, 0);

	screen_watchers_stop(&s);
	tty_close();
	detail_close(&s.ui);
	free(s.ui.rows);
	free(s.ui.lease_order);
	return s.status;
}

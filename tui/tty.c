/* The terminal: taken over for the screen, given back on every way out. */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "theme.h"
#include "ui.h"

#include <term.h>

#define TTY_ESC_DELAY	25 /* ms to tell Esc from an escape sequence */

static const int tty_fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define TTY_NFATAL	(sizeof tty_fatal / sizeof tty_fatal[0])

/*
 * What giving the terminal back needs, prepared while it is safe, so
 * that a fatal-signal handler can do it with write() and tcsetattr().
 */
static struct {
	SCREEN		*sp;
	volatile sig_atomic_t active;
	bool		 have_termios;
	struct termios	 saved;
	char		 restore[256];
	size_t		 restore_len;
	struct sigaction old[TTY_NFATAL];
} tty;

/* Append one terminfo string to the restore sequence, if it has one. */
static void
tty_restore_add(const char *cap)
{
	char *s = tigetstr(cap);
	size_t len;

	if (s == NULL || s == (char *)-1)
		return;
	len = strlen(s);
	if (len >= sizeof tty.restore - tty.restore_len)
		return;
	memcpy(tty.restore + tty.restore_len, s, len);
	tty.restore_len += len;
}

/* Give the terminal back from a crash, then let the crash go on. */
static void
tty_fatal_handler(int sig, siginfo_t *info, void *uctx)
{
	ssize_t n;
	size_t i;

	if (tty.active) {
		if (tty.have_termios)
			tcsetattr(STDIN_FILENO, TCSANOW, &tty.saved);
		n = write(STDOUT_FILENO, tty.restore, tty.restore_len);
		(void)n;
		tty.active = 0;
	}
	for (i = 0; i < TTY_NFATAL; i++)
		if (tty_fatal[i] == sig)
			sigaction(sig, &tty.old[i], NULL);
	if (info->si_code <= 0)
		raise(sig);
}

/* Crashes restore the terminal first, then crash as before. */
static void
tty_fatal_install(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = tty_fatal_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < TTY_NFATAL; i++)
		sigaction(tty_fatal[i], &sa, &tty.old[i]);
}

/* Hand crashes back to whoever handled them before us. */
static void
tty_fatal_remove(void)
{
	size_t i;

	for (i = 0; i < TTY_NFATAL; i++)
		sigaction(tty_fatal[i], &tty.old[i], NULL);
}

/* exit() from anywhere, even from a library, leaves a usable terminal. */
static void
tty_atexit(void)
{
	tty_close();
}

/*
 * Home and End as terminals other than the one TERM names send them
 * (a multiplexer in between, a PC console), so that they work anyway.
 */
static void
tty_keys_define(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} alt[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
		{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof alt / sizeof alt[0]; i++)
		if (key_defined(alt[i].seq) == 0)
			define_key(alt[i].seq, alt[i].key);
}

/* Raw keys, no echo, no waiting for input, keypad sequences decoded. */
static void
tty_modes_set(void)
{
	raw();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(TTY_ESC_DELAY);
	curs_set(0);
	tty_keys_define();
	mouse_enable();
}

/* Raw keys and the alternate screen, with every way out prepared. */
int
tty_open(void)
{
	static bool registered;
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("vmnetwatch: the screen needs a terminal; "
		    "--report works without one\n", stderr);
		return -1;
	}
	tty.have_termios = tcgetattr(STDIN_FILENO, &tty.saved) == 0;
	tty.sp = newterm(NULL, stdout, stdin);
	if (tty.sp == NULL) {
		fprintf(stderr, "vmnetwatch: cannot drive terminal type "
		    "'%s'\n", term != NULL ? term : "");
		return -1;
	}
	set_term(tty.sp);
	if (!registered && atexit(tty_atexit) == 0)
		registered = true;

	tty.restore_len = 0;
	tty_restore_add("sgr0");
	tty_restore_add("cnorm");
	tty_restore_add("rmkx");
	tty_restore_add("rmcup");
	tty.active = 1;
	tty_fatal_install();

	tty_modes_set();
	theme_init();
	return 0;
}

/* Give the terminal back; safe to call more than once. */
void
tty_close(void)
{
	if (!tty.active)
		return;
	tty_fatal_remove();
	endwin();
	tty.active = 0;
	delscreen(tty.sp);
	tty.sp = NULL;
}

/* Take the new size from the terminal and redraw from scratch. */
void
tty_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

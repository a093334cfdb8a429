/* The lease file, watched on the libev loop and kept in the model. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "leases.h"
#include "leasewatch.h"
#include "log.h"
#include "model.h"
#include "reconcile.h"
#include "util.h"

#define LEASE_WATCH_STAT	1.0	/* ev_stat's own polling interval */
#define LEASE_WATCH_RECHECK	2.0	/* the periodic check, seconds */
#define LEASE_WATCH_SETTLE	0.2 /* re-read a file caught mid-write */
#define LEASE_WATCH_TRIES	5	/* re-reads before giving up */

/* What identifies one version of the file. */
struct lease_sig {
	dev_t		dev;
	ino_t		ino;
	off_t		size;
	struct timespec	mtime, ctime;
};

struct lease_watch {
	struct ev_loop	*loop;
	struct model	*m;
	const char	*fixed;			/* -l, or NULL */
	char		 path[LEASES_PATH_MAX]; /* what ev_stat watches */
	struct lease_sig last;		/* of the table in the model */
	bool		 have_last;
	bool		 following;	/* path chosen at least once */
	unsigned	 tries;		/* re-reads of a cut file */
	bool		 confirm_empty; /* an emptied file, once more */

	ev_stat		 stat;
	ev_timer	 recheck;
	ev_timer	 settle;
};

static void
lease_sig_of(struct lease_sig *sig, const struct stat *st)
{
	memset(sig, 0, sizeof *sig);
	sig->dev = st->st_dev;
	sig->ino = st->st_ino;
	sig->size = st->st_size;
#if defined(__APPLE__)
	sig->mtime = st->st_mtimespec;
	sig->ctime = st->st_ctimespec;
#else
	sig->mtime = st->st_mtim;
	sig->ctime = st->st_ctim;
#endif
}

static bool
lease_sig_equal(const struct lease_sig *a, const struct lease_sig *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec &&
	    a->ctime.tv_sec == b->ctime.tv_sec &&
	    a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/* Something changed for the views: rows and verdicts follow. */
static void
lease_watch_changed(struct lease_watch *w)
{
	reconcile_model(w->m);
	model_touch(w->m);
}

static void
lease_watch_set(struct lease_watch *w, enum lease_file_state state,
    const char *reason)
{
	struct lease_state *s = &w->m->leases;

	if (s->state != state || strcmp(s->reason, reason) != 0)
		log_msg(1, "leases %s: %s%s%s", s->path,
		    lease_file_state_name(state), reason[0] ? ": " : "",
		    reason);
	s->state = state;
	snprintf(s->reason, sizeof s->reason, "%s", reason);
}

/* Point ev_stat at the path to watch now (the bridge may have changed). */
static void
lease_watch_follow(struct lease_watch *w)
{
	const char *p = w->fixed;
	struct lease_state *s = &w->m->leases;

	if (p == NULL)
		p = lease_default_path(w->m->iface.name);
	if (p == NULL)
		p = "";
	if (w->following && strcmp(p, w->path) == 0)
		return;
	w->following = true;
	ev_stat_stop(w->loop, &w->stat);
	snprintf(w->path, sizeof w->path, "%s", p);
	snprintf(s->path, sizeof s->path, "%s", p);
	w->have_last = false;
	lease_table_clear(&s->table);
	if (w->path[0] == '\0') {
		lease_watch_set(w, LEASE_FILE_NONE, "no lease file is known "
		    "for this bridge; name one with -l");
		lease_watch_changed(w);
		return;
	}
	ev_stat_set(&w->stat, w->path, LEASE_WATCH_STAT);
	ev_stat_start(w->loop, &w->stat);
}

/* A read that did not give a table: keep the last one, say why. */
static void
lease_watch_failed(struct lease_watch *w, enum lease_parse_result r,
    const char *why)
{
	char reason[LEASES_REASON_MAX];

	if (r == LEASE_PARSE_PARTIAL && w->tries++ < LEASE_WATCH_TRIES) {
		ev_timer_set(&w->settle, LEASE_WATCH_SETTLE, 0);
		ev_timer_start(w->loop, &w->settle);
	}
	snprintf(reason, sizeof reason, "%.220s%s", why,
	    w->m->leases.reads > 0 ? "; last good read kept" : "");
	lease_watch_set(w, LEASE_FILE_STALE, reason);
	w->have_last = false;
	lease_watch_changed(w);
}

/* An in-place rewrite starts by emptying the file: look again first. */
static bool
lease_watch_doubt_empty(struct lease_watch *w, const struct stat *st)
{
	if (st->st_size != 0 || w->m->leases.table.count == 0 ||
	    w->confirm_empty) {
		w->confirm_empty = false;
		return false;
	}
	w->confirm_empty = true;
	ev_timer_set(&w->settle, LEASE_WATCH_SETTLE, 0);
	ev_timer_start(w->loop, &w->settle);
	return true;
}

static void
lease_watch_read(struct lease_watch *w, const struct stat *st)
{
	struct lease_state *s = &w->m->leases;
	enum lease_parse_result r;
	char why[LEASES_REASON_MAX];

	if (lease_watch_doubt_empty(w, st))
		return;
	r = lease_file_read(&s->table, w->path, now_seconds(), why,
	    sizeof why);
	if (r != LEASE_PARSE_OK) {
		lease_watch_failed(w, r, why);
		return;
	}
	lease_sig_of(&w->last, st);
	w->have_last = true;
	w->tries = 0;
	s->reads++;
	s->read_at = now_seconds();
	lease_watch_set(w, LEASE_FILE_OK, why);
	lease_watch_changed(w);
}

void
lease_watch_check(struct lease_watch *w)
{
	struct lease_sig sig;
	struct stat st;
	char why[LEASES_REASON_MAX];

	lease_watch_follow(w);
	if (w->path[0] == '\0')
		return;
	if (stat(w->path, &st) != 0) {
		snprintf(why, sizeof why, "%.200s: %s", w->path,
		    errno == ENOENT ? "no such file yet (no leases)" :
		    strerror(errno));
		lease_table_clear(&w->m->leases.table);
		w->have_last = false;
		lease_watch_set(w, errno == ENOENT ? LEASE_FILE_ABSENT :
		    LEASE_FILE_STALE, why);
		lease_watch_changed(w);
		return;
	}
	lease_sig_of(&sig, &st);
	if (w->have_last && lease_sig_equal(&sig, &w->last))
		return;
	lease_watch_read(w, &st);
}

static void
lease_watch_on_stat(struct ev_loop *loop, ev_stat *st, int revents)
{
	lease_watch_check(st->data);
}

static void
lease_watch_on_timer(struct ev_loop *loop, ev_timer *t, int revents)
{
	lease_watch_check(t->data);
}

struct lease_watch *
lease_watch_new(struct ev_loop *loop, struct model *m, const char *path)
{
	struct lease_watch *w = xcalloc(1, sizeof *w);

	w->loop = loop;
	w->m = m;
	w->fixed = path;
	ev_init(&w->stat, lease_watch_on_stat);
	ev_init(&w->recheck, lease_watch_on_timer);
	w->recheck.repeat = LEASE_WATCH_RECHECK;
	ev_init(&w->settle, lease_watch_on_timer);
	w->stat.data = w->recheck.data = w->settle.data = w;
	return w;
}

void
lease_watch_start(struct lease_watch *w)
{
	lease_watch_check(w);
	ev_timer_again(w->loop, &w->recheck);
}

void
lease_watch_free(struct lease_watch *w)
{
	if (w == NULL)
		return;
	ev_stat_stop(w->loop, &w->stat);
	ev_timer_stop(w->loop, &w->recheck);
	ev_timer_stop(w->loop, &w->settle);
	free(w);
}

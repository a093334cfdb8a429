/* The firewall probe: socketfilterfw run as a child of the loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "firewall.h"
#include "fwprobe.h"
#include "log.h"
#include "model.h"
#include "runner.h"
#include "util.h"

#define FWPROBE_ARGS	6	/* argv slots, program and NULL included */

/* One poll is two calls: the settings, then the application list. */
static const char *const fwprobe_steps[][FWPROBE_ARGS - 1] = {
	{ "--getglobalstate", "--getblockall", "--getallowsigned",
	  "--getstealthmode", NULL },
	{ "--listapps", NULL },
};
#define FWPROBE_NSTEPS	(sizeof fwprobe_steps / sizeof fwprobe_steps[0])

struct fwprobe {
	struct ev_loop		*loop;
	struct fwprobe_config	 cfg;
	struct model		*m;
	void			(*result_fn)(void *);
	void			*result_arg;

	ev_timer		 tick;		/* every poll seconds */
	ev_timer		 timeout;	/* one poll, both calls */
	ev_child		 child;
	ev_io			 out, err;

	bool			 running;	/* a poll is under way */
	bool			 has_result;
	size_t			 step;
	pid_t			 pid;		/* 0 once reaped */
	int			 status;
	bool			 overflow, timed_out;
	double			 started; /* ev_time() of the poll */

	char			 buf[FWPROBE_OUT_MAX];
	size_t			 len;
	char			 errbuf[FWPROBE_ERR_MAX];
	size_t			 errlen;
	struct fw_reading	 reading;	/* built over the calls */
};

static void fwprobe_spawn(struct fwprobe *p);

const char *
fwprobe_default_path(void)
{
#if defined(__APPLE__)
	return FWPROBE_MACOS_PATH;
#else
	return NULL;
#endif
}

/* Close a pipe end that an io watcher reads. */
static void
fwprobe_close_io(struct fwprobe *p, ev_io *w)
{
	if (w->fd < 0)
		return;
	ev_io_stop(p->loop, w);
	close(w->fd);
	ev_io_set(w, -1, EV_READ);
}

/* Kill the child and whatever it started: it leads its own group. */
static void
fwprobe_kill(struct fwprobe *p)
{
	if (p->pid > 0)
		kill(-p->pid, SIGKILL);
	fwprobe_close_io(p, &p->out);
	fwprobe_close_io(p, &p->err);
}

/* The poll is over: publish it, and tell whoever waits for one. */
static void
fwprobe_finish(struct fwprobe *p)
{
	struct firewall *fw = &p->m->fw;

	ev_timer_stop(p->loop, &p->timeout);
	p->running = false;
	p->has_result = true;
	fw->probes++;
	fw->last_ms = (ev_time() - p->started) * 1000.0;
	if (p->step > 0) {
		fw->reading = p->reading;
		fw->have_reading = true;
		if (p->reading.managed)
			fw->managed = true;
	}
	model_touch(p->m);
	if (p->result_fn != NULL)
		p->result_fn(p->result_arg);
}

/* A poll that gave no state: the sample is unknown, with the reason. */
static void
fwprobe_fail(struct fwprobe *p, const char *reason)
{
	p->m->fw.failures++;
	log_msg(1, "firewall probe: %s", reason);
	firewall_sample(&p->m->fw, ev_now(p->loop), FW_UNKNOWN, reason);
	fwprobe_finish(p);
}

/* The first line of stderr, for a reason; stays raw until sanitized. */
static void
fwprobe_err_line(const struct fwprobe *p, char *dst, size_t size)
{
	const char *nl = memchr(p->errbuf, '\n', p->errlen);
	size_t n = nl != NULL ? (size_t)(nl - p->errbuf) : p->errlen;

	if (n >= size)
		n = size - 1;
	memcpy(dst, p->errbuf, n);
	dst[n] = '\0';
}

/* Why a call failed, or 0 when it ran to a clean exit. */
static int
fwprobe_call_failed(const struct fwprobe *p, char *why, size_t size)
{
	char line[160];

	fwprobe_err_line(p, line, sizeof line);
	if (p->overflow)
		snprintf(why, size, "%s wrote more than %d KiB; killed",
		    p->cfg.path, FWPROBE_OUT_MAX / 1024);
	else if (p->timed_out)
		snprintf(why, size, "%s gave no answer within %.1f s; "
		    "killed", p->cfg.path, p->cfg.timeout);
	else if (WIFSIGNALED(p->status))
		snprintf(why, size, "%s died of signal %d", p->cfg.path,
		    WTERMSIG(p->status));
	else if (WIFEXITED(p->status) && WEXITSTATUS(p->status) != 0)
		snprintf(why, size, "%s exited with status %d%s%s",
		    p->cfg.path, WEXITSTATUS(p->status),
		    line[0] != '\0' ? ": " : "", line);
	else
		return 0;
	return -1;
}

/* The settings call: its state is this poll's sample. */
static int
fwprobe_settings_done(struct fwprobe *p)
{
	char why[FIREWALL_REASON_MAX];

	if (fwprobe_call_failed(p, why, sizeof why) != 0) {
		fwprobe_fail(p, why);
		return -1;
	}
	firewall_parse(&p->reading, p->buf, p->len, FIREWALL_BOOTPD);
	if (p->reading.state == FW_UNKNOWN) {
		snprintf(why, sizeof why, "no \"(State = N)\" in the output "
		    "of %s%s%.80s", p->cfg.path,
		    p->reading.first_unknown[0] != '\0' ? ": " : "",
		    p->reading.first_unknown);
		fwprobe_fail(p, why);
		return -1;
	}
	firewall_sample(&p->m->fw, ev_now(p->loop), p->reading.state, NULL);
	return 0;
}

/* The list call: a failure only leaves the list unknown. */
static void
fwprobe_list_done(struct fwprobe *p)
{
	char why[FIREWALL_REASON_MAX];

	if (fwprobe_call_failed(p, why, sizeof why) != 0) {
		log_msg(1, "firewall probe, application list: %s", why);
		return;
	}
	firewall_parse(&p->reading, p->buf, p->len, FIREWALL_BOOTPD);
}

/* Both pipes are closed and the child is reaped: use what it said. */
static void
fwprobe_call_done(struct fwprobe *p)
{
	if (p->step == 0 && fwprobe_settings_done(p) != 0)
		return;
	if (p->step == 1)
		fwprobe_list_done(p);
	p->step++;
	if (p->step < FWPROBE_NSTEPS && !p->timed_out) {
		fwprobe_spawn(p);
		return;
	}
	fwprobe_finish(p);
}

static void
fwprobe_check_done(struct fwprobe *p)
{
	if (p->pid == 0 && p->out.fd < 0 && p->err.fd < 0)
		fwprobe_call_done(p);
}

static void
fwprobe_on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	struct fwprobe *p = w->data;

	ev_child_stop(loop, w);
	p->status = w->rstatus;
	p->pid = 0;
	fwprobe_check_done(p);
}

/* Read what is there; past the cap the probe is babbling: kill it. */
static void
fwprobe_on_out(struct ev_loop *loop, ev_io *w, int revents)
{
	struct fwprobe *p = w->data;
	ssize_t n;

	for (;;) {
		if (p->len == sizeof p->buf) {
			p->overflow = true;
			fwprobe_kill(p);
			break;
		}
		n = read(w->fd, p->buf + p->len, sizeof p->buf - p->len);
		if (n > 0) {
			p->len += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		fwprobe_close_io(p, w);
		break;
	}
	fwprobe_check_done(p);
}

/* Keep the start of stderr for the reason; drop the rest. */
static void
fwprobe_on_err(struct ev_loop *loop, ev_io *w, int revents)
{
	struct fwprobe *p = w->data;
	char scratch[4096];
	size_t room;
	ssize_t n;

	for (;;) {
		room = sizeof p->errbuf - p->errlen;
		n = room > 0 ? read(w->fd, p->errbuf + p->errlen, room) :
		    read(w->fd, scratch, sizeof scratch);
		if (n > 0) {
			if (room > 0)
				p->errlen += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		fwprobe_close_io(p, w);
		break;
	}
	fwprobe_check_done(p);
}

static void
fwprobe_on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct fwprobe *p = w->data;

	p->timed_out = true;
	fwprobe_kill(p);
	fwprobe_check_done(p);
}

static int
fwprobe_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	return 0;
}

/* The argument vector of the current step: the program, then flags. */
static void
fwprobe_argv(const struct fwprobe *p, char *argv[FWPROBE_ARGS])
{
	size_t i;

	argv[0] = (char *)p->cfg.path;
	for (i = 0; i + 1 < FWPROBE_ARGS; i++)
		argv[i + 1] = (char *)fwprobe_steps[p->step][i];
	argv[FWPROBE_ARGS - 1] = NULL;
}

/* Start the current step's call; nothing here waits for it. */
static void
fwprobe_spawn(struct fwprobe *p)
{
	char *argv[FWPROBE_ARGS], why[FIREWALL_REASON_MAX];
	int out[2], err[2];

	fwprobe_argv(p, argv);
	p->len = p->errlen = 0;
	p->status = 0;
	if (fwprobe_pipe(out) != 0)
		goto fail;
	if (fwprobe_pipe(err) != 0) {
		close(out[0]);
		close(out[1]);
		goto fail;
	}
	p->pid = fork();
	if (p->pid == 0)
		runner_child_exec(argv, out[1], err[1], false);
	close(out[1]);
	close(err[1]);
	if (p->pid < 0) {
		p->pid = 0;
		close(out[0]);
		close(err[0]);
		goto fail;
	}
	ev_io_set(&p->out, out[0], EV_READ);
	ev_io_set(&p->err, err[0], EV_READ);
	ev_io_start(p->loop, &p->out);
	ev_io_start(p->loop, &p->err);
	ev_child_set(&p->child, p->pid, 0);
	ev_child_start(p->loop, &p->child);
	return;
fail:
	snprintf(why, sizeof why, "cannot start %s: %s", p->cfg.path,
	    strerror(errno));
	if (p->step == 0)
		fwprobe_fail(p, why);
	else
		fwprobe_finish(p);
}

/* A poll: skipped while the last one runs (its timeout ends it). */
static void
fwprobe_on_tick(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct fwprobe *p = w->data;
	char why[FIREWALL_REASON_MAX];

	if (p->running)
		return;
	p->running = true;
	p->started = ev_time();
	p->step = 0;
	p->overflow = p->timed_out = false;
	firewall_reading_init(&p->reading);
	if (access(p->cfg.path, X_OK) != 0) {
		snprintf(why, sizeof why, "cannot run %s: %s", p->cfg.path,
		    strerror(errno));
		fwprobe_fail(p, why);
		return;
	}
	ev_timer_set(&p->timeout, p->cfg.timeout, 0);
	ev_timer_start(loop, &p->timeout);
	fwprobe_spawn(p);
}

struct fwprobe *
fwprobe_new(struct ev_loop *loop, const struct fwprobe_config *cfg,
    struct model *m)
{
	struct fwprobe *p = xcalloc(1, sizeof *p);

	p->loop = loop;
	p->cfg = *cfg;
	if (p->cfg.poll <= 0)
		p->cfg.poll = 1.0;
	if (p->cfg.timeout <= 0)
		p->cfg.timeout = FWPROBE_TIMEOUT;
	p->m = m;
	ev_init(&p->tick, fwprobe_on_tick);
	p->tick.repeat = p->cfg.poll;
	ev_init(&p->timeout, fwprobe_on_timeout);
	ev_init(&p->child, fwprobe_on_child);
	ev_io_init(&p->out, fwprobe_on_out, -1, EV_READ);
	ev_io_init(&p->err, fwprobe_on_err, -1, EV_READ);
	p->tick.data = p->timeout.data = p->child.data = p;
	p->out.data = p->err.data = p;
	m->fw.backend = "socketfilterfw";
	return p;
}

/* The first poll now, the next ones every poll seconds. */
void
fwprobe_start(struct fwprobe *p)
{
	ev_timer_again(p->loop, &p->tick);
	fwprobe_on_tick(p->loop, &p->tick, 0);
}

void
fwprobe_free(struct fwprobe *p)
{
	if (p == NULL)
		return;
	fwprobe_kill(p);
	ev_child_stop(p->loop, &p->child);
	ev_timer_stop(p->loop, &p->tick);
	ev_timer_stop(p->loop, &p->timeout);
	free(p);
}

bool
fwprobe_has_result(const struct fwprobe *p)
{
	return p->has_result;
}

void
fwprobe_on_result(struct fwprobe *p, void (*fn)(void *), void *arg)
{
	p->result_fn = fn;
	p->result_arg = arg;
}

/* Running a fix's commands to the end, for a process with no loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

#define RUNNER_FDS	1024	/* descriptors the child closes */

void
runner_child_exec(char *const argv[], int out, int err, bool keep_tty)
{
	sigset_t none;
	int fd;

	if (!keep_tty) {
		setpgid(0, 0);
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0 || dup2(fd, 0) < 0)
			_exit(126);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	if (dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	for (fd = 3; fd < RUNNER_FDS; fd++)
		close(fd);
	execv(argv[0], argv);
	_exit(127);
}

/* Seconds on a clock that never jumps, for deadlines. */
static double
runner_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Keep the start of the output, drop the rest, until EOF or time is up. */
static void
runner_collect(int fd, double deadline, char *buf, size_t cap,
    struct step_result *res)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char scratch[1024];
	size_t room;
	ssize_t n;
	double left;

	for (;;) {
		left = deadline - runner_clock();
		if (left <= 0) {
			res->timed_out = true;
			return;
		}
		switch (poll(&pfd, 1, (int)(left * 1000) + 1)) {
		case -1:
			if (errno == EINTR)
				continue;
			return;
		case 0:
			continue;
		}
		room = cap - res->outlen;
		n = room > 0 ? read(fd, buf + res->outlen, room) :
		    read(fd, scratch, sizeof scratch);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
			return;
		if (n > 0 && room > 0)
			res->outlen += (size_t)n;
	}
}

/* Run a step with its output going to buf; res->out stays empty. */
static void
runner_exec(const struct action_step *step, double timeout, bool keep_tty,
    char *buf, size_t cap, struct step_result *res)
{
	char *argv[ACTION_ARGS];
	int fds[2];
	pid_t pid;
	size_t i;

	memset(res, 0, offsetof(struct step_result, out));
	for (i = 0; i < step->argc && i + 1 < ACTION_ARGS; i++)
		argv[i] = (char *)step->argv[i];
	argv[i] = NULL;
	if (step->argc == 0 || pipe(fds) != 0) {
		res->start_errno = step->argc == 0 ? EINVAL : errno;
		return;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid == 0)
		runner_child_exec(argv, fds[1], fds[1], keep_tty);
	close(fds[1]);
	if (pid < 0) {
		res->start_errno = errno;
		close(fds[0]);
		return;
	}
	res->ran = true;
	runner_collect(fds[0], runner_clock() + timeout, buf, cap, res);
	close(fds[0]);
	if (res->timed_out)
		kill(keep_tty ? pid : -pid, SIGKILL);
	while (waitpid(pid, &res->status, 0) < 0 && errno == EINTR)
		continue;
	if (WIFEXITED(res->status) && WEXITSTATUS(res->status) == 127 &&
	    res->outlen == 0) {
		res->ran = false;
		res->start_errno = ENOENT;
	}
}

/* One command of a fix, output into its result. */
void
runner_step(const struct action_step *step, double timeout, bool keep_tty,
    struct step_result *res)
{
	runner_exec(step, timeout, keep_tty, res->out, sizeof res->out, res);
}

/* A listing command, output into a larger buffer. */
size_t
runner_output(const struct action_step *step, double timeout, char *buf,
    size_t size)
{
	struct step_result res;

	runner_exec(step, timeout, false, buf, size - 1, &res);
	buf[res.outlen] = '\0';
	return res.outlen;
}

/* A fix's commands in order; a failure stops the rest. */
void
runner_plan(const struct action_plan *plan, double timeout, bool keep_tty,
    struct action_result *res)
{
	struct step_result *s;

	memset(res, 0, sizeof *res);
	for (res->nsteps = 0; res->nsteps < plan->nsteps; ) {
		s = &res->steps[res->nsteps++];
		runner_step(&plan->steps[res->nsteps - 1], timeout, keep_tty,
		    s);
		if (!s->ran || s->timed_out || !WIFEXITED(s->status) ||
		    WEXITSTATUS(s->status) != 0)
			break;
	}
}

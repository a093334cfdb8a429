/* The privileged helper: fixed-size fix ids in, fixed commands run. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "helper.h"
#include "runner.h"

#define HELPER_FDS	1024		/* descriptors the child closes */
#define HELPER_SOCKBUF	(256 * 1024)	/* room for one reply */
#define HELPER_LOOK_TIMEOUT	5.0	/* seconds for a listing */
#define HELPER_PARENT_CHECK	1000 /* ms between checks for a parent */

/* Linux ends a sequenced-packet pair on close; macOS has datagrams. */
#if defined(SOCK_SEQPACKET) && !defined(__APPLE__)
#define HELPER_SOCKTYPE	SOCK_SEQPACKET
#else
#define HELPER_SOCKTYPE	SOCK_DGRAM
#endif

/* FNV-1a over every word, so RUN matches the PLAN shown. */
uint32_t
helper_plan_hash(const struct action_plan *plan)
{
	uint32_t h = 2166136261u;
	size_t i, j;
	const char *p;

	for (i = 0; i < plan->nsteps; i++)
		for (j = 0; j < plan->steps[i].argc; j++)
			for (p = plan->steps[i].argv[j]; ; p++) {
				h = (h ^ (uint8_t)*p) * 16777619u;
				if (*p == '\0')
					break;
			}
	return h ^ (uint32_t)plan->nsteps;
}

/* Whether a fixed-size field holds a NUL-terminated string. */
static bool
helper_field_ok(const char *field, size_t size)
{
	return memchr(field, '\0', size) != NULL;
}

/* Everything a request must be before it is acted on. */
int
helper_request_check(const void *buf, size_t len, bool truncated,
    struct helper_request *req, char *why, size_t size)
{
	if (truncated || len != sizeof *req) {
		snprintf(why, size, "refused: a message of the wrong size");
		return -1;
	}
	memcpy(req, buf, sizeof *req);
	if (req->magic != HELPER_MAGIC || (req->op != HELPER_OP_PLAN &&
	    req->op != HELPER_OP_RUN)) {
		snprintf(why, size, "refused: not a request");
		return -1;
	}
	if (!helper_field_ok(req->fix, sizeof req->fix) ||
	    fix_by_name(req->fix) == NULL) {
		snprintf(why, size, "refused: not a known fix id");
		return -1;
	}
	if (!helper_field_ok(req->bridge, sizeof req->bridge) ||
	    (req->bridge[0] != '\0' && !action_bridge_valid(req->bridge))) {
		snprintf(why, size, "refused: not an interface name");
		return -1;
	}
	return 0;
}

/*
 * Run one listing command (words after the program in args, at most
 * three), if its program is installed at all; NULL when it is not.
 */
static const char *
helper_look(const char *prog, const char *const args[], char *path,
    size_t pathsize, char *buf, size_t size)
{
	struct action_step step = { .argc = 0 };

	if (action_find_program(prog, path, pathsize) == NULL)
		return NULL;
	snprintf(step.argv[step.argc++], ACTION_ARG_MAX, "%s", path);
	for (; *args != NULL && step.argc < 4; args++)
		snprintf(step.argv[step.argc++], ACTION_ARG_MAX, "%s", *args);
	runner_output(&step, HELPER_LOOK_TIMEOUT, buf, size);
	return buf;
}

/* allow-dhcp-on-bridge: ask each firewall, then plan from the answers. */
static enum linux_fw
helper_plan_linux(const char *bridge, struct action_plan *plan)
{
	static const char *const state[] = { "--state", NULL };
	static const char *const status[] = { "status", NULL };
	static const char *const list[] = { "-a", "list", "ruleset", NULL };
	static char nft_out[HELPER_LISTING_MAX];
	char fwd_out[256], ufw_out[256];
	char fwd[ACTION_ARG_MAX], ufw[ACTION_ARG_MAX], nft[ACTION_ARG_MAX];
	const char *f, *u, *n;

	f = helper_look("firewall-cmd", state, fwd, sizeof fwd, fwd_out,
	    sizeof fwd_out);
	u = helper_look("ufw", status, ufw, sizeof ufw, ufw_out,
	    sizeof ufw_out);
	n = helper_look("nft", list, nft, sizeof nft, nft_out,
	    sizeof nft_out);
	return action_plan_linux(plan, bridge, f, u, n,
	    f != NULL ? fwd : NULL, u != NULL ? ufw : NULL,
	    n != NULL ? nft : NULL);
}

/* The commands of a fix, built here from the table, never received. */
static int
helper_plan(const struct helper_config *cfg, const struct helper_request
    *req, struct action_plan *plan, enum linux_fw *which)
{
	const struct fix_def *def = fix_by_name(req->fix);

	*which = LINUX_FW_NONE;
	if (def->id == FIX_ALLOW_DHCP_ON_BRIDGE) {
		*which = helper_plan_linux(req->bridge, plan);
		return 0;
	}
	return action_plan_fixed(def->id, cfg->socketfilterfw, plan);
}

/* Run what was confirmed; for nftables, look again to see if it took. */
static void
helper_run(const struct helper_config *cfg, const struct helper_request
    *req, enum linux_fw which, struct helper_reply *reply)
{
	struct action_plan after;
	enum action_outcome o;

	runner_plan(&reply->plan, cfg->timeout, false, &reply->result);
	o = action_outcome_of(&reply->plan, &reply->result, reply->why,
	    sizeof reply->why);
	if (o == OUTCOME_PENDING && reply->plan.fix ==
	    FIX_ALLOW_DHCP_ON_BRIDGE) {
		if (which == LINUX_FW_NFTABLES) {
			helper_plan_linux(req->bridge, &after);
			o = after.nsteps == 0 ? OUTCOME_TOOK :
			    OUTCOME_NO_CHANGE;
		} else {
			o = OUTCOME_RAN;
		}
	}
	reply->outcome = o;
}

/* Plan or run one checked request; anything else is refused. */
void
helper_answer(const struct helper_config *cfg, const void *buf, size_t len,
    bool truncated, struct helper_reply *reply)
{
	struct helper_request req;
	enum linux_fw which;

	memset(reply, 0, sizeof *reply);
	reply->magic = HELPER_MAGIC;
	reply->refused = 1;
	reply->outcome = OUTCOME_FAILED;
	if (helper_request_check(buf, len, truncated, &req, reply->why,
	    sizeof reply->why) != 0)
		return;
	reply->op = req.op;
	if (helper_plan(cfg, &req, &reply->plan, &which) != 0) {
		snprintf(reply->why, sizeof reply->why, "refused: that fix "
		    "does not apply here");
		return;
	}
	if (req.op == HELPER_OP_RUN &&
	    helper_plan_hash(&reply->plan) != req.plan_hash) {
		snprintf(reply->why, sizeof reply->why, "refused: the "
		    "commands changed since they were shown; ask again");
		return;
	}
	reply->refused = 0;
	reply->outcome = OUTCOME_PENDING;
	if (req.op == HELPER_OP_RUN)
		helper_run(cfg, &req, which, reply);
}

/* Wait for a request; 0 when the dashboard is gone (or the socket). */
static int
helper_wait(int fd, pid_t parent)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int n;

	for (;;) {
		n = poll(&pfd, 1, HELPER_PARENT_CHECK);
		if (n > 0)
			return 1;
		if (n < 0 && errno != EINTR)
			return 0;
		if (getppid() != parent)
			return 0;
	}
}

/* The helper's whole life: one request, one reply, in turn. */
void
helper_serve(int fd, const struct helper_config *cfg)
{
	static struct helper_reply reply;
	char buf[sizeof(struct helper_request) + 64];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof buf };
	struct msghdr msg;
	pid_t parent = getppid();
	ssize_t n;

	for (;;) {
		if (helper_wait(fd, parent) == 0)
			return;
		memset(&msg, 0, sizeof msg);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		n = recvmsg(fd, &msg, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		helper_answer(cfg, buf, (size_t)n,
		    (msg.msg_flags & MSG_TRUNC) != 0, &reply);
		if (send(fd, &reply, sizeof reply, 0) < 0 && errno != EINTR)
			return;
	}
}

/* The child's side: nothing inherited but its socket, then serve. */
static void
helper_child(int fd, const struct helper_config *cfg)
{
	int i;

	for (i = 3; i < HELPER_FDS; i++)
		if (i != fd)
			close(i);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);
	helper_serve(fd, cfg);
	_exit(0);
}

/* Fork the helper while we are still root. */
int
helper_spawn(const struct helper_config *cfg, pid_t *pid)
{
	int sv[2], size = HELPER_SOCKBUF;

	if (socketpair(AF_UNIX, HELPER_SOCKTYPE, 0, sv) != 0)
		return -1;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
	setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
	setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	*pid = fork();
	if (*pid == 0) {
		close(sv[0]);
		helper_child(sv[1], cfg);
	}
	close(sv[1]);
	if (*pid < 0) {
		close(sv[0]);
		return -1;
	}
	fcntl(sv[0], F_SETFD, FD_CLOEXEC);
	return sv[0];
}

/* The dashboard's side: one fixed-size request. */
int
helper_send(int fd, enum helper_op op, const char *fix, const char *bridge,
    uint32_t plan_hash)
{
	struct helper_request req;

	memset(&req, 0, sizeof req);
	req.magic = HELPER_MAGIC;
	req.op = op;
	req.plan_hash = plan_hash;
	snprintf(req.fix, sizeof req.fix, "%s", fix);
	snprintf(req.bridge, sizeof req.bridge, "%s", bridge != NULL ?
	    bridge : "");
	return send(fd, &req, sizeof req, 0) == (ssize_t)sizeof req ? 0 : -1;
}

/* The dashboard's side: one whole reply or nothing. */
int
helper_receive(int fd, struct helper_reply *reply)
{
	ssize_t n = recv(fd, reply, sizeof *reply, MSG_DONTWAIT);

	if (n != (ssize_t)sizeof *reply || reply->magic != HELPER_MAGIC)
		return -1;
	return 0;
}

/*
 * The privileged helper: a process that stays root when the dashboard
 * drops to the user, and runs the enumerated fixes and nothing else.
 * It takes fix ids over a socketpair in fixed-size messages, builds the
 * commands itself from the fix table, and answers with what they did.
 */
#ifndef VMNW_HELPER_H
#define VMNW_HELPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "actions.h"

#define HELPER_MAGIC	0x766d6e77u	/* "vmnw" */
#define HELPER_FIX_MAX	32		/* a fix id, NUL included */
#define HELPER_LISTING_MAX	(256 * 1024) /* firewall listing bytes */

enum helper_op {
	HELPER_OP_PLAN = 1,	/* say which commands a fix would run */
	HELPER_OP_RUN = 2,	/* run them, if they are still the same */
};

struct helper_request {
	uint32_t	magic;
	uint32_t	op;
	uint32_t	plan_hash;	/* RUN: the plan the user confirmed */
	char		fix[HELPER_FIX_MAX];
	char		bridge[ACTION_BRIDGE_MAX];
};

struct helper_reply {
	uint32_t		magic;
	uint32_t		op;
	int32_t			refused; /* 1: the request was refused */
	uint32_t		outcome;	/* enum action_outcome */
	char			why[ACTION_NOTE_MAX];
	struct action_plan	plan;
	struct action_result	result;
};

struct helper_config {
	const char	*socketfilterfw;	/* fixed when it starts */
	double		 timeout;		/* seconds per command */
};

/* A digest of a plan's argv, so a RUN can refuse a changed plan. */
uint32_t helper_plan_hash(const struct action_plan *plan);

/*
 * Check a received message: exactly one request of our size, our magic,
 * a known op, a NUL-terminated known fix id and a valid bridge name.
 * Returns 0 with req filled, or -1 with why.
 */
int helper_request_check(const void *buf, size_t len, bool truncated,
    struct helper_request *req, char *why, size_t size);

/* Answer one received message (what the helper's loop does with it). */
void helper_answer(const struct helper_config *cfg, const void *buf,
    size_t len, bool truncated, struct helper_reply *reply);

/* Serve requests on fd until the other end closes it. */
void helper_serve(int fd, const struct helper_config *cfg);

/*
 * Fork the helper. Returns our end of the socketpair (close-on-exec),
 * or -1. The child closes every other descriptor and never returns.
 */
int helper_spawn(const struct helper_config *cfg, pid_t *pid);

/* Send a request on fd; -1 when it could not be sent whole. */
int helper_send(int fd, enum helper_op op, const char *fix,
    const char *bridge, uint32_t plan_hash);

/* Read one reply from fd; -1 when it is not a whole, valid reply. */
int helper_receive(int fd, struct helper_reply *reply);

#endif

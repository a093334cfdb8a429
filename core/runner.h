/* Running a fix's commands to the end, for a process with no loop. */
#ifndef VMNW_RUNNER_H
#define VMNW_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

/*
 * Run one command (argv[0] an absolute path) with stdin from /dev/null
 * unless keep_tty, stdout and stderr captured together up to a cap, and
 * killed after timeout seconds. With keep_tty the command stays in our
 * process group and keeps the terminal, so that sudo can ask for a
 * password. Blocks: only for the privileged helper, which has nothing
 * else to do, and for sudo while the screen is suspended.
 */
void runner_step(const struct action_step *step, double timeout,
    bool keep_tty, struct step_result *res);

/*
 * Run a step that only looks (a firewall listing) and keep up to size-1
 * bytes of its output in buf, NUL-terminated, whatever its exit status.
 * Returns the length kept.
 */
size_t runner_output(const struct action_step *step, double timeout,
    char *buf, size_t size);

/*
 * In a freshly forked child: exec argv with stdout to out and stderr to
 * err, signals reset and every other descriptor closed; unless keep_tty,
 * in a process group of its own with stdin from /dev/null. Never
 * returns. Async-signal-safe, as a child of a forked process must be.
 */
void runner_child_exec(char *const argv[], int out, int err,
    bool keep_tty) __attribute__((noreturn));

/* Every step in order, stopping after the first that fails. */
void runner_plan(const struct action_plan *plan, double timeout,
    bool keep_tty, struct action_result *res);

#endif

/* The action log: every fix attempt, kept in the user's state folder. */
#ifndef VMNW_ACTIONLOG_H
#define VMNW_ACTIONLOG_H

#include <stddef.h>

#include "actions.h"

/*
 * XDG_STATE_HOME/vmnetwatch/actions.log (~/.local/state/... without it),
 * ~/Library/Logs/vmnetwatch-actions.log on macOS. -1 without HOME.
 */
int actionlog_path(char *dst, size_t size);

/*
 * Append one attempt: when, the fix, each command with its exit and
 * its output (sanitized, indented), and the result in words. The plan
 * and result may show fewer steps run than planned. -1 when the log
 * cannot be written.
 */
int actionlog_append(const char *path, double when, const char *mode,
    const struct action_plan *plan, const struct action_result *res,
    const char *outcome, const char *why);

#endif

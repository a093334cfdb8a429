/* The log: off by default, a file per run with -v, never the screen. */
#ifndef VMNW_LOG_H
#define VMNW_LOG_H

#include <stddef.h>

/*
 * Open the log at path, or at the default place in the user's state
 * directory when path is NULL, keeping lines up to the given verbosity.
 * Verbosity 0 keeps the log closed. Returns 0, or -1 with a message in
 * err (the dashboard then runs without a log).
 */
int log_open(const char *path, int verbosity, char *err,
    size_t errsize);
void log_close(void);

/* Where the log is being written, or NULL. */
const char *log_path(void);

/* One line at a level (1: events, 2: every packet); text is sanitized. */
void log_msg(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

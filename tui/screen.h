/* The interactive dashboard on a terminal. */
#ifndef VMNW_SCREEN_H
#define VMNW_SCREEN_H

#include <ev.h>

struct model;
struct options;

/*
 * Take over the terminal and run the loop until the user quits or a
 * terminating signal arrives; the terminal is restored in every case.
 * The packet sources are already started on loop. Returns the exit
 * status for main().
 */
int screen_run(struct ev_loop *loop, struct model *m,
    const struct options *opts);

#endif

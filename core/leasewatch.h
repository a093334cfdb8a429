/* The lease file, watched on the libev loop and kept in the model. */
#ifndef VMNW_LEASEWATCH_H
#define VMNW_LEASEWATCH_H

#include <ev.h>

struct model;
struct lease_watch;

/*
 * Watch path (from -l), or with NULL the default lease file of the
 * bridge being captured, as it comes and goes. The file is read once
 * by lease_watch_start() and again whenever it changes: an ev_stat
 * watcher sees bootpd's rename and dnsmasq's rewrite in place, and a
 * periodic check catches what stat timestamps miss.
 */
struct lease_watch *lease_watch_new(struct ev_loop *loop, struct model *m,
    const char *path);
void lease_watch_start(struct lease_watch *w);
void lease_watch_free(struct lease_watch *w);

/* Read the file now if it changed (also the periodic check). */
void lease_watch_check(struct lease_watch *w);

#endif

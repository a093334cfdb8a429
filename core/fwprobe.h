/* The firewall probe: socketfilterfw run as a child of the loop. */
#ifndef VMNW_FWPROBE_H
#define VMNW_FWPROBE_H

#include <stdbool.h>

#include <ev.h>

struct model;

#define FWPROBE_MACOS_PATH \
	"/usr/libexec/ApplicationFirewall/socketfilterfw"
#define FWPROBE_OUT_MAX		(64 * 1024) /* bytes of stdout kept */
#define FWPROBE_ERR_MAX		1024	/* bytes of stderr kept */
#define FWPROBE_TIMEOUT		2.5	/* seconds for one poll */

struct fwprobe_config {
	const char	*path;		/* the socketfilterfw program */
	double		 poll;		/* seconds between polls */
	double		 timeout;	/* 0: FWPROBE_TIMEOUT */
};

struct fwprobe;

/* The program to probe when none is named: macOS only. */
const char *fwprobe_default_path(void);

struct fwprobe *fwprobe_new(struct ev_loop *loop,
    const struct fwprobe_config *cfg, struct model *m);
void fwprobe_start(struct fwprobe *p);

/* Stop polling; a probe still running is killed. */
void fwprobe_free(struct fwprobe *p);

/* Whether a poll has finished (with an answer or a reason). */
bool fwprobe_has_result(const struct fwprobe *p);

/* Call fn(arg) once each time a poll finishes; NULL stops it. */
void fwprobe_on_result(struct fwprobe *p, void (*fn)(void *), void *arg);

#endif

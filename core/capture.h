/* Packet sources: a live interface or a capture file, on a libev loop. */
#ifndef VMNW_CAPTURE_H
#define VMNW_CAPTURE_H

#include <stdbool.h>

#include <ev.h>

struct model;

struct capture_config {
	const char	*interface;	/* NULL: discover a VM bridge */
	const char	*read_path;	/* a pcap or pcapng file */
	const char	*write_path; /* save DHCP packets here, or NULL */
	bool		 realtime; /* pace a file as it was captured */
	double		 retry; /* seconds between attach attempts */
	void		(*done)(void *arg); /* a file was read to its end */
	void		*done_arg;
};

struct capture;

struct capture *capture_new(struct ev_loop *loop,
    const struct capture_config *cfg, struct model *m);
void capture_start(struct capture *c);
void capture_free(struct capture *c);

/* A file source that has been read to its end; never true when live. */
bool capture_done(const struct capture *c);

/* A file that could not be opened at all (the report cannot run). */
bool capture_failed(const struct capture *c);

/* The interface names tried when none is given, in order. */
extern const char *const capture_known_bridges[];

#endif

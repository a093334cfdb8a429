/* Everything the dashboard knows, fed by the sources, read by the views. */
#ifndef VMNW_MODEL_H
#define VMNW_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "feed.h"
#include "firewall.h"
#include "leases.h"
#include "netifs.h"
#include "reconcile.h"
#include "txn.h"
#include "vms.h"

#define MODEL_FEED_CAPACITY	10000
#define MODEL_TXN_CAPACITY	4096
#define MODEL_ANSWER_WINDOW	TXN_WINDOW /* seconds before UNANSWERED */

enum iface_state {
	IFACE_SEARCHING,	/* no interface given, none found yet */
	IFACE_ABSENT,		/* the named interface does not exist */
	IFACE_UP,		/* capturing */
	IFACE_DENIED,		/* no permission to capture */
	IFACE_ERROR,		/* capture failed for another reason */
	IFACE_FILE,		/* reading a capture file */
	IFACE_FILE_DONE,	/* the file has been read to its end */
};

struct iface_info {
	char		 name[64];	/* empty while searching */
	enum iface_state state;
	char		 error[512];	/* why, when not capturing */
	char		 address[64]; /* first IPv4 address, if any */
	unsigned	 attaches;	/* successful opens so far */
	unsigned	 losses;	/* times it vanished */
	unsigned long	 drops;		/* from pcap_stats */
	int		 linktype;
};

struct dhcp_stats {
	unsigned long	packets;	/* DHCP packets decoded */
	unsigned long	decode_errors;	/* of those, malformed */
	unsigned long	fragments;	/* IPv4 fragments skipped */
	unsigned long	truncated;	/* cut before the DHCP payload */
	unsigned long	other;	/* frames that were not DHCP */
};

struct model {
	struct iface_info	iface;
	struct dhcp_stats	stats;
	struct feed		feed;
	struct txn_table	*txns;
	double			window;		/* seconds */
	double			now;		/* in capture time */
	double			started;	/* watching DHCP since */
	uint64_t		generation;	/* bumped on every change */
	bool	keep_feed;	/* false: only count (--report) */
	struct firewall		fw; /* the firewall probe's view */
	struct lease_state	leases;	/* the lease file, last good */
	struct vm_table		vms;	/* running VM processes */
	struct reconcile	recon;	/* rows: leases against NICs */
	struct netif_list	netifs;		/* host IPv4 subnets */
};

int model_init(struct model *m);
void model_free(struct model *m);

/* How long a request may wait for an answer, in seconds. */
void model_set_window(struct model *m, double window);

/* Forget packets and transactions (the c key). */
void model_clear_dhcp(struct model *m);

/* Feed one captured frame; linktype is the pcap link type. */
void model_ingest(struct model *m, int linktype, const struct timeval *ts,
    const uint8_t *data, size_t caplen);

/* Advance the clock used for UNANSWERED. */
void model_set_now(struct model *m, double now);

/* Mark the model changed so that views redraw. */
void model_touch(struct model *m);

/*
 * How many transactions are unanswered now, counting those that were
 * forgotten to bound memory while unanswered.
 */
size_t model_count_unanswered(const struct model *m);

/* Whether the feed entry is a request that has waited too long. */
bool model_entry_unanswered(const struct model *m,
    const struct feed_entry *e);

const char *iface_state_name(enum iface_state state);

#endif

/* Rows: every lease against every running VM NIC and the DHCP feed. */
#ifndef VMNW_RECONCILE_H
#define VMNW_RECONCILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hwaddr.h"

struct lease_table;
struct vm_table;
struct txn_table;
struct model;

enum row_status {
	ROW_OK,			/* a running NIC with its lease */
	ROW_NO_LEASE,		/* a running NIC without one */
	ROW_STALE,		/* a lease no running NIC holds */
	ROW_EXPIRED,		/* a lease past its end */
	ROW_DUPLICATE_MAC,	/* running NICs sharing one MAC */
	ROW_DEFAULT_MAC,	/* a NIC on QEMU's default MAC */
	ROW_DUPLICATE_IP,	/* two unexpired leases, one address */
	ROW_LEASE_WITHOUT_MAC,	/* a DUID lease nothing ties to a MAC */
};

#define RECONCILE_POOL_FULL_PCT	90	/* "nearly full" from here */

struct row {
	enum row_status	status;
	uint8_t		mac[HWADDR_LEN];
	bool		has_mac;
	uint32_t	ip;		/* network order; 0: none */
	long		lease; /* index into the lease table, or -1 */
	long		vm;	/* index into the VM table, or -1 */
	long		nic;	/* index into that VM's NICs, or -1 */
	bool		dhcp_seen;	/* the feed saw this MAC ask */
	bool		dhcp_answered;	/* and saw an answer */
	uint32_t	acked_ip;	/* from the last ACK; 0: none */
};

struct reconcile {
	struct row	*rows;
	size_t		 count, cap;
	uint32_t	 subnet;		/* network order, a /24 */
	unsigned	 pool_size;		/* addresses to hand out */
	unsigned	 pool_used;		/* unexpired leases in it */
	bool		 pool_nearly_full;
	double		 now;		/* when rows were made */
};

void reconcile_init(struct reconcile *r);
void reconcile_free(struct reconcile *r);

/*
 * Join leases, VM NICs and the transactions the feed saw. bridge is the
 * bridge's own address (network order; 0 when unknown: the subnet is
 * then taken from the leases). Fills vm labels from leases.
 */
void reconcile_run(struct reconcile *r, const struct lease_table *leases,
    struct vm_table *vms, const struct txn_table *txns, uint32_t bridge,
    double now);

/* reconcile_run() over the model's own tables. */
void reconcile_model(struct model *m);

const char *row_status_name(enum row_status s);

#endif

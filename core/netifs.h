/* The host's IPv4 interfaces and subnets, for overlap checks. */
#ifndef VMNW_NETIFS_H
#define VMNW_NETIFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETIFS_MAX	64
#define NETIF_NAME_MAX	32

struct netif {
	char		name[NETIF_NAME_MAX];	/* sanitized */
	uint32_t	addr, mask;		/* network order */
};

struct netif_list {
	struct netif	items[NETIFS_MAX];
	size_t		count;
	bool		scanned;	/* at least one scan succeeded */
};

/* Read every IPv4 address with its mask (getifaddrs); -1 on failure. */
int netifs_scan(struct netif_list *list);

/* Whether two subnets share addresses (the wider mask decides). */
bool netifs_overlap(const struct netif *a, const struct netif *b);

/* Prefix length of a mask in network order. */
unsigned netifs_prefix(uint32_t mask);

#endif

/* The host's IPv4 interfaces and subnets, for overlap checks. */
#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>

#include "netifs.h"
#include "sanitize.h"

/* One IPv4 address of an interface, unless the list is full. */
static void
netifs_add(struct netif_list *list, const struct ifaddrs *ifa)
{
	struct netif *n;

	if (list->count == NETIFS_MAX || ifa->ifa_netmask == NULL)
		return;
	n = &list->items[list->count++];
	sanitize_str(n->name, sizeof n->name, ifa->ifa_name);
	n->addr = ((const struct sockaddr_in *)ifa->ifa_addr)->sin_addr.s_addr;
	n->mask = ((const struct sockaddr_in *)ifa->ifa_netmask)->
	    sin_addr.s_addr;
}

/* Every IPv4 address of the host, read afresh. */
int
netifs_scan(struct netif_list *list)
{
	struct ifaddrs *all, *ifa;

	list->count = 0;
	if (getifaddrs(&all) != 0)
		return -1;
	for (ifa = all; ifa != NULL; ifa = ifa->ifa_next)
		if (ifa->ifa_addr != NULL &&
		    ifa->ifa_addr->sa_family == AF_INET)
			netifs_add(list, ifa);
	freeifaddrs(all);
	list->scanned = true;
	return 0;
}

/* Compare both networks under the wider of the two masks. */
bool
netifs_overlap(const struct netif *a, const struct netif *b)
{
	uint32_t ma = ntohl(a->mask), mb = ntohl(b->mask);
	uint32_t m = ma < mb ? ma : mb;

	return (ntohl(a->addr) & m) == (ntohl(b->addr) & m);
}

/* For evidence lines: the /N of a mask. */
unsigned
netifs_prefix(uint32_t mask)
{
	uint32_t m = ntohl(mask);
	unsigned n = 0;

	while (m & 0x80000000u) {
		n++;
		m <<= 1;
	}
	return n;
}

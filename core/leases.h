/* Lease files: bootpd's, dnsmasq's and libvirt's, and a watcher for them. */
#ifndef VMNW_LEASES_H
#define VMNW_LEASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hwaddr.h"

/*
 * Bounds, so that a huge or hostile file cannot exhaust memory: the file
 * is read up to LEASES_FILE_MAX bytes (a larger one is refused), lines
 * longer than LEASES_LINE_MAX are skipped and counted, and entries past
 * LEASES_MAX are dropped and counted.
 */
#define LEASES_FILE_MAX		(16u << 20)
#define LEASES_LINE_MAX		4096
#define LEASES_MAX		65536
#define LEASE_ID_MAX		136 /* type, IAID and a DUID of 128 */
#define LEASE_NAME_MAX		128	/* a sanitised host name */
#define LEASES_PATH_MAX		512
#define LEASES_REASON_MAX	256

enum lease_format {
	LEASE_FORMAT_EMPTY,	/* no content at all */
	LEASE_FORMAT_BOOTPD,	/* macOS /var/db/dhcpd_leases */
	LEASE_FORMAT_DNSMASQ,	/* --dhcp-leasefile lines */
	LEASE_FORMAT_LIBVIRT,	/* <bridge>.status JSON array */
	LEASE_FORMAT_ISC,	/* ISC dhcpd's dhcpd.leases: not ours */
	LEASE_FORMAT_UNKNOWN,
};

enum lease_parse_result {
	LEASE_PARSE_OK,
	LEASE_PARSE_PARTIAL, /* cut mid-entry or mid-line: being written */
	LEASE_PARSE_FOREIGN,	/* a format we do not read */
	LEASE_PARSE_ERROR,	/* damaged beyond use */
};

struct lease {
	uint32_t	ip;			/* network byte order */
	uint8_t		mac[HWADDR_LEN];
	bool		has_mac;		/* an Ethernet address */
	int		hw_type;		/* ARP type, -1 unknown */
	uint8_t	id[LEASE_ID_MAX];	/* client id, type byte first */
	size_t		id_len;
	char		name[LEASE_NAME_MAX]; /* sanitised; empty: none */
	double		expires;	/* Unix seconds; 0: never */
	bool		has_expiry;	/* false: infinite or unknown */
	unsigned	order;			/* position in the file */
};

struct lease_table {
	enum lease_format format;
	struct lease	*items;
	size_t		 count, cap;
	size_t		 dropped;		/* past LEASES_MAX */
	size_t		 bad_lines;	/* unparsable or too long */
	char		 error[LEASES_REASON_MAX];
};

/* How the watched file stands. */
enum lease_file_state {
	LEASE_FILE_NONE,	/* no path known on this host */
	LEASE_FILE_ABSENT,	/* the path does not exist (no leases) */
	LEASE_FILE_OK,		/* the table is the file as it stands */
	LEASE_FILE_STALE,	/* unreadable now: the last good table */
};

/* The lease side of the model: the last good table and how it stands. */
struct lease_state {
	struct lease_table	table;
	enum lease_file_state	state;
	char			path[LEASES_PATH_MAX];
	char			reason[LEASES_REASON_MAX];
	double			read_at; /* when the table was read */
	unsigned long		reads;	/* successful reads */
};

void lease_table_init(struct lease_table *t);
void lease_table_free(struct lease_table *t);
void lease_table_clear(struct lease_table *t);

/*
 * Tell the format of a file from its first lines. JSON that is not an
 * array is LEASE_FORMAT_UNKNOWN; an array is LEASE_FORMAT_LIBVIRT until
 * lease_table_parse() finds no lease in it.
 */
enum lease_format lease_format_detect(const char *buf, size_t len);

/*
 * Parse a whole file's content into t (cleared first). now is used for
 * durations written by forks of dnsmasq. On LEASE_PARSE_PARTIAL the
 * complete entries are in t; t->error says what was wrong.
 */
enum lease_parse_result lease_table_parse(struct lease_table *t,
    const char *buf, size_t len, double now);

enum lease_parse_result lease_parse_bootpd(struct lease_table *t,
    const char *buf, size_t len);
enum lease_parse_result lease_parse_dnsmasq(struct lease_table *t,
    const char *buf, size_t len, double now);
enum lease_parse_result lease_parse_libvirt(struct lease_table *t,
    const char *buf, size_t len);

/*
 * Read and parse the file at path; the table is left alone on failure.
 * A cut file (LEASE_PARSE_PARTIAL) is a failure too, except that its
 * complete entries fill a table that has none: better than nothing.
 */
enum lease_parse_result lease_file_read(struct lease_table *t,
    const char *path, double now, char *why, size_t whysz);

/* Whether a lease has run out at time now. */
bool lease_is_expired(const struct lease *l, double now);

/*
 * The lease file of a host's VM bridge: bootpd's on macOS, the dnsmasq
 * or libvirt file of the tool that owns the bridge on Linux. NULL when
 * the bridge is unknown. The first existing candidate wins.
 */
const char *lease_default_path(const char *bridge);

const char *lease_format_name(enum lease_format f);
const char *lease_file_state_name(enum lease_file_state s);

void lease_state_init(struct lease_state *s);
void lease_state_free(struct lease_state *s);

#endif

/*
 * gen: write a large, deterministic capture of busy DHCP traffic for the
 * benchmark. Many clients run DISCOVER, OFFER, REQUEST, ACK exchanges that
 * overlap in time; about one exchange in twenty is never answered.
 *
 *	gen [-n packets] [-c clients] [-o file]
 */

/* libpcap's headers use the BSD u_int family; getopt is POSIX. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#define GEN_PACKETS	1000000
#define GEN_CLIENTS	50000
#define GEN_CLIENTS_MIN	64
#define GEN_CLIENTS_MAX	65000
#define GEN_OUTPUT	"dhcp-bench.pcap"
/* A fixed seed: every run writes the same bytes. */
#define GEN_SEED	0x766d6e7761746368ULL
#define GEN_EPOCH	1796374800		/* 2026-12-04 09:00:00 UTC */
#define GEN_WINDOW	32	/* exchanges in flight at once */
#define GEN_SNAPLEN	65535
#define GEN_FRAME_MAX	1024
#define GEN_HDR_LEN	42	/* Ethernet, IPv4 and UDP headers */
#define GEN_BOOTP_MIN	300	/* BOOTP messages are padded to this */
#define GEN_NET		0x0a400000U	/* 10.64.0.0/16 */
#define GEN_MASK	0xffff0000U
#define GEN_SERVER	(GEN_NET | 1)
#define GEN_LEASE	3600

enum gen_type {
	GEN_DISCOVER = 1,
	GEN_OFFER = 2,
	GEN_REQUEST = 3,
	GEN_ACK = 5
};

/* One client's exchange: how far it got and how far it will get. */
struct gen_txn {
	uint32_t	client;
	uint32_t	xid;
	int		sent;
	int		length;
};

/* A frame under construction: bytes and a write cursor. */
struct gen_frame {
	uint8_t		data[GEN_FRAME_MAX];
	size_t		len;
};

/* Everything one run of the generator carries along. */
struct gen {
	pcap_dumper_t	*dumper;
	uint64_t	 rng;
	uint64_t	 usec;
	uint32_t	 clients;
	uint32_t	 started;
	uint32_t	 unanswered;
	uint16_t	 ip_id;
	struct gen_txn	 window[GEN_WINDOW];
};

static const enum gen_type gen_sequence[] = {
	GEN_DISCOVER, GEN_OFFER, GEN_REQUEST, GEN_ACK
};

static const uint8_t gen_server_mac[6] = {
	0x02, 0x76, 0x6e, 0x77, 0x00, 0x01
};

static const uint8_t gen_broadcast_mac[6] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

/* Options 1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59, 119, 121 as clients ask. */
static const uint8_t gen_prl[] = {
	1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59, 119, 121
};

static const char *gen_vendors[] = {
	"udhcp 1.36.1",
	"dhcpcd-10.0.6:Linux-6.8.0-49-generic:x86_64:GenuineIntel",
	"dhcpcd-9.4.1:Linux-6.1.0-27-arm64:aarch64",
	"MSFT 5.0"
};

static const char *gen_hosts[] = {
	"lima-default", "minikube", "ubuntu", "debian", "fedora", "primary"
};

/* Next value of a xorshift64* generator: cheap and the same everywhere. */
static uint64_t
gen_rand(struct gen *g)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * 0x2545f4914f6cdd1dULL;
}

/* Scramble a counter into a random-looking but unique transaction id. */
static uint32_t
gen_mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x85ebca6bU;
	x ^= x >> 13;
	x *= 0xc2b2ae35U;
	x ^= x >> 16;
	return x;
}

/* A distinct QEMU-style MAC per client, never QEMU's default one. */
static void
gen_client_mac(uint32_t client, uint8_t *mac)
{
	uint32_t	s;

	s = ((client * 0x9e3779U) & 0x7fffffU) | 0x800000U;
	mac[0] = 0x52;
	mac[1] = 0x54;
	mac[2] = 0x00;
	mac[3] = s >> 16;
	mac[4] = s >> 8;
	mac[5] = s;
}

/* The address the server hands this client, in host byte order. */
static uint32_t
gen_client_ip(uint32_t client)
{
	return GEN_NET | (client + 2);
}

/* Append bytes to a frame; the sizes used here always fit. */
static void
gen_put(struct gen_frame *f, const void *p, size_t n)
{
	if (n > sizeof f->data - f->len) {
		fprintf(stderr, "gen: frame overflow\n");
		exit(1);
	}
	memcpy(f->data + f->len, p, n);
	f->len += n;
}

/* Append one byte. */
static void
gen_put8(struct gen_frame *f, uint8_t v)
{
	gen_put(f, &v, 1);
}

/* Append a 16-bit value in network byte order. */
static void
gen_put16(struct gen_frame *f, uint16_t v)
{
	uint8_t	b[2] = { v >> 8, v };

	gen_put(f, b, sizeof b);
}

/* Append a 32-bit value in network byte order. */
static void
gen_put32(struct gen_frame *f, uint32_t v)
{
	uint8_t	b[4] = { v >> 24, v >> 16, v >> 8, v };

	gen_put(f, b, sizeof b);
}

/* Append zero bytes. */
static void
gen_zero(struct gen_frame *f, size_t n)
{
	uint8_t	z[256] = { 0 };

	while (n > 0) {
		size_t	chunk = n < sizeof z ? n : sizeof z;

		gen_put(f, z, chunk);
		n -= chunk;
	}
}

/* Append one DHCP option with its code and length. */
static void
gen_option(struct gen_frame *f, uint8_t code, const void *p, size_t n)
{
	gen_put8(f, code);
	gen_put8(f, n);
	gen_put(f, p, n);
}

/* Append an option that carries one address. */
static void
gen_option_ip(struct gen_frame *f, uint8_t code, uint32_t addr)
{
	gen_put8(f, code);
	gen_put8(f, 4);
	gen_put32(f, addr);
}

/* The fixed BOOTP part: who asks, what is offered, and the magic cookie. */
static void
gen_bootp_write(struct gen_frame *f, const struct gen_txn *t,
    enum gen_type type)
{
	uint8_t	mac[6];
	int	reply = type == GEN_OFFER || type == GEN_ACK;

	gen_client_mac(t->client, mac);
	gen_put8(f, reply ? 2 : 1);
	gen_put8(f, 1);
	gen_put8(f, 6);
	gen_put8(f, 0);
	gen_put32(f, t->xid);
	gen_put16(f, 0);
	gen_put16(f, 0);
	gen_put32(f, 0);
	gen_put32(f, reply ? gen_client_ip(t->client) : 0);
	gen_put32(f, reply ? GEN_SERVER : 0);
	gen_put32(f, 0);
	gen_put(f, mac, sizeof mac);
	gen_zero(f, 10 + 64 + 128);
	gen_put32(f, 0x63825363U);
}

/* Options a client sends: identity, hostname, vendor, wish list. */
static void
gen_client_options(struct gen_frame *f, const struct gen_txn *t,
    enum gen_type type)
{
	uint8_t		id[7] = { 1 };
	char		host[32];
	const char	*vendor;
	int		n;

	gen_client_mac(t->client, id + 1);
	n = snprintf(host, sizeof host, "%s-%" PRIu32,
	    gen_hosts[t->client % 6], t->client);
	vendor = gen_vendors[t->client % 4];

	gen_option(f, 61, id, sizeof id);
	gen_option(f, 12, host, n);
	gen_option(f, 60, vendor, strlen(vendor));
	gen_option(f, 55, gen_prl, sizeof gen_prl);
	if (type == GEN_REQUEST) {
		gen_option_ip(f, 50, gen_client_ip(t->client));
		gen_option_ip(f, 54, GEN_SERVER);
	}
}

/* Options the server sends: who it is, the lease and the network. */
static void
gen_server_options(struct gen_frame *f)
{
	gen_option_ip(f, 54, GEN_SERVER);
	gen_option_ip(f, 51, GEN_LEASE);
	gen_option_ip(f, 1, GEN_MASK);
	gen_option_ip(f, 3, GEN_SERVER);
	gen_option_ip(f, 6, GEN_SERVER);
}

/* The whole DHCP message, padded to the BOOTP minimum. */
static void
gen_dhcp_write(struct gen_frame *f, const struct gen_txn *t,
    enum gen_type type)
{
	uint8_t	code = type;

	gen_bootp_write(f, t, type);
	gen_option(f, 53, &code, 1);
	if (type == GEN_OFFER || type == GEN_ACK)
		gen_server_options(f);
	else
		gen_client_options(f, t, type);
	gen_put8(f, 255);
	if (f->len < GEN_HDR_LEN + GEN_BOOTP_MIN)
		gen_zero(f, GEN_HDR_LEN + GEN_BOOTP_MIN - f->len);
}

/* Internet checksum over an IPv4 header. */
static uint16_t
gen_ip_checksum(const uint8_t *p, size_t n)
{
	uint32_t	sum = 0;
	size_t		i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

/* Fill the Ethernet, IPv4 and UDP headers once the payload length is known. */
static void
gen_headers_write(struct gen *g, struct gen_frame *f,
    const struct gen_txn *t, enum gen_type type)
{
	struct gen_frame	h = { .len = 0 };
	uint8_t			mac[6];
	int			reply = type == GEN_OFFER || type == GEN_ACK;
	size_t			udp_len = f->len - GEN_HDR_LEN + 8;
	uint16_t		sum;

	gen_client_mac(t->client, mac);
	gen_put(&h, reply ? mac : gen_broadcast_mac, 6);
	gen_put(&h, reply ? gen_server_mac : mac, 6);
	gen_put16(&h, 0x0800);

	gen_put8(&h, 0x45);
	gen_put8(&h, 0);
	gen_put16(&h, udp_len + 20);
	gen_put16(&h, g->ip_id++);
	gen_put16(&h, 0);
	gen_put8(&h, 64);
	gen_put8(&h, 17);
	gen_put16(&h, 0);
	gen_put32(&h, reply ? GEN_SERVER : 0);
	gen_put32(&h, reply ? gen_client_ip(t->client) : 0xffffffffU);
	sum = gen_ip_checksum(h.data + 14, 20);
	h.data[24] = sum >> 8;
	h.data[25] = sum;

	gen_put16(&h, reply ? 67 : 68);
	gen_put16(&h, reply ? 68 : 67);
	gen_put16(&h, udp_len);
	gen_put16(&h, 0);
	memcpy(f->data, h.data, GEN_HDR_LEN);
}

/* Advance the clock by a few hundred microseconds and dump one frame. */
static void
gen_frame_dump(struct gen *g, const struct gen_frame *f)
{
	struct pcap_pkthdr	hdr;

	g->usec += 100 + gen_rand(g) % 400;
	hdr.ts.tv_sec = GEN_EPOCH + g->usec / 1000000;
	hdr.ts.tv_usec = g->usec % 1000000;
	hdr.caplen = f->len;
	hdr.len = f->len;
	pcap_dump((u_char *)g->dumper, &hdr, f->data);
}

/* Begin the next client's exchange; a few will never be answered. */
static void
gen_txn_start(struct gen *g, struct gen_txn *t)
{
	int	r = gen_rand(g) % 100;

	t->client = g->started % g->clients;
	t->xid = gen_mix32(g->started ^ 0x5eedU);
	t->sent = 0;
	t->length = r < 3 ? 1 : r < 5 ? 3 : 4;
	if (t->length != 4)
		g->unanswered++;
	g->started++;
}

/* Send the next packet of an exchange, then start another if it is over. */
static void
gen_txn_step(struct gen *g, struct gen_txn *t)
{
	struct gen_frame	f = { .len = GEN_HDR_LEN };
	enum gen_type		type = gen_sequence[t->sent];

	gen_dhcp_write(&f, t, type);
	gen_headers_write(g, &f, t, type);
	gen_frame_dump(g, &f);
	if (++t->sent == t->length)
		gen_txn_start(g, t);
}

/* Write the capture: a window of overlapping exchanges, picked at random. */
static int
gen_run(struct gen *g, uint64_t packets)
{
	uint64_t	i;
	int		k;

	for (k = 0; k < GEN_WINDOW; k++)
		gen_txn_start(g, &g->window[k]);
	for (i = 0; i < packets; i++) {
		k = gen_rand(g) % GEN_WINDOW;
		gen_txn_step(g, &g->window[k]);
	}
	return pcap_dump_flush(g->dumper);
}

/* Count what the file ends with: exchanges cut off, and unsent ones undone. */
static uint32_t
gen_window_settle(struct gen *g)
{
	uint32_t	cut = 0;
	int		k;

	for (k = 0; k < GEN_WINDOW; k++) {
		const struct gen_txn	*t = &g->window[k];

		if (t->sent > 0) {
			cut++;
			continue;
		}
		g->started--;
		if (t->length != 4)
			g->unanswered--;
	}
	return cut;
}

/* Parse a decimal count within bounds, or exit with usage status. */
static uint64_t
gen_count_parse(const char *s, uint64_t min, uint64_t max, const char *what)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "gen: %s must be %" PRIu64 "..%" PRIu64 "\n",
		    what, min, max);
		exit(2);
	}
	return v;
}

/* Print how to call the generator and exit with usage status. */
static void
gen_usage(void)
{
	fprintf(stderr, "usage: gen [-n packets] [-c clients] [-o file]\n");
	exit(2);
}

/* Parse the flags, write the capture, say what it holds. */
int
main(int argc, char **argv)
{
	struct gen	 g = { .rng = GEN_SEED, .clients = GEN_CLIENTS };
	uint64_t	 packets = GEN_PACKETS;
	const char	*path = GEN_OUTPUT;
	pcap_t		*dead;
	uint32_t	 cut;
	int		 c;

	while ((c = getopt(argc, argv, "n:c:o:h")) != -1) {
		switch (c) {
		case 'n':
			packets = gen_count_parse(optarg, 1, UINT32_MAX,
			    "packets");
			break;
		case 'c':
			g.clients = gen_count_parse(optarg, GEN_CLIENTS_MIN,
			    GEN_CLIENTS_MAX, "clients");
			break;
		case 'o':
			path = optarg;
			break;
		default:
			gen_usage();
		}
	}
	if (optind != argc)
		gen_usage();

	dead = pcap_open_dead(DLT_EN10MB, GEN_SNAPLEN);
	if (dead == NULL || (g.dumper = pcap_dump_open(dead, path)) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path,
		    dead ? pcap_geterr(dead) : "pcap_open_dead failed");
		return 1;
	}
	if (gen_run(&g, packets) != 0) {
		fprintf(stderr, "gen: %s: write failed\n", path);
		return 1;
	}
	pcap_dump_close(g.dumper);
	pcap_close(dead);

	cut = gen_window_settle(&g);
	printf("%s: %" PRIu64 " packets, %" PRIu32 " clients, %" PRIu32
	    " exchanges, %" PRIu32 " never answered, %" PRIu32
	    " cut off by the end of the file\n", path, packets, g.clients,
	    g.started, g.unanswered, cut);
	return 0;
}

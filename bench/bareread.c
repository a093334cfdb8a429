/*
 * bareread: the benchmark's floor. Read a capture with libpcap and touch
 * every packet, doing nothing else, so that the time vmnetwatch needs can
 * be stated as a multiple of the cost of merely reading the file.
 *
 *	bareread FILE
 */

/* libpcap's headers use the BSD u_int family. */
#define _DEFAULT_SOURCE

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

/* What the loop touched, printed so the compiler cannot skip the work. */
struct bareread_sum {
	uint64_t	packets;
	uint64_t	bytes;
	uint8_t		mix;
};

/* Count one packet and read one of its bytes. */
static void
bareread_touch(struct bareread_sum *s, const struct pcap_pkthdr *h,
    const u_char *data)
{
	s->packets++;
	s->bytes += h->caplen;
	if (h->caplen > 0)
		s->mix ^= data[h->caplen / 2];
}

/* Walk the whole file; 0 at its end, -1 on a read error. */
static int
bareread_loop(pcap_t *p, struct bareread_sum *s)
{
	struct pcap_pkthdr	*h;
	const u_char		*data;
	int			 rc;

	while ((rc = pcap_next_ex(p, &h, &data)) == 1)
		bareread_touch(s, h, data);
	return rc == PCAP_ERROR_BREAK ? 0 : -1;
}

/* Read the file named on the command line and print what was touched. */
int
main(int argc, char **argv)
{
	char			errbuf[PCAP_ERRBUF_SIZE];
	struct bareread_sum	s = { 0, 0, 0 };
	pcap_t			*p;

	if (argc != 2) {
		fprintf(stderr, "usage: bareread FILE\n");
		return 2;
	}
	if ((p = pcap_open_offline(argv[1], errbuf)) == NULL) {
		fprintf(stderr, "bareread: %s\n", errbuf);
		return 1;
	}
	if (bareread_loop(p, &s) == -1) {
		fprintf(stderr, "bareread: %s\n", pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	pcap_close(p);

	printf("%" PRIu64 " packets, %" PRIu64 " bytes, mix %02x\n",
	    s.packets, s.bytes, s.mix);
	return 0;
}

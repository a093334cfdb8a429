/*
 * Benchmark: one refresh of the lease pane at scale. A dnsmasq lease file
 * of 10,000 leases is parsed, 500 VM command lines (two NICs each, in the
 * syntaxes real tools write) are parsed, and the rows are reconciled with
 * a full transaction table. Also times a scan of this host's real process
 * table, the cost paid every two seconds while idle.
 *
 * usage: leases [-l leases] [-v vms] [-r rounds]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

#include "leases.h"
#include "reconcile.h"
#include "txn.h"
#include "vms.h"

#define BENCH_TXNS	4096

static double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median and 95th percentile of n samples (sorted in place). */
static void
bench_print(const char *what, double *v, size_t n)
{
	qsort(v, n, sizeof *v, bench_cmp);
	printf("%-34s median %8.3f ms   p95 %8.3f ms\n", what, v[n / 2],
	    v[n * 95 / 100]);
}

/* dnsmasq lines; every VM's first NIC has a lease, the rest are stale. */
static char *
bench_leases(size_t n, size_t *len)
{
	char *buf = malloc(n * 96 + 1);
	size_t i, pos = 0;

	for (i = 0; i < n; i++)
		pos += (size_t)sprintf(buf + pos, "%lu 52:54:00:%02zx:%02zx:01 "
		    "10.%zu.%zu.%zu vm%zu 01:52:54:00:%02zx:%02zx:01\n",
		    i % 7 == 0 ? 0ul : 1900000000ul, (i >> 8) & 0xff, i & 0xff,
		    (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, i,
		    (i >> 8) & 0xff, i & 0xff);
	*len = pos;
	return buf;
}

/* One VM's /proc cmdline: three syntaxes in turn, two NICs each. */
static size_t
bench_cmdline(char *buf, size_t i)
{
	size_t n;

	switch (i % 3) {
	case 0:
		n = (size_t)sprintf(buf, "qemu-system-x86_64%c-name%c"
		    "guest=vm%zu,debug-threads=on%c-netdev%c{\"type\":\"tap\","
		    "\"fd\":\"34\",\"id\":\"hostnet0\"}%c-device%c{\"driver\":"
		    "\"virtio-net-pci\",\"netdev\":\"hostnet0\","
		    "\"id\":\"net0\","
		    "\"mac\":\"52:54:00:%02zx:%02zx:01\",\"bus\":\"pci.1\"}"
		    "%c"
		    "-nic%cuser,model=e1000,mac=52:54:00:%02zx:%02zx:02%c",
		    0, 0, i, 0, 0, 0, 0, (i >> 8) & 0xff, i & 0xff, 0, 0,
		    (i >> 8) & 0xff, i & 0xff, 0);
		break;
	case 1:
		n = (size_t)sprintf(buf, "/usr/bin/qemu-system-aarch64%c-m%c"
		    "2048%c-nic%cvmnet-shared,model=virtio-net-pci,"
		    "mac=52:54:00:%02zx:%02zx:01%c-netdev%cstream,id=net1,"
		    "server=off,addr.type=unix,addr.path=/var/run/s%c-device%c"
		    "virtio-net-pci,netdev=net1,mac=52:54:00:%02zx:%02zx:02%c",
		    0, 0, 0, 0, (i >> 8) & 0xff, i & 0xff, 0, 0, 0, 0,
		    (i >> 8) & 0xff, i & 0xff, 0);
		break;
	default:
		n = (size_t)sprintf(buf, "qemu-system-x86_64%c-device%c"
		    "virtio-net-pci,netdev=net0,mac=52:54:00:%02zx:%02zx:01%c"
		    "-netdev%csocket,id=net0,fd=3%c-net%cnic,macaddr="
		    "52:54:00:%zx:%zx:2%c-net%ctap,fd=7%c",
		    0, 0, (i >> 8) & 0xff, i & 0xff, 0, 0, 0, 0,
		    (i >> 8) & 0xff, i & 0xff, 0, 0, 0);
		break;
	}
	return n;
}

/* A full transaction table: every VM asked, some were answered. */
static struct txn_table *
bench_txns(void)
{
	struct txn_table *t = txn_table_new(BENCH_TXNS);
	struct dhcp_msg msg;
	size_t i;

	for (i = 0; i < BENCH_TXNS; i++) {
		memset(&msg, 0, sizeof msg);
		msg.op = i % 2 ? 2 : 1;
		msg.htype = 1;
		msg.hlen = 6;
		msg.xid = (uint32_t)(i / 2);
		memcpy(msg.chaddr, "\x52\x54\x00", 3);
		msg.chaddr[3] = (uint8_t)((i / 2) >> 8);
		msg.chaddr[4] = (uint8_t)(i / 2);
		msg.chaddr[5] = 1;
		msg.has_cookie = true;
		msg.msg_type = i % 2 ? 5 : 3;
		msg.yiaddr = i % 2 ? htonl(0x0a000000 + (uint32_t)(i / 2)) : 0;
		txn_table_observe(t, &msg, 1000.0 + i, i, NULL, NULL);
	}
	return t;
}

int
main(int argc, char **argv)
{
	size_t nleases = 10000, nvms = 500, rounds = 200, len, r, i;
	char *text, cmd[1024];
	double *tl, *tv, *tr, *tt, *ts, a, b, c, d;
	struct lease_table leases;
	struct vm_table vms, host;
	struct txn_table *txns;
	struct reconcile rec;
	int ch;

	while ((ch = getopt(argc, argv, "l:v:r:")) != -1) {
		if (ch == 'l')
			nleases = strtoul(optarg, NULL, 10);
		else if (ch == 'v')
			nvms = strtoul(optarg, NULL, 10);
		else if (ch == 'r')
			rounds = strtoul(optarg, NULL, 10);
		else
			return 2;
	}
	if (rounds == 0 || nvms > VMS_MAX)
		return 2;
	text = bench_leases(nleases, &len);
	txns = bench_txns();
	lease_table_init(&leases);
	vm_table_init(&vms);
	vm_table_init(&host);
	reconcile_init(&rec);
	vms.items = calloc(nvms, sizeof *vms.items);
	vms.cap = nvms;
	tl = calloc(rounds, sizeof *tl);
	tv = calloc(rounds, sizeof *tv);
	tr = calloc(rounds, sizeof *tr);
	tt = calloc(rounds, sizeof *tt);
	ts = calloc(rounds, sizeof *ts);

	for (r = 0; r < rounds; r++) {
		a = bench_now_ms();
		lease_table_parse(&leases, text, len, 1800000000.0);
		b = bench_now_ms();
		for (vms.count = 0, i = 0; i < nvms; i++)
			if (vm_parse_cmdline(&vms.items[vms.count], (int)i + 2,
			    cmd, bench_cmdline(cmd, i)) == 0)
				vms.count++;
		c = bench_now_ms();
		reconcile_run(&rec, &leases, &vms, txns, htonl(0x0a000001),
		    1800000000.0);
		d = bench_now_ms();
		tl[r] = b - a;
		tv[r] = c - b;
		tr[r] = d - c;
		tt[r] = d - a;
		vm_table_scan(&host);
		ts[r] = host.scan_ms;
	}
	printf("%zu leases (%zu bytes), %zu VMs (%zu NICs), %d transactions; "
	    "%zu rows\n", leases.count, len, vms.count, vms.count * 2,
	    BENCH_TXNS, rec.count);
	bench_print("parse the lease file", tl, rounds);
	bench_print("parse the VM command lines", tv, rounds);
	bench_print("reconcile", tr, rounds);
	bench_print("one full refresh", tt, rounds);
	bench_print("scan this host's processes", ts, rounds);
	printf("(%zu VM processes running here)\n", host.count);
	return 0;
}

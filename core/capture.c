/* Packet sources: a live interface or a capture file, on a libev loop. */
#include "config.h"

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture.h"
#include "log.h"
#include "model.h"
#include "util.h"

#define CAPTURE_FILTER	"udp and (port 67 or port 68) or " \
			"(vlan and udp and (port 67 or port 68))"
#define CAPTURE_SNAPLEN	4096	/* a DHCP message fits easily */
#define CAPTURE_BUFFER	(1 << 20)	/* kernel ring, bytes */
#define CAPTURE_BATCH	256		/* packets per loop callback */
#define CAPTURE_TICK	0.25	/* seconds between clock ticks */
#define CAPTURE_MAX_GAP	10.0	/* longest wait while replaying */

const char *const capture_known_bridges[] = {
	"bridge100", "bridge101", "bridge102", "bridge103",
	"mpqemubr0", "virbr0", "lxdbr0", "incusbr0", NULL,
};

struct capture {
	struct ev_loop		*loop;
	struct capture_config	 cfg;
	struct model		*m;

	pcap_t			*pcap;
	pcap_dumper_t		*dumper;
	int			 linktype;
	unsigned		 ifindex;	/* of the attached interface */

	ev_io			 readable;	/* live descriptor */
	ev_timer		 retry;		/* attach attempts */
	ev_timer		 tick;	/* clock, stats, liveness */
	ev_idle			 drain; /* a file, as fast as possible */
	ev_timer		 pace;		/* a file, in real time */

	/* Real-time replay: capture time = file_base + (wall - wall_base). */
	double			 file_base, wall_base;
	struct pcap_pkthdr	*held_hdr;	/* read but not yet due */
	const u_char		*held_data;

	bool			 done, failed;
};

static void
capture_set_state(struct capture *c, enum iface_state state,
    const char *error)
{
	struct iface_info *iface = &c->m->iface;

	iface->state = state;
	snprintf(iface->error, sizeof iface->error, "%s",
	    error != NULL ? error : "");
	log_msg(1, "capture %s: %s%s%s", iface->name, iface_state_name(state),
	    error != NULL ? ": " : "", error != NULL ? error : "");
	model_touch(c->m);
}

/* The first IPv4 address of the interface, for the header. */
static void
capture_read_address(struct capture *c, const char *name)
{
	struct ifaddrs *all, *ifa;
	char *dst = c->m->iface.address;

	dst[0] = '\0';
	if (getifaddrs(&all) != 0)
		return;
	for (ifa = all; ifa != NULL; ifa = ifa->ifa_next) {
		if (ifa->ifa_addr == NULL ||
		    ifa->ifa_addr->sa_family != AF_INET ||
		    strcmp(ifa->ifa_name, name) != 0)
			continue;
		ip_format(dst,
		    ((struct sockaddr_in *)ifa->ifa_addr)->sin_addr.s_addr);
		break;
	}
	freeifaddrs(all);
}

/* Every captured frame goes to the model and, with -w, to the file. */
static void
capture_handle(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct capture *c = (struct capture *)arg;

	if (c->dumper != NULL)
		pcap_dump((u_char *)c->dumper, h, data);
	model_ingest(c->m, c->linktype, &h->ts, data, h->caplen);
}

static int
capture_open_dumper(struct capture *c)
{
	char msg[PCAP_ERRBUF_SIZE + 64];

	if (c->cfg.write_path == NULL || c->dumper != NULL)
		return 0;
	c->dumper = pcap_dump_open(c->pcap, c->cfg.write_path);
	if (c->dumper != NULL)
		return 0;
	snprintf(msg, sizeof msg, "cannot write %s: %s", c->cfg.write_path,
	    pcap_geterr(c->pcap));
	capture_set_state(c, IFACE_ERROR, msg);
	return -1;
}

static int
capture_apply_filter(struct capture *c)
{
	struct bpf_program prog;
	int rc;

	if (pcap_compile(c->pcap, &prog, CAPTURE_FILTER, 1,
	    PCAP_NETMASK_UNKNOWN) != 0)
		return -1;
	rc = pcap_setfilter(c->pcap, &prog);
	pcap_freecode(&prog);
	return rc;
}

/* Turn pcap_activate()'s refusal into a state and advice. */
static void
capture_explain_failure(struct capture *c, int rc, const char *name)
{
	char msg[512];

	switch (rc) {
	case PCAP_ERROR_NO_SUCH_DEVICE:
		snprintf(msg, sizeof msg, "%s does not exist yet: waiting "
		    "for it (start a VM)", name);
		capture_set_state(c, IFACE_ABSENT, msg);
		break;
	case PCAP_ERROR_PERM_DENIED:
		snprintf(msg, sizeof msg, "no permission to capture on %s: "
		    "run as root, or on Linux grant CAP_NET_RAW "
		    "(setcap cap_net_raw,cap_net_admin=eip vmnetwatch), "
		    "on macOS join the access_bpf group", name);
		capture_set_state(c, IFACE_DENIED, msg);
		break;
	default:
		snprintf(msg, sizeof msg, "cannot capture on %s: %s", name,
		    pcap_geterr(c->pcap));
		capture_set_state(c, IFACE_ERROR, msg);
		break;
	}
}

static void
capture_close(struct capture *c)
{
	ev_io_stop(c->loop, &c->readable);
	if (c->pcap != NULL)
		pcap_close(c->pcap);
	c->pcap = NULL;
	c->ifindex = 0;
}

static int
capture_configure_live(struct capture *c)
{
	pcap_set_snaplen(c->pcap, CAPTURE_SNAPLEN);
	pcap_set_promisc(c->pcap, 1);
	pcap_set_immediate_mode(c->pcap, 1);
	pcap_set_buffer_size(c->pcap, CAPTURE_BUFFER);
	return pcap_activate(c->pcap);
}

/* Open the named interface; on failure the state says why. */
static int
capture_attach(struct capture *c, const char *name)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	int rc, fd;

	snprintf(c->m->iface.name, sizeof c->m->iface.name, "%s", name);
	c->pcap = pcap_create(name, errbuf);
	if (c->pcap == NULL) {
		capture_set_state(c, IFACE_ERROR, errbuf);
		return -1;
	}
	rc = capture_configure_live(c);
	if (rc < 0) {
		capture_explain_failure(c, rc, name);
		capture_close(c);
		return -1;
	}
	fd = pcap_get_selectable_fd(c->pcap);
	if (capture_apply_filter(c) != 0 || fd < 0 ||
	    pcap_setnonblock(c->pcap, 1, errbuf) != 0) {
		capture_explain_failure(c, PCAP_ERROR, name);
		capture_close(c);
		return -1;
	}
	c->linktype = pcap_datalink(c->pcap);
	c->m->iface.linktype = c->linktype;
	c->ifindex = if_nametoindex(name);
	if (capture_open_dumper(c) != 0) {
		capture_close(c);
		return -1;
	}
	ev_io_set(&c->readable, fd, EV_READ);
	ev_io_start(c->loop, &c->readable);
	c->m->iface.attaches++;
	capture_read_address(c, name);
	capture_set_state(c, IFACE_UP, NULL);
	return 0;
}

/* With no -i, the first known VM bridge that exists. */
static const char *
capture_discover(void)
{
	int i;

	for (i = 0; capture_known_bridges[i] != NULL; i++)
		if (if_nametoindex(capture_known_bridges[i]) != 0)
			return capture_known_bridges[i];
	return NULL;
}

static void
capture_try_attach(struct capture *c)
{
	const char *name = c->cfg.interface;
	char msg[256];

	if (name == NULL)
		name = capture_discover();
	if (name == NULL) {
		snprintf(msg, sizeof msg, "no VM bridge yet (looking for "
		    "bridge100, mpqemubr0, virbr0, lxdbr0, incusbr0): "
		    "start a VM or name one with -i");
		capture_set_state(c, IFACE_SEARCHING, msg);
		return;
	}
	if (capture_attach(c, name) == 0)
		ev_timer_stop(c->loop, &c->retry);
}

static void
capture_lost(struct capture *c, const char *why)
{
	char msg[512];

	snprintf(msg, sizeof msg, "%s went away (%s): waiting for it to "
	    "return", c->m->iface.name, why);
	capture_close(c);
	c->m->iface.losses++;
	c->m->iface.address[0] = '\0';
	capture_set_state(c, IFACE_ABSENT, msg);
	ev_timer_again(c->loop, &c->retry);
}

static void
capture_on_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct capture *c = w->data;
	int n;

	n = pcap_dispatch(c->pcap, CAPTURE_BATCH, capture_handle,
	    (u_char *)c);
	if (n == PCAP_ERROR)
		capture_lost(c, pcap_geterr(c->pcap));
	else if (n > 0 && c->dumper != NULL)
		pcap_dump_flush(c->dumper);
}

static void
capture_on_retry(struct ev_loop *loop, ev_timer *w, int revents)
{
	capture_try_attach(w->data);
}

/* A deleted and re-created interface has a new index: re-attach. */
static void
capture_check_alive(struct capture *c)
{
	struct pcap_stat st;

	if (c->pcap == NULL || c->cfg.read_path != NULL)
		return;
	if (if_nametoindex(c->m->iface.name) != c->ifindex) {
		capture_lost(c, "interface removed");
		return;
	}
	if (pcap_stats(c->pcap, &st) == 0)
		c->m->iface.drops = st.ps_drop + st.ps_ifdrop;
}

static double
capture_clock(const struct capture *c)
{
	double wall = ev_now(c->loop);

	if (c->cfg.read_path == NULL)
		return wall;
	if (c->wall_base == 0)
		return c->m->now;
	return c->file_base + (wall - c->wall_base);
}

static void
capture_on_tick(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct capture *c = w->data;

	capture_check_alive(c);
	if (c->cfg.read_path == NULL || c->cfg.realtime)
		model_set_now(c->m, capture_clock(c));
}

static void
capture_finish_file(struct capture *c, int rc)
{
	char msg[PCAP_ERRBUF_SIZE + 64];

	if (rc == PCAP_ERROR) {
		snprintf(msg, sizeof msg, "stopped reading %s: %s",
		    c->cfg.read_path, pcap_geterr(c->pcap));
		capture_set_state(c, IFACE_FILE_DONE, msg);
	} else {
		capture_set_state(c, IFACE_FILE_DONE, NULL);
	}
	if (c->dumper != NULL)
		pcap_dump_flush(c->dumper);
	ev_idle_stop(c->loop, &c->drain);
	ev_timer_stop(c->loop, &c->pace);
	c->done = true;
	if (c->cfg.done != NULL)
		c->cfg.done(c->cfg.done_arg);
}

/* Reading a file as fast as possible, a batch per loop iteration. */
static void
capture_on_drain(struct ev_loop *loop, ev_idle *w, int revents)
{
	struct capture *c = w->data;
	int n;

	n = pcap_dispatch(c->pcap, CAPTURE_BATCH * 4, capture_handle,
	    (u_char *)c);
	if (n <= 0)
		capture_finish_file(c, n);
}

/* Seconds until the held packet is due; shifts the base past long gaps. */
static double
capture_held_delay(struct capture *c)
{
	double ts = c->held_hdr->ts.tv_sec + c->held_hdr->ts.tv_usec / 1e6;
	double now = ev_now(c->loop), delay;

	if (c->wall_base == 0) {
		c->file_base = ts;
		c->wall_base = now;
	}
	delay = c->wall_base + (ts - c->file_base) - now;
	if (delay > CAPTURE_MAX_GAP) {
		c->wall_base -= delay - CAPTURE_MAX_GAP;
		delay = CAPTURE_MAX_GAP;
	}
	return delay;
}

/* Replaying a file in real time: ingest what is due, wait for the rest. */
static void
capture_on_pace(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct capture *c = w->data;
	double delay;
	int n, rc;

	for (n = 0; n < CAPTURE_BATCH; n++) {
		if (c->held_hdr == NULL) {
			rc = pcap_next_ex(c->pcap, &c->held_hdr,
			    &c->held_data);
			if (rc != 1) {
				c->held_hdr = NULL;
				capture_finish_file(c, rc == PCAP_ERROR_BREAK
				    ? 0 : rc);
				return;
			}
		}
		delay = capture_held_delay(c);
		if (delay > 0) {
			ev_timer_set(&c->pace, delay, 0);
			ev_timer_start(loop, &c->pace);
			return;
		}
		capture_handle((u_char *)c, c->held_hdr, c->held_data);
		c->held_hdr = NULL;
	}
	ev_timer_set(&c->pace, 0, 0);
	ev_timer_start(loop, &c->pace);
}

static void
capture_open_file(struct capture *c)
{
	char errbuf[PCAP_ERRBUF_SIZE], msg[PCAP_ERRBUF_SIZE + 256];

	snprintf(c->m->iface.name, sizeof c->m->iface.name, "%s",
	    c->cfg.read_path);
	c->pcap = pcap_open_offline_with_tstamp_precision(c->cfg.read_path,
	    PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (c->pcap == NULL) {
		snprintf(msg, sizeof msg, "cannot read %s: %s",
		    c->cfg.read_path, errbuf);
		capture_set_state(c, IFACE_ERROR, msg);
		c->failed = c->done = true;
		return;
	}
	c->linktype = pcap_datalink(c->pcap);
	c->m->iface.linktype = c->linktype;
	if (capture_open_dumper(c) != 0) {
		c->failed = c->done = true;
		return;
	}
	capture_set_state(c, IFACE_FILE, NULL);
	if (c->cfg.realtime) {
		ev_timer_set(&c->pace, 0, 0);
		ev_timer_start(c->loop, &c->pace);
	} else {
		ev_idle_start(c->loop, &c->drain);
	}
}

struct capture *
capture_new(struct ev_loop *loop, const struct capture_config *cfg,
    struct model *m)
{
	struct capture *c = xcalloc(1, sizeof *c);

	c->loop = loop;
	c->cfg = *cfg;
	if (c->cfg.retry <= 0)
		c->cfg.retry = 1.0;
	c->m = m;
	ev_init(&c->readable, capture_on_readable);
	ev_init(&c->retry, capture_on_retry);
	c->retry.repeat = c->cfg.retry;
	ev_init(&c->tick, capture_on_tick);
	c->tick.repeat = CAPTURE_TICK;
	ev_idle_init(&c->drain, capture_on_drain);
	ev_init(&c->pace, capture_on_pace);
	c->readable.data = c->retry.data = c->tick.data = c;
	c->drain.data = c->pace.data = c;
	return c;
}

void
capture_start(struct capture *c)
{
	c->m->started = ev_now(c->loop);
	ev_timer_again(c->loop, &c->tick);
	if (c->cfg.read_path != NULL) {
		capture_open_file(c);
		return;
	}
	model_set_now(c->m, ev_now(c->loop));
	capture_try_attach(c);
	if (c->pcap == NULL)
		ev_timer_again(c->loop, &c->retry);
}

void
capture_free(struct capture *c)
{
	if (c == NULL)
		return;
	ev_timer_stop(c->loop, &c->retry);
	ev_timer_stop(c->loop, &c->tick);
	ev_timer_stop(c->loop, &c->pace);
	ev_idle_stop(c->loop, &c->drain);
	capture_close(c);
	if (c->dumper != NULL)
		pcap_dump_close(c->dumper);
	free(c);
}

bool
capture_done(const struct capture *c)
{
	return c->done;
}

bool
capture_failed(const struct capture *c)
{
	return c->failed;
}

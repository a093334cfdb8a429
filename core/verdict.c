/* Verdicts: one-sentence explanations of what the model shows. */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "sanitize.h"
#include "util.h"
#include "verdict.h"

#define EVIDENCE_CLIENTS	4 /* clients named in one evidence line */
#define VERDICT_QUIET_AFTER	10.0 /* watched this long, silence tells */

static struct verdict *
verdict_add(struct verdict_list *list, const char *id, enum severity sev,
    const char *fix)
{
	struct verdict *v;

	if (list->count == VERDICT_MAX)
		return NULL;
	v = &list->items[list->count++];
	memset(v, 0, sizeof *v);
	v->id = id;
	v->severity = sev;
	v->fix = fix;
	return v;
}

static void
verdict_append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* The interface cannot be watched: absent, or capture refused. */
static void
verdicts_interface(const struct model *m, struct verdict_list *out)
{
	const struct iface_info *iface = &m->iface;
	struct verdict *v;
	char error[VERDICT_TEXT_MAX];

	sanitize_str(error, sizeof error, iface->error);
	if (iface->state == IFACE_SEARCHING || iface->state == IFACE_ABSENT) {
		v = verdict_add(out, "interface-absent", SEVERITY_WARNING,
		    NULL);
		if (v == NULL)
			return;
		snprintf(v->summary, sizeof v->summary, "There is no VM "
		    "bridge to watch yet; start a VM or name one with -i.");
		snprintf(v->evidence, sizeof v->evidence, "%s", error);
	} else if (iface->state == IFACE_DENIED) {
		v = verdict_add(out, "capture-denied", SEVERITY_CRITICAL,
		    NULL);
		if (v == NULL)
			return;
		snprintf(v->summary, sizeof v->summary, "Capture on the "
		    "bridge was refused, so DHCP cannot be seen.");
		snprintf(v->evidence, sizeof v->evidence, "%s", error);
	}
}

static void
verdict_describe_txn(char *buf, size_t size, const struct txn *t,
    double now)
{
	char mac[MAC_STR_MAX], type[16];
	size_t hlen = t->hlen <= DHCP_CHADDR_LEN ? t->hlen : DHCP_CHADDR_LEN;

	verdict_append(buf, size, "%s%s xid 0x%08x: %u %s unanswered for "
	    "%.1f s", buf[0] != '\0' ? "; " : "",
	    mac_format(mac, t->chaddr, hlen), t->xid, t->npending,
	    dhcp_msg_type_name(t->pending_type, type),
	    now - t->pending_since);
}

static bool
verdicts_some_answered(const struct model *m)
{
	const struct txn *t;

	for (t = txn_table_oldest(m->txns); t != NULL; t = txn_newer(t))
		if (t->answered)
			return true;
	return false;
}

/*
 * On a live Linux bridge with no macOS firewall in the picture, what
 * drops DHCP is the host's own firewall: offer to let it through.
 */
static const char *
verdicts_unanswered_fix(const struct model *m)
{
#if defined(__linux__)
	if (m->iface.state == IFACE_UP && m->fw.backend == NULL)
		return "allow-dhcp-on-bridge";
#endif
	return NULL;
}

/* Requests that nobody answered within the window. */
static void
verdicts_unanswered(const struct model *m, struct verdict_list *out)
{
	const struct txn *t;
	struct verdict *v;
	size_t n = model_count_unanswered(m), shown = 0;

	if (n == 0 || (v = verdict_add(out, "dhcp-unanswered",
	    SEVERITY_CRITICAL, verdicts_unanswered_fix(m))) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "%zu DHCP %s got no answer "
	    "within %.0f s%s", n, n == 1 ? "exchange" : "exchanges",
	    m->window, verdicts_some_answered(m) ?
	    "; others were answered, so the server works for some clients." :
	    ": no DHCP server answered at all.");
	for (t = txn_table_oldest(m->txns); t != NULL; t = txn_newer(t)) {
		if (!txn_is_unanswered(t, m->now, m->window))
			continue;
		if (shown++ == EVIDENCE_CLIENTS) {
			verdict_append(v->evidence, sizeof v->evidence,
			    "; and %zu more", n - EVIDENCE_CLIENTS);
			break;
		}
		verdict_describe_txn(v->evidence, sizeof v->evidence, t,
		    m->now);
	}
}

/* What the bootpd rule says, in words, for evidence lines. */
static void
verdict_describe_rule(char *buf, size_t size, const struct firewall *fw,
    const struct fw_rule *rule)
{
	static const char *const flag[] = { "unknown", "off", "on" };

	verdict_append(buf, size, "firewall %s for %.0f s; %s %s; "
	    "allow built-in signed software %s",
	    firewall_state_name(fw->state), fw->updated - fw->since,
	    rule->subject,
	    rule->listed == FW_YES ? (rule->allowed == FW_NO ?
	    "listed, blocked" : "listed, allowed") :
	    rule->listed == FW_NO ? "not listed" : "listing unknown",
	    flag[rule->allow_builtin]);
}

/* The firewall is on and bootpd is not allowed while requests wait. */
static void
verdicts_firewall_blocks(const struct model *m, const struct fw_rule *rule,
    size_t unanswered, struct verdict_list *out)
{
	struct verdict *v;

	if (unanswered == 0 || rule->verdict != FW_RULE_BLOCKED ||
	    (v = verdict_add(out, "firewall-blocks-dhcp", SEVERITY_CRITICAL,
	    "allow-bootpd")) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "The firewall is on and "
	    "does not let bootpd answer: %zu DHCP %s unanswered.",
	    unanswered, unanswered == 1 ? "request is" : "requests are");
	verdict_describe_rule(v->evidence, sizeof v->evidence, &m->fw, rule);
}

/* The rule says bootpd may answer, yet requests go unanswered. */
static void
verdicts_rule_stale(const struct model *m, const struct fw_rule *rule,
    size_t unanswered, struct verdict_list *out)
{
	struct verdict *v;

	if (rule->verdict != FW_RULE_STALE || (v = verdict_add(out,
	    "dhcp-rule-stale", SEVERITY_WARNING, "readd-bootpd")) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "The firewall rule says "
	    "bootpd is allowed, yet %zu DHCP %s unanswered: the rule may "
	    "be stale.", unanswered, unanswered == 1 ? "request is" :
	    "requests are");
	verdict_describe_rule(v->evidence, sizeof v->evidence, &m->fw, rule);
}

/* Something keeps switching the firewall back. */
static void
verdicts_firewall_flapping(const struct model *m, struct verdict_list *out)
{
	const struct firewall *fw = &m->fw;
	struct verdict *v;
	unsigned n, ours;

	if (!fw->flapping || (v = verdict_add(out, "firewall-flapping",
	    SEVERITY_WARNING, "allow-bootpd")) == NULL)
		return;
	n = firewall_recent_changes(fw, fw->updated, &ours);
	snprintf(v->summary, sizeof v->summary, "The firewall keeps "
	    "changing state: something switches it back (a management "
	    "agent?).");
	snprintf(v->evidence, sizeof v->evidence, "%u changes in %.0f "
	    "min (%u by vmnetwatch); %s for %.0f s now", n,
	    FIREWALL_FLAP_WINDOW / 60, ours, firewall_state_name(fw->state),
	    fw->updated - fw->since);
}

/* socketfilterfw refused a change: this Mac is managed. */
static void
verdicts_firewall_managed(const struct model *m, struct verdict_list *out)
{
	struct verdict *v;

	if (!m->fw.managed || (v = verdict_add(out, "firewall-managed",
	    SEVERITY_WARNING, NULL)) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "This Mac is managed: "
	    "socketfilterfw refuses changes from the command line, so "
	    "firewall fixes cannot apply here.");
	snprintf(v->evidence, sizeof v->evidence, "socketfilterfw said "
	    "that firewall settings cannot be modified on managed Mac "
	    "computers");
}

/* The firewall's verdicts, when a firewall backend is probed. */
static void
verdicts_firewall(const struct model *m, struct verdict_list *out)
{
	struct fw_rule rule;
	size_t unanswered = model_count_unanswered(m);

	if (m->fw.backend == NULL)
		return;
	firewall_rule(&m->fw, unanswered, &rule);
	verdicts_firewall_blocks(m, &rule, unanswered, out);
	verdicts_rule_stale(m, &rule, unanswered, out);
	verdicts_firewall_flapping(m, out);
	verdicts_firewall_managed(m, out);
}

/* A row's MAC and VM for evidence lines: "52:54:00:..:aa (g1)". */
static void
verdict_describe_row(char *buf, size_t size, const struct model *m,
    const struct row *row)
{
	char mac[MAC_STR_MAX], ip[IP_STR_MAX];
	const char *who = NULL;

	if (row->vm >= 0)
		who = m->vms.items[row->vm].label;
	else if (row->lease >= 0 && m->leases.table.items[row->lease].name[0])
		who = m->leases.table.items[row->lease].name;
	verdict_append(buf, size, "%s%s%s%s%s%s%s", buf[0] ? "; " : "",
	    row->has_mac ? mac_format(mac, row->mac, HWADDR_LEN) : "no MAC",
	    who ? " (" : "", who ? who : "", who ? ")" : "",
	    row->ip ? " at " : "", row->ip ? ip_format(ip, row->ip) : "");
}

/* Rows matching a test, named in the evidence, at most a few. */
static size_t
verdict_rows(const struct model *m, char *buf, size_t size,
    bool (*match)(const struct model *, const struct row *))
{
	size_t i, n = 0;

	for (i = 0; i < m->recon.count; i++) {
		if (!match(m, &m->recon.rows[i]))
			continue;
		if (n++ < EVIDENCE_CLIENTS)
			verdict_describe_row(buf, size, m, &m->recon.rows[i]);
	}
	if (n > EVIDENCE_CLIENTS)
		verdict_append(buf, size, "; and %zu more",
		    n - EVIDENCE_CLIENTS);
	return n;
}

/* A NIC on user-mode networking gets DHCP from QEMU, not the bridge. */
static bool
verdict_row_on_bridge(const struct model *m, const struct row *row)
{
	return row->vm >= 0 && row->nic >= 0 && strcmp(m->vms.items[row->vm]
	    .nics[row->nic].backend, "user") != 0;
}

static bool
verdict_row_no_lease_asked(const struct model *m, const struct row *row)
{
	return row->status == ROW_NO_LEASE && verdict_row_on_bridge(m, row) &&
	    (row->dhcp_seen || m->iface.state != IFACE_UP);
}

static bool
verdict_row_not_asking(const struct model *m, const struct row *row)
{
	return row->status == ROW_NO_LEASE && verdict_row_on_bridge(m, row) &&
	    !row->dhcp_seen && m->iface.state == IFACE_UP &&
	    m->now - m->started >= VERDICT_QUIET_AFTER;
}

static bool
verdict_row_dup_mac(const struct model *m, const struct row *row)
{
	return row->status == ROW_DUPLICATE_MAC;
}

static bool
verdict_row_default_mac(const struct model *m, const struct row *row)
{
	return row->status == ROW_DEFAULT_MAC;
}

static bool
verdict_row_dup_ip(const struct model *m, const struct row *row)
{
	return row->status == ROW_DUPLICATE_IP;
}

static bool
verdict_row_no_mac(const struct model *m, const struct row *row)
{
	return row->status == ROW_LEASE_WITHOUT_MAC;
}

/* One verdict over the rows a test picks; the summary takes the count. */
static struct verdict *
verdict_from_rows(const struct model *m, struct verdict_list *out,
    const char *id, enum severity sev,
    bool (*match)(const struct model *, const struct row *))
{
	char evidence[VERDICT_TEXT_MAX] = "";
	struct verdict *v;

	if (verdict_rows(m, evidence, sizeof evidence, match) == 0 ||
	    (v = verdict_add(out, id, sev, NULL)) == NULL)
		return NULL;
	snprintf(v->evidence, sizeof v->evidence, "%s", evidence);
	return v;
}

/* Running VM NICs without an address: silent, or asking in vain. */
static void
verdicts_vm_leases(const struct model *m, struct verdict_list *out)
{
	struct verdict *v;
	char path[128];

	sanitize_str(path, sizeof path, m->leases.path);
	v = verdict_from_rows(m, out, "vm-no-lease", SEVERITY_WARNING,
	    verdict_row_no_lease_asked);
	if (v != NULL) {
		snprintf(v->summary, sizeof v->summary, "No DHCP lease for "
		    "running VM %.400s%s.", v->evidence,
		    m->leases.state == LEASE_FILE_OK ? "" :
		    " (the lease file could not be read)");
		if (m->leases.state != LEASE_FILE_OK)
			verdict_append(v->evidence, sizeof v->evidence,
			    "; lease file %s: %s", path[0] ? path : "none",
			    lease_file_state_name(m->leases.state));
	}
	v = verdict_from_rows(m, out, "vm-not-asking", SEVERITY_WARNING,
	    verdict_row_not_asking);
	if (v != NULL)
		snprintf(v->summary, sizeof v->summary, "A running VM has no "
		    "lease and sent no DHCP request on the bridge: its guest "
		    "is not asking (still booting, static address, or its "
		    "NIC is not on this bridge).");
}

/* Row verdicts whose sentence does not depend on the rows. */
static const struct row_verdict {
	const char	*id;
	enum severity	 severity;
	bool		(*match)(const struct model *, const struct row *);
	const char	*summary;
} row_verdicts[] = {
	{ "duplicate-mac", SEVERITY_WARNING, verdict_row_dup_mac,
	  "Running VMs share a MAC address, so they get one lease and "
	  "fight over it; give each NIC its own mac=." },
	{ "default-mac", SEVERITY_WARNING, verdict_row_default_mac,
	  "A VM NIC has no mac= and runs on QEMU's default "
	  "52:54:00:12:34:56, which every such VM shares; give it its own "
	  "mac=." },
	{ "duplicate-ip", SEVERITY_WARNING, verdict_row_dup_ip,
	  "Two unexpired leases hold the same address for different "
	  "clients." },
	{ "lease-without-mac", SEVERITY_INFO, verdict_row_no_mac,
	  "A lease names its client by a DUID, not a MAC, so no VM can be "
	  "matched to it; set `dhcp-identifier: mac` in the guest's netplan "
	  "(or ClientIdentifier=mac for systemd-networkd)." },
};

/* NICs that collide: shared MACs, QEMU's default MAC, shared IPs. */
static void
verdicts_vm_collisions(const struct model *m, struct verdict_list *out)
{
	const struct row_verdict *rv;
	struct verdict *v;
	size_t i;

	for (i = 0; i < sizeof row_verdicts / sizeof row_verdicts[0]; i++) {
		rv = &row_verdicts[i];
		v = verdict_from_rows(m, out, rv->id, rv->severity, rv->match);
		if (v != NULL)
			snprintf(v->summary, sizeof v->summary, "%s",
			    rv->summary);
	}
}

/* Unexpired leases filling the subnet's range. */
static void
verdicts_pool(const struct model *m, struct verdict_list *out)
{
	const struct reconcile *r = &m->recon;
	struct verdict *v;
	char net[IP_STR_MAX];

	if (!r->pool_nearly_full || (v = verdict_add(out, "pool-exhaustion",
	    r->pool_used >= r->pool_size ? SEVERITY_CRITICAL :
	    SEVERITY_WARNING, NULL)) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "The DHCP pool is nearly "
	    "full: new VMs may get no address until old leases expire or "
	    "are removed.");
	snprintf(v->evidence, sizeof v->evidence, "%u of %u addresses in "
	    "%s/24 hold unexpired leases", r->pool_used, r->pool_size,
	    ip_format(net, r->subnet));
}

/* How long an exchange stays evidence for the exchange verdicts. */
#define VERDICT_RECENT	120.0	/* seconds */

/* Whether t's client got an ACK in a transaction that came after t. */
static bool
verdict_acked_later(const struct model *m, const struct txn *t)
{
	const struct txn *o;

	for (o = txn_newer(t); o != NULL; o = txn_newer(o))
		if (o->ack > 0 && o->hlen == t->hlen &&
		    memcmp(o->chaddr, t->chaddr, sizeof o->chaddr) == 0)
			return true;
	return false;
}

/* Recent exchanges that a test picks, named in the evidence. */
static size_t
verdict_txns(const struct model *m, char *buf, size_t size,
    bool (*match)(const struct model *, const struct txn *))
{
	const struct txn *t;
	char mac[MAC_STR_MAX], ip[IP_STR_MAX];
	size_t n = 0, hlen;

	for (t = txn_table_oldest(m->txns); t != NULL; t = txn_newer(t)) {
		if (m->now - t->last > VERDICT_RECENT || !match(m, t) ||
		    verdict_acked_later(m, t))
			continue;
		if (n++ >= EVIDENCE_CLIENTS)
			continue;
		hlen = t->hlen <= DHCP_CHADDR_LEN ? t->hlen : DHCP_CHADDR_LEN;
		verdict_append(buf, size, "%s%s xid 0x%08x from %s",
		    buf[0] ? "; " : "", mac_format(mac, t->chaddr, hlen),
		    t->xid, ip_format(ip, t->server));
	}
	if (n > EVIDENCE_CLIENTS)
		verdict_append(buf, size, "; and %zu more",
		    n - EVIDENCE_CLIENTS);
	return n;
}

static bool
verdict_txn_offer_untaken(const struct model *m, const struct txn *t)
{
	return t->offer > 0 && t->request == 0 && t->ack == 0 &&
	    m->now - t->last > m->window;
}

static bool
verdict_txn_nak(const struct model *m, const struct txn *t)
{
	return t->nak > 0 && t->ack == 0;
}

/* OFFERs that no REQUEST followed, and REQUESTs the server refused. */
static void
verdicts_exchanges(const struct model *m, struct verdict_list *out)
{
	char evidence[VERDICT_TEXT_MAX] = "";
	struct verdict *v;
	size_t n;

	n = verdict_txns(m, evidence, sizeof evidence,
	    verdict_txn_offer_untaken);
	if (n > 0 && (v = verdict_add(out, "offer-not-taken",
	    SEVERITY_WARNING, NULL)) != NULL) {
		snprintf(v->summary, sizeof v->summary, "A DHCP server "
		    "OFFERed an address but the client never REQUESTed it: "
		    "the OFFER did not reach the guest, or it declined it.");
		snprintf(v->evidence, sizeof v->evidence, "%s", evidence);
	}
	evidence[0] = '\0';
	n = verdict_txns(m, evidence, sizeof evidence, verdict_txn_nak);
	if (n > 0 && (v = verdict_add(out, "dhcp-nak", SEVERITY_WARNING,
	    NULL)) != NULL) {
		snprintf(v->summary, sizeof v->summary, "The DHCP server "
		    "refused (NAK) an address a client asked for, and the "
		    "client has not been given another since.");
		snprintf(v->evidence, sizeof v->evidence, "%s", evidence);
	}
}

/* The bridge's own address, network order, or 0 when unknown. */
static uint32_t
verdict_bridge_address(const struct model *m)
{
	struct in_addr a;

	if (m->iface.address[0] == '\0' ||
	    inet_pton(AF_INET, m->iface.address, &a) != 1)
		return 0;
	return a.s_addr;
}

/* Answers whose server is not the bridge itself. */
static void
verdicts_foreign_server(const struct model *m, struct verdict_list *out)
{
	const struct txn *t;
	uint32_t self = verdict_bridge_address(m), seen[EVIDENCE_CLIENTS];
	char ip[IP_STR_MAX], evidence[VERDICT_TEXT_MAX / 2] = "", name[64];
	size_t n = 0, i;
	struct verdict *v;

	for (t = txn_table_oldest(m->txns); self != 0 && t != NULL;
	    t = txn_newer(t)) {
		if (t->offer + t->ack + t->nak == 0 || t->server == 0 ||
		    t->server == self)
			continue;
		for (i = 0; i < n && seen[i] != t->server; i++)
			continue;
		if (i < n || n == EVIDENCE_CLIENTS)
			continue;
		seen[n++] = t->server;
		verdict_append(evidence, sizeof evidence, "%sserver %s",
		    n > 1 ? "; " : "", ip_format(ip, t->server));
	}
	if (n == 0 || (v = verdict_add(out, "foreign-dhcp-server",
	    SEVERITY_WARNING, NULL)) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "Another DHCP server answers "
	    "on the bridge: VMs may take addresses that are not the "
	    "bridge's.");
	sanitize_str(name, sizeof name, m->iface.name);
	snprintf(v->evidence, sizeof v->evidence, "%s answered; the bridge "
	    "%s is %s", evidence, name, ip_format(ip, self));
}

/* The bridge's subnet shared with another interface (macOS 26). */
static void
verdicts_subnet_overlap(const struct model *m, struct verdict_list *out)
{
	const struct netif_list *l = &m->netifs;
	const struct netif *br = NULL;
	char a[IP_STR_MAX], b[IP_STR_MAX], evidence[VERDICT_TEXT_MAX / 2] = "";
	struct verdict *v;
	size_t i;

	for (i = 0; i < l->count && br == NULL; i++)
		if (m->iface.name[0] && strcmp(l->items[i].name,
		    m->iface.name) == 0)
			br = &l->items[i];
	for (i = 0; br != NULL && i < l->count; i++) {
		if (strcmp(l->items[i].name, br->name) == 0 ||
		    !netifs_overlap(br, &l->items[i]))
			continue;
		verdict_append(evidence, sizeof evidence, "%s%s %s/%u",
		    evidence[0] ? "; " : "", l->items[i].name,
		    ip_format(a, l->items[i].addr),
		    netifs_prefix(l->items[i].mask));
	}
	if (evidence[0] == '\0' || (v = verdict_add(out, "subnet-overlap",
	    SEVERITY_WARNING, NULL)) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "The bridge's subnet "
	    "overlaps another interface's, so traffic for the VMs may leave "
	    "by the wrong interface.");
	snprintf(v->evidence, sizeof v->evidence, "%s %s/%u overlaps %s",
	    br->name, ip_format(b, br->addr), netifs_prefix(br->mask),
	    evidence);
}

/* Most severe first; the order within a severity is kept. */
static void
verdicts_sort(struct verdict_list *list)
{
	struct verdict tmp;
	size_t i, j;

	for (i = 1; i < list->count; i++) {
		tmp = list->items[i];
		for (j = i; j > 0 &&
		    list->items[j - 1].severity < tmp.severity; j--)
			list->items[j] = list->items[j - 1];
		list->items[j] = tmp;
	}
}

void
verdicts_compute(const struct model *m, struct verdict_list *out)
{
	out->count = 0;
	verdicts_interface(m, out);
	verdicts_unanswered(m, out);
	verdicts_firewall(m, out);
	verdicts_vm_leases(m, out);
	verdicts_vm_collisions(m, out);
	verdicts_pool(m, out);
	verdicts_exchanges(m, out);
	verdicts_foreign_server(m, out);
	verdicts_subnet_overlap(m, out);
	verdicts_sort(out);
}

int
verdicts_have_critical(const struct verdict_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (list->items[i].severity == SEVERITY_CRITICAL)
			return 1;
	return 0;
}

const char *
severity_name(enum severity s)
{
	switch (s) {
	case SEVERITY_INFO:	return "info";
	case SEVERITY_WARNING:	return "warning";
	case SEVERITY_CRITICAL:	return "critical";
	}
	return "unknown";
}

/* The triage report, as text for people or as one JSON object. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "model.h"
#include "report.h"
#include "sanitize.h"
#include "util.h"
#include "verdict.h"

#if defined(__APPLE__)
#define REPORT_PLATFORM "macos"
#elif defined(__linux__)
#define REPORT_PLATFORM "linux"
#else
#define REPORT_PLATFORM "other"
#endif

#define REPORT_TEXT_MAX	512

static int
report_txn_cmp(const void *a, const void *b)
{
	const struct txn *x = *(const struct txn *const *)a;
	const struct txn *y = *(const struct txn *const *)b;

	/* Ties (one timestamp for several) fall back to xid and client. */
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->xid != y->xid)
		return x->xid < y->xid ? -1 : 1;
	return memcmp(x->chaddr, y->chaddr, sizeof x->chaddr);
}

/* Transactions in the order they began, for both report forms. */
static const struct txn **
report_sorted_txns(const struct model *m, size_t *count)
{
	const struct txn **v, *t;
	size_t n = 0;

	v = xcalloc(txn_table_count(m->txns), sizeof *v);
	for (t = txn_table_oldest(m->txns); t != NULL; t = txn_newer(t))
		v[n++] = t;
	qsort(v, n, sizeof *v, report_txn_cmp);
	*count = n;
	return v;
}

static const char *
plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static size_t
report_hlen(const struct txn *t)
{
	return t->hlen <= DHCP_CHADDR_LEN ? t->hlen : DHCP_CHADDR_LEN;
}

/* JSON string of untrusted text, or null when empty. */
static json_t *
json_text(const char *s)
{
	char clean[REPORT_TEXT_MAX];

	if (s == NULL || s[0] == '\0')
		return json_null();
	sanitize_str(clean, sizeof clean, s);
	return json_string(clean);
}

static json_t *
json_ip(uint32_t addr)
{
	char buf[IP_STR_MAX];

	return addr == 0 ? json_null() : json_string(ip_format(buf, addr));
}

/* Times to the microsecond, latencies to the microsecond too. */
static json_t *
json_time(double t)
{
	return t <= 0 ? json_null() : json_real(round(t * 1e6) / 1e6);
}

static json_t *
report_json_interface(const struct model *m)
{
	const struct iface_info *i = &m->iface;

	return json_pack("{s:o, s:s, s:o, s:o, s:I, s:I, s:I}",
	    "name", json_text(i->name),
	    "state", iface_state_name(i->state),
	    "error", json_text(i->error),
	    "address", json_text(i->address),
	    "attaches", (json_int_t)i->attaches,
	    "losses", (json_int_t)i->losses,
	    "drops", (json_int_t)i->drops);
}

static json_t *
report_json_txn(const struct model *m, const struct txn *t)
{
	char mac[MAC_STR_MAX], xid[16];

	snprintf(xid, sizeof xid, "0x%08x", t->xid);
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:o, s:o, "
	    "s:b, s:o, s:o, s:o, s:b}",
	    "xid", xid,
	    "mac", mac_format(mac, t->chaddr, report_hlen(t)),
	    "discover", (json_int_t)t->discover,
	    "offer", (json_int_t)t->offer,
	    "request", (json_int_t)t->request,
	    "ack", (json_int_t)t->ack,
	    "nak", (json_int_t)t->nak,
	    "first", json_time(t->first),
	    "last", json_time(t->last),
	    "answered", t->answered,
	    "answer_ms", t->answer_ms < 0 ? json_null() :
		json_real(round(t->answer_ms * 1000) / 1000),
	    "yiaddr", json_ip(t->yiaddr),
	    "server", json_ip(t->server),
	    "unanswered", txn_is_unanswered(t, m->now, m->window));
}

static json_t *
report_json_dhcp(const struct model *m)
{
	const struct txn **txns;
	json_t *list = json_array();
	size_t n, i;

	txns = report_sorted_txns(m, &n);
	for (i = 0; i < n; i++)
		json_array_append_new(list, report_json_txn(m, txns[i]));
	free(txns);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}",
	    "packets", (json_int_t)m->stats.packets,
	    "decode_errors", (json_int_t)m->stats.decode_errors,
	    "fragments", (json_int_t)m->stats.fragments,
	    "truncated", (json_int_t)m->stats.truncated,
	    "unanswered", (json_int_t)model_count_unanswered(m),
	    "transactions", list);
}

static json_t *
report_json_verdicts(const struct verdict_list *v)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < v->count; i++)
		json_array_append_new(list, json_pack(
		    "{s:s, s:s, s:s, s:s, s:o}",
		    "id", v->items[i].id,
		    "severity", severity_name(v->items[i].severity),
		    "summary", v->items[i].summary,
		    "evidence", v->items[i].evidence,
		    "fix", v->items[i].fix != NULL ?
			json_string(v->items[i].fix) : json_null()));
	return list;
}

static json_t *
json_flag(enum fw_flag f)
{
	return f == FW_UNSEEN ? json_null() : json_boolean(f == FW_YES);
}

/* The firewall's recent samples, oldest first. */
static json_t *
report_json_fw_samples(const struct firewall *fw)
{
	const struct fw_sample *s;
	json_t *list = json_array();
	size_t i;

	for (i = 0; (s = firewall_sample_at(fw, i)) != NULL; i++)
		json_array_append_new(list, json_pack("{s:o, s:s}",
		    "t", json_time(s->t),
		    "state", firewall_state_name(s->state)));
	return list;
}

/* The firewall and the bootpd rule; all null without a backend. */
static void
report_json_firewall(json_t *root, const struct model *m)
{
	const struct firewall *fw = &m->fw;
	struct fw_rule rule;
	bool probed = fw->backend != NULL;

	firewall_rule(fw, model_count_unanswered(m), &rule);
	json_object_set_new(root, "firewall", json_pack(
	    "{s:o, s:s, s:o, s:o, s:I, s:b, s:b, s:o}",
	    "backend", probed ? json_string(fw->backend) : json_null(),
	    "state", firewall_state_name(fw->state),
	    "reason", fw->reason[0] != '\0' ? json_string(fw->reason) :
		json_null(),
	    "since", json_time(fw->since),
	    "changes", (json_int_t)fw->changes,
	    "flapping", fw->flapping,
	    "managed", fw->managed,
	    "samples", report_json_fw_samples(fw)));
	json_object_set_new(root, "dhcp_rule", json_pack(
	    "{s:o, s:o, s:o, s:o, s:o}",
	    "subject", probed ? json_string(rule.subject) : json_null(),
	    "listed", json_flag(rule.listed),
	    "allowed", json_flag(rule.allowed),
	    "allow_signed_builtin", json_flag(rule.allow_builtin),
	    "verdict", probed ? json_string(firewall_rule_verdict_name(
		rule.verdict)) : json_null()));
}

/* A string the parsers already sanitised, or null when empty. */
static json_t *
json_clean(const char *s)
{
	return s[0] == '\0' ? json_null() : json_string(s);
}

static json_t *
json_mac(const uint8_t *mac, bool has)
{
	char buf[MAC_STR_MAX];

	return has ? json_string(mac_format(buf, mac, HWADDR_LEN)) :
	    json_null();
}

static json_t *
report_json_lease(const struct lease *l, double now)
{
	char id[LEASE_ID_MAX * 3];

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:b}",
	    "ip", json_ip(l->ip),
	    "mac", json_mac(l->mac, l->has_mac),
	    "identifier", l->id_len > 0 ?
		json_string(hwaddr_format_hex(id, sizeof id, l->id,
		l->id_len)) :
		json_null(),
	    "name", json_clean(l->name),
	    "expires", l->has_expiry ? json_integer((json_int_t)l->expires) :
		json_null(),
	    "expired", lease_is_expired(l, now));
}

static json_t *
report_json_vm(const struct vm *vm)
{
	json_t *nics = json_array();
	size_t i;

	for (i = 0; i < vm->nnics; i++)
		json_array_append_new(nics, json_pack("{s:o, s:o, s:b}",
		    "mac", json_mac(vm->nics[i].mac, vm->nics[i].has_mac),
		    "backend", json_clean(vm->nics[i].backend),
		    "default_mac", vm->nics[i].default_mac));
	return json_pack("{s:i, s:o, s:o, s:o}", "pid", vm->pid,
	    "name", json_clean(vm->label), "program", json_clean(vm->program),
	    "nics", nics);
}

static json_t *
report_json_row(const struct model *m, const struct row *r)
{
	const struct vm *vm = r->vm >= 0 ? &m->vms.items[r->vm] : NULL;
	const struct lease *l = r->lease >= 0 ?
	    &m->leases.table.items[r->lease] : NULL;

	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:b, s:b}",
	    "status", row_status_name(r->status),
	    "mac", json_mac(r->mac, r->has_mac),
	    "ip", json_ip(r->ip),
	    "vm_pid", vm ? json_integer(vm->pid) : json_null(),
	    "vm_name", vm ? json_clean(vm->label) : json_null(),
	    "lease_name", l ? json_clean(l->name) : json_null(),
	    "dhcp_seen", r->dhcp_seen,
	    "dhcp_answered", r->dhcp_answered);
}

/* Where the leases came from, and whether they are current. */
static json_t *
report_json_lease_file(const struct model *m)
{
	const struct lease_state *s = &m->leases;
	const struct reconcile *r = &m->recon;
	char net[IP_STR_MAX];

	return json_pack("{s:o, s:s, s:s, s:o, s:o, s:I, s:I, s:I, "
	    "s:{s:o, s:i, s:i, s:b}}",
	    "path", json_text(s->path),
	    "format", lease_format_name(s->table.format),
	    "state", lease_file_state_name(s->state),
	    "reason", json_text(s->reason),
	    "read_at", json_time(s->read_at),
	    "count", (json_int_t)s->table.count,
	    "dropped", (json_int_t)s->table.dropped,
	    "bad_lines", (json_int_t)s->table.bad_lines,
	    "pool", "subnet", r->subnet ?
		json_string(ip_format(net, r->subnet)) : json_null(),
	    "size", (int)r->pool_size, "used", (int)r->pool_used,
	    "nearly_full", r->pool_nearly_full);
}

/* Leases, VM processes and the rows that join them. */
static void
report_json_vms_leases(json_t *root, const struct model *m)
{
	json_t *leases = json_array(), *vms = json_array();
	json_t *rows = json_array();
	size_t i;

	for (i = 0; i < m->leases.table.count; i++)
		json_array_append_new(leases, report_json_lease(
		    &m->leases.table.items[i], m->recon.now));
	for (i = 0; i < m->vms.count; i++)
		json_array_append_new(vms, report_json_vm(&m->vms.items[i]));
	for (i = 0; i < m->recon.count; i++)
		json_array_append_new(rows, report_json_row(m,
		    &m->recon.rows[i]));
	json_object_set_new(root, "lease_file", report_json_lease_file(m));
	json_object_set_new(root, "leases", leases);
	json_object_set_new(root, "vms", vms);
	json_object_set_new(root, "rows", rows);
}

int
report_json(FILE *f, const struct model *m, const struct verdict_list *v)
{
	json_t *root = json_object();
	int rc;

	json_object_set_new(root, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(root, "platform", json_string(REPORT_PLATFORM));
	json_object_set_new(root, "time", json_time(m->now));
	json_object_set_new(root, "verdicts", report_json_verdicts(v));
	json_object_set_new(root, "interface", report_json_interface(m));
	report_json_firewall(root, m);
	report_json_vms_leases(root, m);
	json_object_set_new(root, "dhcp", report_json_dhcp(m));
	rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(16));
	fputc('\n', f);
	json_decref(root);
	return rc;
}

static void
report_text_verdicts(FILE *f, const struct verdict_list *v)
{
	size_t i;

	if (v->count == 0) {
		fputs("No problems found.\n", f);
		return;
	}
	for (i = 0; i < v->count; i++) {
		fprintf(f, "%-8s %s: %s\n",
		    severity_name(v->items[i].severity), v->items[i].id,
		    v->items[i].summary);
		if (v->items[i].evidence[0] != '\0')
			fprintf(f, "         evidence: %s\n",
			    v->items[i].evidence);
	}
}

static void
report_text_interface(FILE *f, const struct model *m)
{
	const struct iface_info *i = &m->iface;
	char name[REPORT_TEXT_MAX], error[REPORT_TEXT_MAX];

	sanitize_str(name, sizeof name, i->name[0] ? i->name : "(none)");
	sanitize_str(error, sizeof error, i->error);
	if (i->state == IFACE_FILE || i->state == IFACE_FILE_DONE)
		fprintf(f, "\nCapture file: %s%s\n", name,
		    i->state == IFACE_FILE_DONE && error[0] == '\0' ?
		    ", read to the end" : "");
	else
		fprintf(f, "\nInterface: %s%s%s%s, %s; attached %u times, "
		    "lost %u, dropped %lu\n", name, i->address[0] ? " (" : "",
		    i->address, i->address[0] ? ")" : "",
		    iface_state_name(i->state), i->attaches, i->losses,
		    i->drops);
	if (error[0] != '\0')
		fprintf(f, "  %s\n", error);
}

static void
report_text_txn(FILE *f, const struct model *m, const struct txn *t)
{
	char mac[MAC_STR_MAX], ip[IP_STR_MAX], answer[32];

	if (txn_is_unanswered(t, m->now, m->window))
		snprintf(answer, sizeof answer, "UNANSWERED");
	else if (t->answer_ms >= 0)
		snprintf(answer, sizeof answer, "%.*f ms",
		    t->answer_ms < 10 ? 1 : 0, t->answer_ms);
	else
		snprintf(answer, sizeof answer, t->npending ? "waiting" : "-");
	fprintf(f, "  0x%08x  %-17s %3u %3u %3u %3u %3u  %-10s  %s\n",
	    t->xid, mac_format(mac, t->chaddr, report_hlen(t)), t->discover,
	    t->offer, t->request, t->ack, t->nak, answer,
	    t->yiaddr ? ip_format(ip, t->yiaddr) : "-");
}

/* The firewall's state, its samples and the bootpd rule, when probed. */
static void
report_text_firewall(FILE *f, const struct model *m)
{
	const struct firewall *fw = &m->fw;
	const struct fw_sample *s;
	struct fw_rule rule;
	static const char *const flag[] = { "unknown", "no", "yes" };
	size_t i;

	if (fw->backend == NULL)
		return;
	fprintf(f, "\nFirewall (%s): %s for %.0f s, %u changes%s\n",
	    fw->backend, firewall_state_name(fw->state),
	    fw->updated - fw->since, fw->changes,
	    fw->flapping ? ", FLAPPING" : "");
	if (fw->reason[0] != '\0')
		fprintf(f, "  %s\n", fw->reason);
	fputs("  samples: ", f);
	for (i = 0; (s = firewall_sample_at(fw, i)) != NULL; i++)
		fputc(firewall_state_char(s->state), f);
	fputs(" (_ off, # on, B block-all, ? unknown)\n", f);
	firewall_rule(fw, model_count_unanswered(m), &rule);
	fprintf(f, "  %s: listed %s, allowed %s, allow built-in signed "
	    "software %s: %s\n", rule.subject, flag[rule.listed],
	    flag[rule.allowed], flag[rule.allow_builtin],
	    firewall_rule_verdict_name(rule.verdict));
}

/* One row: status, MAC, address, VM and lease name. */
static void
report_text_row(FILE *f, const struct model *m, const struct row *r)
{
	char mac[MAC_STR_MAX], ip[IP_STR_MAX], vm[VM_NAME_MAX + 16];
	const struct vm *p = r->vm >= 0 ? &m->vms.items[r->vm] : NULL;
	const struct lease *l = r->lease >= 0 ?
	    &m->leases.table.items[r->lease] : NULL;

	if (p != NULL)
		snprintf(vm, sizeof vm, "%.60s [%d]", p->label, p->pid);
	else
		snprintf(vm, sizeof vm, "-");
	fprintf(f, "  %-17s %-17s %-15s %-24s %s\n",
	    row_status_name(r->status),
	    r->has_mac ? mac_format(mac, r->mac, HWADDR_LEN) : "-",
	    r->ip ? ip_format(ip, r->ip) : "-", vm,
	    l != NULL && l->name[0] ? l->name : "-");
}

/* The lease file, the VMs and their rows, when there is any of them. */
static void
report_text_leases(FILE *f, const struct model *m)
{
	const struct lease_state *s = &m->leases;
	char path[REPORT_TEXT_MAX], reason[REPORT_TEXT_MAX];
	size_t i;

	if (s->state == LEASE_FILE_NONE && m->vms.count == 0 &&
	    m->recon.count == 0)
		return;
	sanitize_str(path, sizeof path, s->path[0] ? s->path : "(none)");
	sanitize_str(reason, sizeof reason, s->reason);
	fprintf(f, "\nLeases: %s, %s, %s; %zu %s\n", path,
	    lease_format_name(s->table.format),
	    lease_file_state_name(s->state), s->table.count,
	    plural(s->table.count, "lease", "leases"));
	if (reason[0] != '\0')
		fprintf(f, "  %s\n", reason);
	if (m->recon.pool_size > 0)
		fprintf(f, "  pool: %u of %u addresses leased%s\n",
		    m->recon.pool_used, m->recon.pool_size,
		    m->recon.pool_nearly_full ? ", NEARLY FULL" : "");
	fprintf(f, "VMs: %zu running\n", m->vms.count);
	if (m->recon.count > 0)
		fprintf(f, "  %-17s %-17s %-15s %-24s %s\n", "STATUS", "MAC",
		    "ADDRESS", "VM [PID]", "LEASE NAME");
	for (i = 0; i < m->recon.count; i++)
		report_text_row(f, m, &m->recon.rows[i]);
}

void
report_text(FILE *f, const struct model *m, const struct verdict_list *v)
{
	const struct txn **txns;
	size_t n, i;

	report_text_verdicts(f, v);
	report_text_interface(f, m);
	report_text_firewall(f, m);
	report_text_leases(f, m);
	txns = report_sorted_txns(m, &n);
	fprintf(f, "\nDHCP: %lu %s, %lu decode %s, %zu %s, %zu unanswered\n",
	    m->stats.packets, plural(m->stats.packets, "packet", "packets"),
	    m->stats.decode_errors,
	    plural(m->stats.decode_errors, "error", "errors"), n,
	    plural(n, "transaction", "transactions"),
	    model_count_unanswered(m));
	if (n > 0)
		fprintf(f, "  %-10s  %-17s %3s %3s %3s %3s %3s  %-10s  %s\n",
		    "XID", "CLIENT", "DIS", "OFF", "REQ", "ACK", "NAK",
		    "ANSWER", "ADDRESS");
	for (i = 0; i < n; i++)
		report_text_txn(f, m, txns[i]);
	free(txns);
}

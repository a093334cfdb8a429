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

/* Transactions in the order they began, for both report forms. */
static const struct txn **
report_sorted_txns(const struct model *m, size_t *count)
{
	const struct txn **v, *t;
	size_t n = 0, i, j;

	v = xcalloc(txn_table_count(m->txns), sizeof *v);
	for (t = txn_table_oldest(m->txns); t != NULL; t = txn_newer(t))
		v[n++] = t;
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && v[j - 1]->first > t->first; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	*count = n;
	return v;
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

/* Sources that later parts of the dashboard fill; present but empty. */
static void
report_json_pending_sources(json_t *root)
{
	json_object_set_new(root, "firewall", json_pack(
	    "{s:n, s:s, s:n, s:i, s:b, s:[]}", "backend", "state",
	    "unknown", "since", "changes", 0, "flapping", 0, "samples"));
	json_object_set_new(root, "dhcp_rule", json_pack(
	    "{s:n, s:n, s:n, s:n, s:n}", "subject", "listed", "allowed",
	    "allow_signed_builtin", "verdict"));
	json_object_set_new(root, "leases", json_array());
	json_object_set_new(root, "vms", json_array());
	json_object_set_new(root, "rows", json_array());
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
	report_json_pending_sources(root);
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

void
report_text(FILE *f, const struct model *m, const struct verdict_list *v)
{
	const struct txn **txns;
	size_t n, i;

	report_text_verdicts(f, v);
	report_text_interface(f, m);
	txns = report_sorted_txns(m, &n);
	fprintf(f, "\nDHCP: %lu packets, %lu decode errors, %zu "
	    "transactions, %zu unanswered\n", m->stats.packets,
	    m->stats.decode_errors, n, model_count_unanswered(m));
	if (n > 0)
		fprintf(f, "  %-10s  %-17s %3s %3s %3s %3s %3s  %-10s  %s\n",
		    "XID", "CLIENT", "DIS", "OFF", "REQ", "ACK", "NAK",
		    "ANSWER", "ADDRESS");
	for (i = 0; i < n; i++)
		report_text_txn(f, m, txns[i]);
	free(txns);
}

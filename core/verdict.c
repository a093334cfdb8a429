/* Verdicts: one-sentence explanations of what the model shows. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "sanitize.h"
#include "util.h"
#include "verdict.h"

#define EVIDENCE_CLIENTS	4	/* clients named in one evidence line */

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

/* Requests that nobody answered within the window. */
static void
verdicts_unanswered(const struct model *m, struct verdict_list *out)
{
	const struct txn *t;
	struct verdict *v;
	size_t n = model_count_unanswered(m), shown = 0;

	if (n == 0 || (v = verdict_add(out, "dhcp-unanswered",
	    SEVERITY_CRITICAL, NULL)) == NULL)
		return;
	snprintf(v->summary, sizeof v->summary, "%zu DHCP %s got no answer "
	    "within %.0f s: no DHCP server is answering on %s.", n,
	    n == 1 ? "request" : "requests", m->window,
	    m->iface.state == IFACE_UP ? "this bridge" : "the capture");
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

/* Verdicts: one-sentence explanations of what the model shows. */
#ifndef VMNW_VERDICT_H
#define VMNW_VERDICT_H

#include <stddef.h>

struct model;

enum severity {
	SEVERITY_INFO,
	SEVERITY_WARNING,
	SEVERITY_CRITICAL,
};

#define VERDICT_MAX		32
#define VERDICT_TEXT_MAX	512

struct verdict {
	const char	*id;	/* stable, e.g. "dhcp-unanswered" */
	enum severity	 severity;
	char		 summary[VERDICT_TEXT_MAX];
	char		 evidence[VERDICT_TEXT_MAX];
	const char	*fix;		/* fix id, or NULL */
};

struct verdict_list {
	struct verdict	items[VERDICT_MAX];
	size_t		count;
};

/* Derive the verdicts that the model supports now, most severe first. */
void verdicts_compute(const struct model *m, struct verdict_list *out);

/* Whether any verdict is critical. */
int verdicts_have_critical(const struct verdict_list *list);

const char *severity_name(enum severity s);

#endif

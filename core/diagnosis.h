/* Verdicts over time: shown at once, kept a while after they clear. */
#ifndef VMNW_DIAGNOSIS_H
#define VMNW_DIAGNOSIS_H

#include <stdbool.h>

#include "verdict.h"

#define DIAGNOSIS_HOLD	5.0	/* seconds a cleared verdict stays */

struct diag_entry {
	struct verdict	v;		/* its latest wording */
	double		first;		/* when it appeared */
	double		last;	/* when its evidence was last seen */
	bool		live;		/* in the latest computation */
};

struct diagnosis {
	struct diag_entry	items[VERDICT_MAX];
	size_t			count;
	double			hold;
};

void diagnosis_init(struct diagnosis *d, double hold);

/*
 * Merge the verdicts computed at time now (any clock, as long as it is
 * the same one every call). A new verdict shows at once; one whose
 * evidence went stays hold seconds, with its last wording, so that
 * nothing flickers. shown gets what to show, most severe first.
 */
void diagnosis_update(struct diagnosis *d, const struct verdict_list *fresh,
    double now, struct verdict_list *shown);

/* Whether a shown verdict is only held (its evidence has gone). */
bool diagnosis_fading(const struct diagnosis *d, const char *id);

#endif

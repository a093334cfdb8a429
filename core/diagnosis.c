/* Verdicts over time: shown at once, kept a while after they clear. */
#include "config.h"

#include <string.h>

#include "diagnosis.h"

/* No verdicts yet; cleared ones stay hold seconds. */
void
diagnosis_init(struct diagnosis *d, double hold)
{
	memset(d, 0, sizeof *d);
	d->hold = hold;
}

/* The entry of a verdict id, or NULL. */
static struct diag_entry *
diagnosis_find(const struct diagnosis *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		if (strcmp(d->items[i].v.id, id) == 0)
			return (struct diag_entry *)&d->items[i];
	return NULL;
}

/* Take in the fresh verdicts: refresh the known, add the new. */
static void
diagnosis_merge(struct diagnosis *d, const struct verdict_list *fresh,
    double now)
{
	struct diag_entry *e;
	size_t i;

	for (i = 0; i < d->count; i++)
		d->items[i].live = false;
	for (i = 0; i < fresh->count; i++) {
		e = diagnosis_find(d, fresh->items[i].id);
		if (e == NULL) {
			if (d->count == VERDICT_MAX)
				continue;
			e = &d->items[d->count++];
			e->first = now;
		}
		e->v = fresh->items[i];
		e->last = now;
		e->live = true;
	}
}

/* Forget what has been gone longer than the hold. */
static void
diagnosis_expire(struct diagnosis *d, double now)
{
	size_t i, kept = 0;

	for (i = 0; i < d->count; i++) {
		if (!d->items[i].live && now - d->items[i].last >= d->hold)
			continue;
		d->items[kept++] = d->items[i];
	}
	d->count = kept;
}

/* Most severe first; among equals, the order they appeared in. */
static void
diagnosis_list(const struct diagnosis *d, struct verdict_list *shown)
{
	struct verdict tmp;
	size_t i, j;

	shown->count = 0;
	for (i = 0; i < d->count; i++)
		shown->items[shown->count++] = d->items[i].v;
	for (i = 1; i < shown->count; i++) {
		tmp = shown->items[i];
		for (j = i; j > 0 &&
		    shown->items[j - 1].severity < tmp.severity; j--)
			shown->items[j] = shown->items[j - 1];
		shown->items[j] = tmp;
	}
}

/* The verdicts to show now, held against flicker. */
void
diagnosis_update(struct diagnosis *d, const struct verdict_list *fresh,
    double now, struct verdict_list *shown)
{
	diagnosis_merge(d, fresh, now);
	diagnosis_expire(d, now);
	diagnosis_list(d, shown);
}

/* Held verdicts are drawn dimmed. */
bool
diagnosis_fading(const struct diagnosis *d, const char *id)
{
	const struct diag_entry *e = diagnosis_find(d, id);

	return e != NULL && !e->live;
}

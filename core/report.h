/* The triage report, as text for people or as one JSON object. */
#ifndef VMNW_REPORT_H
#define VMNW_REPORT_H

#include <stdio.h>

struct model;
struct verdict_list;

void report_text(FILE *f, const struct model *m,
    const struct verdict_list *v);
int report_json(FILE *f, const struct model *m,
    const struct verdict_list *v);

#endif

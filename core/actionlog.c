/* The action log: every fix attempt, kept in the user's state folder. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "actionlog.h"
#include "util.h"
#include "sanitize.h"

#define ACTIONLOG_LINE_MAX	(ACTION_ARG_MAX * ACTION_ARGS * 2)

/* Beside the other state of vmnetwatch, per platform. */
int
actionlog_path(char *dst, size_t size)
{
	return state_file_path(dst, size, "actions.log");
}

/* A command's output, each line sanitized and indented by "    | ". */
static void
actionlog_output(FILE *f, const struct step_result *s)
{
	char line[ACTION_OUT_MAX * 4];
	size_t start = 0, end;

	while (start < s->outlen) {
		for (end = start; end < s->outlen && s->out[end] != '\n';
		    end++)
			continue;
		sanitize_bytes(line, sizeof line, (const uint8_t *)s->out +
		    start, end - start);
		fprintf(f, "    | %s\n", line);
		start = end + 1;
	}
}

/* How a command ended, in words. */
static void
actionlog_status(FILE *f, const struct step_result *s)
{
	if (!s->ran)
		fprintf(f, "    could not start\n");
	else if (s->timed_out)
		fprintf(f, "    timed out; killed\n");
	else if (WIFSIGNALED(s->status))
		fprintf(f, "    killed by signal %d\n", WTERMSIG(s->status));
	else
		fprintf(f, "    exit %d\n", WEXITSTATUS(s->status));
}

/* Every command planned; those that ran with what they did. */
static void
actionlog_steps(FILE *f, const struct action_plan *plan,
    const struct action_result *res)
{
	char raw[ACTIONLOG_LINE_MAX], clean[ACTIONLOG_LINE_MAX];
	size_t i;

	for (i = 0; i < plan->nsteps; i++) {
		action_step_format(&plan->steps[i], raw, sizeof raw);
		sanitize_str(clean, sizeof clean, raw);
		fprintf(f, "  $ %s\n", clean);
		if (res == NULL || i >= res->nsteps) {
			fprintf(f, "    not run\n");
			continue;
		}
		actionlog_output(f, &res->steps[i]);
		actionlog_status(f, &res->steps[i]);
	}
}

/* One attempt, appended whole, so the log is a history. */
int
actionlog_append(const char *path, double when, const char *mode,
    const struct action_plan *plan, const struct action_result *res,
    const char *outcome, const char *why)
{
	char stamp[32], text[ACTION_NOTE_MAX * 2];
	time_t t = (time_t)when;
	struct tm tm;
	FILE *f;

	make_parent_dirs(path);
	f = fopen(path, "a");
	if (f == NULL)
		return -1;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, "%s %s (%s)\n", stamp, plan->fix >= 0 && plan->fix <
	    FIX_COUNT ? fix_table[plan->fix].name : "?", mode);
	if (plan->note[0] != '\0') {
		sanitize_str(text, sizeof text, plan->note);
		fprintf(f, "  note: %s\n", text);
	}
	actionlog_steps(f, plan, res);
	sanitize_str(text, sizeof text, why != NULL ? why : "");
	fprintf(f, "  result: %s%s%s\n", outcome, text[0] ? ": " : "", text);
	return fclose(f) == 0 ? 0 : -1;
}

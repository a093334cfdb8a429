/* The log: off by default, a file per run with -v, never the screen. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "log.h"
#include "sanitize.h"
#include "util.h"

#define LOG_LINE_MAX	1024

static FILE	*log_file;
static int	 log_verbosity;
static char	 log_where[1024];

int
log_open(const char *path, int verbosity, char *err, size_t errsize)
{
	if (verbosity <= 0)
		return 0;
	if (path != NULL)
		snprintf(log_where, sizeof log_where, "%s", path);
	else if (state_file_path(log_where, sizeof log_where,
	    "vmnetwatch.log") != 0) {
		snprintf(err, errsize, "no place for the log: set HOME");
		return -1;
	}
	make_parent_dirs(log_where);
	log_file = fopen(log_where, "a");
	if (log_file == NULL) {
		snprintf(err, errsize, "cannot open the log %s: %s",
		    log_where, strerror(errno));
		return -1;
	}
	setvbuf(log_file, NULL, _IOLBF, 0);
	log_verbosity = verbosity;
	return 0;
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	log_verbosity = 0;
}

const char *
log_path(void)
{
	return log_file != NULL ? log_where : NULL;
}

void
log_msg(int level, const char *fmt, ...)
{
	char raw[LOG_LINE_MAX], clean[LOG_LINE_MAX], stamp[32];
	struct timespec now;
	struct tm tm;
	va_list ap;

	if (log_file == NULL || level > log_verbosity)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	sanitize_str(clean, sizeof clean, raw);
	clock_gettime(CLOCK_REALTIME, &now);
	localtime_r(&now.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ld %s\n", stamp, now.tv_nsec / 1000000,
	    clean);
}

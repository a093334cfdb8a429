/* Command-line options. */
#ifndef VMNW_OPTIONS_H
#define VMNW_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

struct options {
	const char	*interface;	/* -i; NULL: discover */
	const char	*read_path;	/* -r */
	const char	*write_path;	/* -w */
	const char	*leases_path;	/* -l */
	const char	*socketfilterfw; /* --socketfilterfw */
	const char	*theme;		/* -t */
	double		 poll;		/* --poll, seconds */
	double		 duration;	/* --duration, seconds */
	bool		 duration_set;
	double		 window;	/* --window, seconds */
	bool		 report;
	bool		 json;
	bool		 read_only;
	bool		 dry_run;
	int		 verbose;	/* -v count */
	const char	*log_path;	/* --log */
	bool		 help;
	bool		 version;
};

enum options_result {
	OPTIONS_OK,
	OPTIONS_EXIT,		/* --help or --version handled */
	OPTIONS_USAGE,		/* bad usage; message printed */
};

/* Parse argv into opts; messages go to err. */
enum options_result options_parse(struct options *opts, int argc,
    char **argv, FILE *out, FILE *err);

void options_usage(FILE *f);

#endif

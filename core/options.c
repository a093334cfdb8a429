/* Command-line options. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "options.h"

#define OPTIONS_SECONDS_MAX	(7 * 24 * 3600.0)
#define OPTIONS_POLL_MIN	0.1 /* a probe is a process: not faster */

enum {
	OPT_SOCKETFILTERFW = 256,
	OPT_POLL,
	OPT_REPORT,
	OPT_JSON,
	OPT_READ_ONLY,
	OPT_DRY_RUN,
	OPT_DURATION,
	OPT_WINDOW,
	OPT_LOG,
};

static const struct option options_long[] = {
	{ "interface", required_argument, NULL, 'i' },
	{ "read", required_argument, NULL, 'r' },
	{ "write", required_argument, NULL, 'w' },
	{ "leases", required_argument, NULL, 'l' },
	{ "theme", required_argument, NULL, 't' },
	{ "socketfilterfw", required_argument, NULL, OPT_SOCKETFILTERFW },
	{ "poll", required_argument, NULL, OPT_POLL },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void
options_usage(FILE *f)
{
	fputs(
"usage: vmnetwatch [options]\n"
"Watch DHCP on the VM bridge and say why a VM gets no address.\n"
"\n"
"  -i, --interface IF      capture on IF (default: find the VM bridge)\n"
"  -r, --read FILE         read a pcap or pcapng file instead\n"
"  -w, --write FILE        also save every DHCP packet to FILE\n"
"  -l, --leases FILE       lease file (bootpd, dnsmasq, libvirt JSON)\n"
"      --socketfilterfw P  the macOS firewall program to probe\n"
"      --poll SECONDS      firewall probe interval (default 1)\n"
"  -t, --theme NAME|FILE   colour theme\n"
"      --report            no screen: watch, print a report, exit\n"
"      --json              with --report: print one JSON object\n"
"      --duration SECONDS  how long --report watches (default 5;\n"
"                          with -r the whole file unless given)\n"
"      --window SECONDS    wait before a request is UNANSWERED "
"(default 3)\n"
"      --read-only         no fix keys\n"
"      --dry-run           fix keys show commands but run nothing\n"
"  -v, --verbose           more logging, to the log file\n"
"      --log FILE          the log file\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n"
"\n"
"--report exits 0 when nothing critical stands, 1 when something does,\n"
"2 on a usage error and 3 when it could not run.\n", f);
}

/*
 * A decimal number of seconds within sane bounds; low is exclusive if
 * strict. Hexadecimal, which strtod() also takes, is refused.
 */
static int
options_seconds(const char *arg, const char *name, double low, bool strict,
    double *out, FILE *err)
{
	char *end;
	double v;

	v = strtod(arg, &end);
	if (end == arg || *end != '\0' || !isfinite(v) ||
	    strpbrk(arg, "xX") != NULL ||
	    v > OPTIONS_SECONDS_MAX || v < low || (strict && v == low)) {
		fprintf(err, "vmnetwatch: --%s wants a number of seconds "
		    "%s %g, not '%s'\n", name, strict ? "above" : "from",
		    low, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static void
options_defaults(struct options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->poll = 1.0;
	opts->duration = 5.0;
	opts->window = 3.0;
}

/* The long name of an option, for messages. */
static const char *
options_name(int c)
{
	const struct option *o;

	for (o = options_long; o->name != NULL; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

/* Handle one option; -1 on a bad value. */
static int
options_take(struct options *opts, int c, const char *arg, FILE *err)
{
	if (arg != NULL && arg[0] == '\0') {
		fprintf(err, "vmnetwatch: --%s was given an empty value\n",
		    options_name(c));
		return -1;
	}
	switch (c) {
	case 'i': opts->interface = arg; break;
	case 'r': opts->read_path = arg; break;
	case 'w': opts->write_path = arg; break;
	case 'l': opts->leases_path = arg; break;
	case 't': opts->theme = arg; break;
	case 'v': opts->verbose++; break;
	case 'h': opts->help = true; break;
	case 'V': opts->version = true; break;
	case OPT_SOCKETFILTERFW: opts->socketfilterfw = arg; break;
	case OPT_REPORT: opts->report = true; break;
	case OPT_JSON: opts->json = true; break;
	case OPT_READ_ONLY: opts->read_only = true; break;
	case OPT_DRY_RUN: opts->dry_run = true; break;
	case OPT_LOG: opts->log_path = arg; break;
	case OPT_POLL:
		return options_seconds(arg, "poll", OPTIONS_POLL_MIN, false,
		    &opts->poll, err);
	case OPT_WINDOW:
		return options_seconds(arg, "window", 0, true, &opts->window,
		    err);
	case OPT_DURATION:
		opts->duration_set = true;
		return options_seconds(arg, "duration", 0, false,
		    &opts->duration, err);
	default:
		return -1;
	}
	return 0;
}

/* Combinations that cannot work together. */
static int
options_check(const struct options *opts, FILE *err)
{
	if (opts->read_path != NULL && opts->interface != NULL) {
		fputs("vmnetwatch: -r and -i cannot be used together\n", err);
		return -1;
	}
	if (opts->json && !opts->report) {
		fputs("vmnetwatch: --json goes with --report\n", err);
		return -1;
	}
	if (opts->duration_set && !opts->report) {
		fputs("vmnetwatch: --duration goes with --report\n", err);
		return -1;
	}
	return 0;
}

enum options_result
options_parse(struct options *opts, int argc, char **argv, FILE *out,
    FILE *err)
{
	int c;

	options_defaults(opts);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":i:r:w:l:t:vhV", options_long,
	    NULL)) != -1) {
		if (c == '?' || c == ':') {
			fprintf(err, "vmnetwatch: %s '%s'\n", c == '?' ?
			    "unknown option" : "missing value for",
			    argv[optind - 1]);
			fputs("Try 'vmnetwatch --help'.\n", err);
			return OPTIONS_USAGE;
		}
		if (options_take(opts, c, optarg, err) != 0)
			return OPTIONS_USAGE;
	}
	if (optind < argc) {
		fprintf(err, "vmnetwatch: unexpected argument '%s'\n",
		    argv[optind]);
		return OPTIONS_USAGE;
	}
	if (opts->help || opts->version) {
		if (opts->help)
			options_usage(out);
		else
			fprintf(out, "vmnetwatch %s\n", PACKAGE_VERSION);
		return OPTIONS_EXIT;
	}
	return options_check(opts, err) == 0 ? OPTIONS_OK : OPTIONS_USAGE;
}

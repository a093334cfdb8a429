/* vmnetwatch: watch DHCP on the VM bridge and say why a VM has no address. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <ev.h>

#include "capture.h"
#include "log.h"
#include "model.h"
#include "options.h"
#include "report.h"
#include "screen.h"
#include "verdict.h"

enum {
	EXIT_HEALTHY = 0,
	EXIT_CRITICAL = 1,
	EXIT_USAGE = 2,
	EXIT_CANNOT_RUN = 3,
};

static void
main_on_file_done(void *arg)
{
	ev_break(arg, EVBREAK_ONE);
}

static void
main_on_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	ev_break(loop, EVBREAK_ONE);
}

static void
main_on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	ev_break(loop, EVBREAK_ONE);
}

/* Whether --report should stop at a deadline rather than at the end. */
static bool
main_report_has_deadline(const struct options *opts)
{
	if (opts->read_path != NULL)
		return opts->duration_set && opts->duration > 0;
	return true;
}

/* Watch without a screen, then print the report; the exit status. */
static int
main_report(struct ev_loop *loop, struct model *m, struct capture *c,
    const struct options *opts)
{
	struct verdict_list verdicts;
	ev_timer deadline;
	ev_signal sigint, sigterm;

	ev_timer_init(&deadline, main_on_deadline, opts->duration, 0);
	ev_signal_init(&sigint, main_on_signal, SIGINT);
	ev_signal_init(&sigterm, main_on_signal, SIGTERM);
	ev_signal_start(loop, &sigint);
	ev_signal_start(loop, &sigterm);
	capture_start(c);
	if (capture_failed(c)) {
		fprintf(stderr, "vmnetwatch: %s\n", m->iface.error);
		return EXIT_CANNOT_RUN;
	}
	if (main_report_has_deadline(opts))
		ev_timer_start(loop, &deadline);
	if (!capture_done(c) && (opts->read_path != NULL ||
	    opts->duration > 0))
		ev_run(loop, 0);
	ev_timer_stop(loop, &deadline);
	ev_signal_stop(loop, &sigint);
	ev_signal_stop(loop, &sigterm);

	verdicts_compute(m, &verdicts);
	if (opts->json)
		report_json(stdout, m, &verdicts);
	else
		report_text(stdout, m, &verdicts);
	if (fflush(stdout) != 0)
		return EXIT_CANNOT_RUN;
	return verdicts_have_critical(&verdicts) ? EXIT_CRITICAL :
	    EXIT_HEALTHY;
}

int
main(int argc, char **argv)
{
	struct ev_loop *loop = EV_DEFAULT;
	struct options opts;
	struct model m;
	struct capture *c;
	struct capture_config cfg = { 0 };
	char errbuf[512];
	int status;

	switch (options_parse(&opts, argc, argv, stdout, stderr)) {
	case OPTIONS_EXIT:
		return EXIT_HEALTHY;
	case OPTIONS_USAGE:
		return EXIT_USAGE;
	case OPTIONS_OK:
		break;
	}
	signal(SIGPIPE, SIG_IGN);
	if (log_open(opts.log_path, opts.verbose, errbuf, sizeof errbuf) != 0)
		fprintf(stderr, "vmnetwatch: %s; going on without a log\n",
		    errbuf);
	model_init(&m);
	m.window = opts.window;
	cfg.interface = opts.interface;
	cfg.read_path = opts.read_path;
	cfg.write_path = opts.write_path;
	cfg.realtime = !opts.report;
	cfg.done = opts.report ? main_on_file_done : NULL;
	cfg.done_arg = loop;
	c = capture_new(loop, &cfg, &m);

	if (opts.report) {
		status = main_report(loop, &m, c, &opts);
	} else {
		capture_start(c);
		status = screen_run(loop, &m, &opts);
	}
	capture_free(c);
	model_free(&m);
	log_close();
	return status;
}

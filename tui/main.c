/* vmnetwatch: watch DHCP on the VM bridge and say why a VM has no address. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <ev.h>

#include "capture.h"
#include "fixer.h"
#include "helper.h"
#include "privdrop.h"
#include "fwprobe.h"
#include "leasewatch.h"
#include "log.h"
#include "model.h"
#include "options.h"
#include "reconcile.h"
#include "report.h"
#include "screen.h"
#include "ui.h"
#include "verdict.h"
#include "vms.h"

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

/* The report states the firewall: wait for its first poll, bounded. */
static void
main_wait_firewall(struct ev_loop *loop, struct fwprobe *fw)
{
	if (fw == NULL || fwprobe_has_result(fw))
		return;
	fwprobe_on_result(fw, main_on_file_done, loop);
	ev_run(loop, 0);
	fwprobe_on_result(fw, NULL, NULL);
}

/*
 * The lease file and the VM processes, read once now and then watched.
 * A capture file is another time and place: with -r only -l is read.
 */
static void
main_start_vm_sources(struct ev_loop *loop, struct model *m,
    const struct options *opts, struct lease_watch **lw, struct vm_scan **vs)
{
	if (opts->read_path == NULL || opts->leases_path != NULL) {
		*lw = lease_watch_new(loop, m, opts->leases_path);
		lease_watch_start(*lw);
	}
	if (opts->read_path == NULL) {
		*vs = vm_scan_new(loop, m, VM_SCAN_INTERVAL);
		vm_scan_start(*vs);
	}
}

/* Whether --report should stop at a deadline rather than at the end. */
static bool
main_report_has_deadline(const struct options *opts)
{
	if (opts->read_path != NULL)
		return opts->duration_set && opts->duration > 0;
	return true;
}

/* Print the report in the form asked for; whether it was written. */
static bool
main_report_print(struct model *m, const struct options *opts,
    struct verdict_list *verdicts)
{
	reconcile_model(m);
	netifs_scan(&m->netifs);
	verdicts_compute(m, verdicts);
	if (opts->json)
		report_json(stdout, m, verdicts);
	else
		report_text(stdout, m, verdicts);
	return fflush(stdout) == 0;
}

/* Watch until the deadline or the end of the file, and the firewall. */
static void
main_report_watch(struct ev_loop *loop, struct capture *c,
    struct fwprobe *fw, const struct options *opts)
{
	ev_timer deadline;
	ev_signal sigint, sigterm;

	ev_timer_init(&deadline, main_on_deadline, opts->duration, 0);
	ev_signal_init(&sigint, main_on_signal, SIGINT);
	ev_signal_init(&sigterm, main_on_signal, SIGTERM);
	ev_signal_start(loop, &sigint);
	ev_signal_start(loop, &sigterm);
	if (main_report_has_deadline(opts))
		ev_timer_start(loop, &deadline);
	if (!capture_done(c) && (opts->read_path != NULL ||
	    opts->duration > 0))
		ev_run(loop, 0);
	ev_timer_stop(loop, &deadline);
	main_wait_firewall(loop, fw);
	ev_signal_stop(loop, &sigint);
	ev_signal_stop(loop, &sigterm);
}

/*
 * Watch without a screen, then print the report; the exit status. A
 * capture file that cannot be read still gets its report, saying why,
 * so that a script reading JSON always has one object to read.
 */
static int
main_report(struct ev_loop *loop, struct model *m, struct capture *c,
    struct fwprobe *fw, const struct options *opts)
{
	struct verdict_list verdicts;

	capture_start(c);
	if (fw != NULL)
		fwprobe_start(fw);
	if (capture_failed(c)) {
		fprintf(stderr, "vmnetwatch: %s\n", m->iface.error);
		main_report_print(m, opts, &verdicts);
		return EXIT_CANNOT_RUN;
	}
	main_report_watch(loop, c, fw, opts);
	if (!main_report_print(m, opts, &verdicts))
		return EXIT_CANNOT_RUN;
	return verdicts_have_critical(&verdicts) ? EXIT_CRITICAL :
	    EXIT_HEALTHY;
}

/*
 * Fixes: as root, fork the privileged helper, then drop to the user who
 * ran sudo. On Linux the capture capabilities stay, so the bridge can be
 * attached again later; on macOS that needs the access_bpf group. NULL
 * when dropping failed.
 */
static struct fixer *
main_start_fixer(struct ev_loop *loop, struct model *m, struct fwprobe *fw,
    const struct options *opts, const char *socketfilterfw)
{
	struct fixer_config cfg = { .socketfilterfw = socketfilterfw,
	    .dry_run = opts->dry_run,
	    .read_only = opts->read_only || opts->read_path != NULL,
	    .helper_fd = -1 };
	struct helper_config hcfg = { .socketfilterfw = socketfilterfw,
	    .timeout = ACTION_TIMEOUT };
	char note[256];
	pid_t pid;

	if (geteuid() == 0 && !opts->read_only && opts->read_path == NULL)
		cfg.helper_fd = helper_spawn(&hcfg, &pid);
	if (privdrop_to_invoker(note, sizeof note) != 0) {
		fprintf(stderr, "vmnetwatch: %s\n", note);
		if (cfg.helper_fd >= 0)
			close(cfg.helper_fd);
		return NULL;
	}
	log_msg(1, "privileges: %s", note);
	return fixer_new(loop, m, fw, &cfg);
}

int
main(int argc, char **argv)
{
	struct ev_loop *loop = EV_DEFAULT;
	struct options opts;
	struct model m;
	struct capture *c;
	struct capture_config cfg = { 0 };
	struct fwprobe_config fwcfg = { 0 };
	struct fwprobe *fw = NULL;
	struct lease_watch *lw = NULL;
	struct vm_scan *vs = NULL;
	struct fixer *fx = NULL;
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
	model_set_window(&m, opts.window);
	m.keep_feed = !opts.report;
	cfg.interface = opts.interface;
	cfg.read_path = opts.read_path;
	cfg.write_path = opts.write_path;
	cfg.realtime = !opts.report;
	cfg.done = opts.report ? main_on_file_done : NULL;
	cfg.done_arg = loop;
	c = capture_new(loop, &cfg, &m);
	fwcfg.path = opts.socketfilterfw != NULL ? opts.socketfilterfw :
	    fwprobe_default_path();
	fwcfg.poll = opts.poll;
	if (fwcfg.path != NULL)
		fw = fwprobe_new(loop, &fwcfg, &m);

	main_start_vm_sources(loop, &m, &opts, &lw, &vs);
	if (opts.report) {
		status = main_report(loop, &m, c, fw, &opts);
	} else {
		capture_start(c);
		fx = main_start_fixer(loop, &m, fw, &opts, fwcfg.path);
		if (fw != NULL)
			fwprobe_start(fw);
		actionpane_attach(fx);
		status = fx != NULL ? screen_run(loop, &m, &opts) :
		    EXIT_CANNOT_RUN;
	}
	fixer_free(fx);
	fwprobe_free(fw);
	lease_watch_free(lw);
	vm_scan_free(vs);
	capture_free(c);
	model_free(&m);
	log_close();
	return status;
}

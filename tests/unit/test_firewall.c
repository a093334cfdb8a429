/* socketfilterfw parsing, flap detection, the bootpd rule and the probe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <ev.h>

#include "firewall.h"
#include "fwprobe.h"
#include "model.h"
#include "verdict.h"

#define BOOTPD	FIREWALL_BOOTPD

/* Parse one output into a fresh reading; returns firewall_parse's result. */
static int
parse(struct fw_reading *r, const char *text)
{
	firewall_reading_init(r);
	return firewall_parse(r, text, strlen(text), BOOTPD);
}

static enum fw_state
state_of(const char *text)
{
	struct fw_reading r;

	assert_int_equal(parse(&r, text), 0);
	return r.state;
}

static void
test_globalstate(void **unused)
{
	struct fw_reading r;

	assert_int_equal(state_of("Firewall is disabled. (State = 0)\n"),
	    FW_OFF);
	assert_int_equal(state_of("Firewall is enabled. (State = 1)\n"),
	    FW_ON);
	assert_int_equal(state_of("Firewall is enabled. (State = 2)\n"),
	    FW_BLOCK_ALL);
	assert_int_equal(state_of("Firewall is blocking all non-essential "
	    "incoming connections. (State = 2)\n"), FW_BLOCK_ALL);
	assert_int_equal(state_of("Firewall already disabled\n"), FW_OFF);
	assert_int_equal(state_of("Firewall is enabled. (State = 1) \r\n"),
	    FW_ON);

	/* The block-all wording of state 2 says nothing of --getblockall. */
	parse(&r, "Firewall is blocking all non-essential incoming "
	    "connections. (State = 2)\n");
	assert_int_equal(r.block_all, FW_UNSEEN);
	assert_int_equal(parse(&r, "Firewall is enabled. (State = 7)\n"), -1);
	assert_int_equal(r.state, FW_UNKNOWN);
	assert_int_equal(parse(&r, "(State = )\n"), -1);
}

static enum fw_flag
block_all_of(const char *text)
{
	struct fw_reading r;

	assert_int_equal(parse(&r, text), 0);
	return r.block_all;
}

static void
test_blockall(void **unused)
{
	assert_int_equal(block_all_of("Block all DISABLED! \n"), FW_NO);
	assert_int_equal(block_all_of("Block all ENABLED! \n"), FW_YES);
	assert_int_equal(block_all_of("Firewall has block all state set to "
	    "disabled.\n"), FW_NO);
	assert_int_equal(block_all_of("Firewall has block all state set to "
	    "enabled.\n"), FW_YES);
	assert_int_equal(block_all_of("Firewall is blocking all "
	    "non-essential incoming connections.\n"), FW_YES);
	assert_int_equal(block_all_of("Firewall is set to block all "
	    "non-essential incoming connections\n"), FW_YES);
}

static void
test_allowsigned(void **unused)
{
	struct fw_reading r;

	parse(&r, "Automatically allow built-in signed software ENABLED.\n"
	    "Automatically allow downloaded signed software DISABLED.\n");
	assert_int_equal(r.allow_builtin, FW_YES);
	assert_int_equal(r.allow_downloaded, FW_NO);
	parse(&r, "Automatically allow built-in signed software DISABLED.\n"
	    "Automatically allow downloaded signed software ENABLED.\n");
	assert_int_equal(r.allow_builtin, FW_NO);
	assert_int_equal(r.allow_downloaded, FW_YES);
	parse(&r, "Automatically allow signed built-in software ENABLED\n"
	    "Automatically allow downloaded signed software ENABLED\n");
	assert_int_equal(r.allow_builtin, FW_YES);
	assert_int_equal(r.allow_downloaded, FW_YES);
	parse(&r, "Automatically allow signed built-in software DISABLED \n");
	assert_int_equal(r.allow_builtin, FW_NO);
	assert_int_equal(r.allow_downloaded, FW_UNSEEN);
}

static enum fw_flag
stealth_of(const char *text)
{
	struct fw_reading r;

	assert_int_equal(parse(&r, text), 0);
	return r.stealth;
}

static void
test_stealth_and_logging(void **unused)
{
	struct fw_reading r;

	assert_int_equal(stealth_of("Stealth mode enabled\n"), FW_YES);
	assert_int_equal(stealth_of("Stealth mode disabled\n"), FW_NO);
	assert_int_equal(stealth_of("Firewall stealth mode is on\n"), FW_YES);
	assert_int_equal(stealth_of("Firewall stealth mode is off\n"), FW_NO);
	assert_int_equal(parse(&r, "Log mode is on\nLog Option is "
	    "throttled\n"), 0);
	assert_int_equal(r.known, 2);
}

/* The four --get flags of one call, as each generation answers them. */
static void
test_combined_call(void **unused)
{
	struct fw_reading r;

	parse(&r, "Firewall is enabled. (State = 1) \n"
	    "Block all DISABLED! \n"
	    "Automatically allow signed built-in software ENABLED \n"
	    "Automatically allow downloaded signed software ENABLED \n"
	    "Stealth mode disabled \n");
	assert_int_equal(r.state, FW_ON);
	assert_int_equal(r.block_all, FW_NO);
	assert_int_equal(r.allow_builtin, FW_YES);
	assert_int_equal(r.stealth, FW_NO);
	assert_int_equal(r.known, 5);

	parse(&r, "Firewall is blocking all non-essential incoming "
	    "connections. (State = 2)\n"
	    "Firewall is blocking all non-essential incoming connections.\n"
	    "Automatically allow built-in signed software ENABLED.\n"
	    "Automatically allow downloaded signed software ENABLED.\n"
	    "Firewall stealth mode is on\n");
	assert_int_equal(r.state, FW_BLOCK_ALL);
	assert_int_equal(r.block_all, FW_YES);
	assert_int_equal(r.allow_builtin, FW_YES);
	assert_int_equal(r.allow_downloaded, FW_YES);
	assert_int_equal(r.stealth, FW_YES);
}

static void
test_app_answers(void **unused)
{
	struct fw_reading r;

	parse(&r, "The application is not part of the firewall\n");
	assert_int_equal(r.app_listed, FW_NO);
	parse(&r, "Incoming connection to the application is permitted\n");
	assert_int_equal(r.app_listed, FW_YES);
	assert_int_equal(r.app_blocked, FW_NO);
	parse(&r, "Incoming connection to the application is blocked\n");
	assert_int_equal(r.app_blocked, FW_YES);
	parse(&r, "Incoming connection to /usr/libexec/bootpd is "
	    "permitted.\n");
	assert_int_equal(r.app_blocked, FW_NO);
	parse(&r, "Application at path ( /usr/libexec/bootpd ) added to "
	    "firewall \n");
	assert_int_equal(r.app_listed, FW_YES);
	parse(&r, "The application is already a part of the firewall\n");
	assert_int_equal(r.app_listed, FW_YES);
	parse(&r, "Application at path ( /usr/libexec/bootpd ) removed from "
	    "firewall\n");
	assert_int_equal(r.app_listed, FW_NO);
	parse(&r, "Firewall is enabled. (State = 1)\n");
	assert_int_equal(r.state, FW_ON);
	assert_false(r.managed);
}

static void
test_managed_refusal(void **unused)
{
	struct fw_reading r;

	assert_int_equal(parse(&r, "Firewall settings cannot be modified "
	    "from command line on managed Mac computers.\n"), 0);
	assert_true(r.managed);
	assert_int_equal(r.app_listed, FW_UNSEEN);
	assert_int_equal(r.state, FW_UNKNOWN);
}

static const char list_old[] =
    "ALF: total number of apps = 3 \n"
    "\n"
    "1 :  /Applications/Foo Bar.app \n"
    " \t ( Allow incoming connections ) \n"
    "\n"
    "2 :  /usr/libexec/bootpd \n"
    " \t ( Block incoming connections ) \n"
    "\n"
    "3 :  /usr/local/bin/bar \n"
    " \t ( Allow incoming connections ) \n";

static const char list_new[] =
    "Total number of apps = 3\n"
    "1 : /usr/libexec/sshd-session\n"
    "             (Block incoming connections)\n"
    "2 : /usr/libexec/bootpd \n"
    "             (Allow incoming connections)\n"
    "3 : /usr/libexec/remoted\n"
    "             (Allow incoming connections)\n";

static void
test_listapps_layouts(void **unused)
{
	struct fw_reading r;

	assert_int_equal(parse(&r, list_old), 0);
	assert_true(r.list_seen);
	assert_int_equal(r.list_declared, 3);
	assert_int_equal(r.list_parsed, 3);
	assert_int_equal(r.subject_listed, FW_YES);
	assert_int_equal(r.subject_blocked, FW_YES);

	assert_int_equal(parse(&r, list_new), 0);
	assert_int_equal(r.list_parsed, 3);
	assert_int_equal(r.subject_listed, FW_YES);
	assert_int_equal(r.subject_blocked, FW_NO);

	parse(&r, "Total number of apps = 9\n1 : /usr/libexec/sshd-session\n"
	    "             (Block incoming connections)\n3 : "
	    "/usr/libexec/remoted\n             (Allow incoming "
	    "connections)\n");
	assert_int_equal(r.list_declared, 9);
	assert_int_equal(r.subject_listed, FW_UNSEEN);
}

static void
test_listapps_without_bootpd(void **unused)
{
	struct fw_reading r;

	parse(&r, "Total number of apps = 1\n1 : /usr/libexec/remoted\n"
	    "             (Allow incoming connections)\n");
	assert_int_equal(r.subject_listed, FW_NO);
	parse(&r, "ALF: total number of apps = 0 \n");
	assert_int_equal(r.subject_listed, FW_NO);
	parse(&r, "Total number of apps = 0\n");
	assert_int_equal(r.subject_listed, FW_NO);

	/* A path that merely ends in bootpd is another program. */
	parse(&r, "Total number of apps = 1\n1 : /opt/x/notbootpd\n"
	    "             (Block incoming connections)\n");
	assert_int_equal(r.subject_listed, FW_NO);
}

static void
test_listapps_state_variant(void **unused)
{
	struct fw_reading r;

	parse(&r, "Total number of apps = 3\nreplicatord (state: 1)\n"
	    "Google Chrome (state: 4)\nbootpd (state: 4)\n");
	assert_int_equal(r.list_parsed, 3);
	assert_int_equal(r.subject_listed, FW_YES);
	assert_int_equal(r.subject_blocked, FW_YES);
	parse(&r, "Total number of apps = 1\nbootpd (state: 1)\n");
	assert_int_equal(r.subject_blocked, FW_NO);
	parse(&r, "Total number of apps = 1\nGoogle Chrome (state: 4)\n");
	assert_int_equal(r.subject_listed, FW_NO);
}

static void
test_untrusted_output(void **unused)
{
	struct fw_reading r;
	size_t big = 4 << 20;
	char *junk = malloc(big);

	assert_non_null(junk);
	memset(junk, 'A', big);
	firewall_reading_init(&r);
	assert_int_equal(firewall_parse(&r, junk, big, BOOTPD), -1);
	assert_int_equal(r.skipped, 1);

	/* Binary bytes, a NUL, no final newline, then a real line. */
	memcpy(junk, "\x01\x02\xff\x00zz\nFirewall is enabled. (State = 1)",
	    39);
	firewall_reading_init(&r);
	assert_int_equal(firewall_parse(&r, junk, 39, BOOTPD), 0);
	assert_int_equal(r.state, FW_ON);
	assert_int_equal(r.skipped, 1);

	/* A state split by a NUL is junk, not a state. */
	firewall_reading_init(&r);
	assert_int_equal(firewall_parse(&r, "(State\0 = 1)", 12, BOOTPD),
	    -1);
	parse(&r, "something else entirely\n");
	assert_string_equal(r.first_unknown, "something else entirely");
	firewall_reading_init(&r);
	assert_int_equal(firewall_parse(&r, "", 0, BOOTPD), -1);
	free(junk);
}

/* A firewall history fed one sample per second from a list of states. */
static void
feed(struct firewall *fw, double t0, const char *states)
{
	size_t i;

	for (i = 0; states[i] != '\0'; i++)
		firewall_sample(fw, t0 + (double)i,
		    states[i] == '#' ? FW_ON : states[i] == '_' ? FW_OFF :
		    states[i] == 'B' ? FW_BLOCK_ALL : FW_UNKNOWN, "probe hung");
}

static void
test_flap_steady_is_quiet(void **unused)
{
	struct firewall fw;

	memset(&fw, 0, sizeof fw);
	feed(&fw, 1000, "##########");
	assert_false(fw.flapping);
	assert_int_equal(fw.changes, 0);
	assert_true(fw.since == 1000);
	assert_int_equal(fw.state, FW_ON);
	assert_int_equal(fw.nsamples, 10);
}

static void
test_flap_back_on_quickly(void **unused)
{
	struct firewall fw;

	memset(&fw, 0, sizeof fw);
	feed(&fw, 1000, "###__________#####");
	assert_int_equal(fw.changes, 2);
	assert_true(fw.flapping);
	assert_true(fw.since == 1013);
	assert_true(firewall_flapping(&fw, 1013 + FIREWALL_FLAP_WINDOW - 1));
	assert_false(firewall_flapping(&fw, 1013 + FIREWALL_FLAP_WINDOW + 1));

	/* Off for longer than FIREWALL_FLAP_RETURN is no flap. */
	memset(&fw, 0, sizeof fw);
	firewall_sample(&fw, 0, FW_ON, NULL);
	firewall_sample(&fw, 10, FW_OFF, NULL);
	firewall_sample(&fw, 10 + FIREWALL_FLAP_RETURN + 1, FW_ON, NULL);
	assert_false(fw.flapping);
}

static void
test_flap_three_changes(void **unused)
{
	struct firewall fw;

	memset(&fw, 0, sizeof fw);
	firewall_sample(&fw, 0, FW_ON, NULL);
	firewall_sample(&fw, 100, FW_OFF, NULL);
	firewall_sample(&fw, 200, FW_ON, NULL);
	assert_false(fw.flapping);
	firewall_sample(&fw, 500, FW_BLOCK_ALL, NULL);
	assert_true(fw.flapping);
	assert_int_equal(firewall_recent_changes(&fw, 500, NULL), 3);
	assert_int_equal(firewall_recent_changes(&fw, 750, NULL), 2);
	assert_false(firewall_flapping(&fw, 750));
}

static void
test_flap_unknown_is_not_a_change(void **unused)
{
	struct firewall fw;

	memset(&fw, 0, sizeof fw);
	feed(&fw, 0, "##??##??##?");
	assert_int_equal(fw.changes, 0);
	assert_false(fw.flapping);
	assert_int_equal(fw.state, FW_UNKNOWN);
	assert_string_equal(fw.reason, "probe hung");
	assert_true(fw.since == 10);
	feed(&fw, 11, "#");
	assert_int_equal(fw.reason[0], '\0');
}

static void
test_own_changes_are_told_apart(void **unused)
{
	struct firewall fw;
	unsigned ours;

	memset(&fw, 0, sizeof fw);
	firewall_sample(&fw, 0, FW_ON, NULL);
	firewall_note_own(&fw, 9.5, FW_OFF);
	firewall_sample(&fw, 10, FW_OFF, NULL);
	firewall_sample(&fw, 15, FW_ON, NULL);
	assert_true(firewall_change_at(&fw, 0)->ours);
	assert_false(firewall_change_at(&fw, 1)->ours);
	assert_int_equal(firewall_recent_changes(&fw, 15, &ours), 2);
	assert_int_equal(ours, 1);
	assert_true(fw.flapping);

	/* A switch of ours that never showed does not claim a later one. */
	firewall_note_own(&fw, 20, FW_OFF);
	firewall_sample(&fw, 20 + FIREWALL_OWN_SLACK + 5, FW_OFF, NULL);
	assert_false(firewall_change_at(&fw, 2)->ours);
}

static void
test_history_is_bounded(void **unused)
{
	struct firewall fw;
	size_t i;

	memset(&fw, 0, sizeof fw);
	for (i = 0; i < 1000; i++)
		firewall_sample(&fw, (double)i, i % 2 ? FW_ON : FW_OFF, NULL);
	assert_int_equal(fw.nsamples, FIREWALL_SAMPLES);
	assert_int_equal(fw.nlog, FIREWALL_CHANGES);
	assert_int_equal(fw.changes, 999);
	assert_true(firewall_sample_at(&fw, 0)->t == 1000 - FIREWALL_SAMPLES);
	assert_true(firewall_sample_at(&fw, FIREWALL_SAMPLES - 1)->t == 999);
	assert_null(firewall_sample_at(&fw, FIREWALL_SAMPLES));
	assert_true(firewall_change_at(&fw, FIREWALL_CHANGES - 1)->t == 999);
	assert_int_equal(firewall_state_char(FW_OFF), '_');
}

/* A firewall with one poll's reading in place. */
static void
rule_setup(struct firewall *fw, enum fw_state state, enum fw_flag listed,
    enum fw_flag blocked, enum fw_flag builtin)
{
	memset(fw, 0, sizeof *fw);
	fw->backend = "socketfilterfw";
	firewall_sample(fw, 1, state, NULL);
	fw->have_reading = true;
	fw->reading.state = state;
	fw->reading.subject_listed = listed;
	fw->reading.subject_blocked = blocked;
	fw->reading.allow_builtin = builtin;
}

static enum fw_rule_verdict
rule_verdict(const struct firewall *fw, size_t unanswered)
{
	struct fw_rule rule;

	firewall_rule(fw, unanswered, &rule);
	assert_string_equal(rule.subject, BOOTPD);
	return rule.verdict;
}

static void
test_bootpd_rule(void **unused)
{
	struct firewall fw;
	struct fw_rule rule;

	rule_setup(&fw, FW_ON, FW_YES, FW_NO, FW_NO);
	assert_int_equal(rule_verdict(&fw, 0), FW_RULE_ALLOWED);
	assert_int_equal(rule_verdict(&fw, 2), FW_RULE_STALE);
	rule_setup(&fw, FW_ON, FW_YES, FW_YES, FW_YES);
	assert_int_equal(rule_verdict(&fw, 2), FW_RULE_BLOCKED);

	/* macOS 15.2+: unlisted, governed by allow-signed (minikube#20399). */
	rule_setup(&fw, FW_ON, FW_NO, FW_UNSEEN, FW_YES);
	assert_int_equal(rule_verdict(&fw, 0), FW_RULE_IMPLICIT);
	assert_int_equal(rule_verdict(&fw, 1), FW_RULE_STALE);
	rule_setup(&fw, FW_BLOCK_ALL, FW_NO, FW_UNSEEN, FW_NO);
	assert_int_equal(rule_verdict(&fw, 1), FW_RULE_BLOCKED);
	firewall_rule(&fw, 1, &rule);
	assert_int_equal(rule.listed, FW_NO);
	assert_int_equal(rule.allowed, FW_NO);
	assert_int_equal(rule.allow_builtin, FW_NO);

	rule_setup(&fw, FW_OFF, FW_YES, FW_YES, FW_NO);
	assert_int_equal(rule_verdict(&fw, 3), FW_RULE_FIREWALL_OFF);
	rule_setup(&fw, FW_ON, FW_UNSEEN, FW_UNSEEN, FW_YES);
	assert_int_equal(rule_verdict(&fw, 3), FW_RULE_UNKNOWN);
	memset(&fw, 0, sizeof fw);
	assert_int_equal(rule_verdict(&fw, 3), FW_RULE_UNKNOWN);
	assert_string_equal(firewall_rule_verdict_name(FW_RULE_IMPLICIT),
	    "implicitly-allowed");
}

/* An Ethernet/IPv4/UDP DISCOVER from one client, minimal but valid. */
static size_t
discover_frame(uint8_t *f, size_t size, uint32_t xid)
{
	size_t ip = 14, udp = 34, dhcp = 42, len = dhcp + 244;

	assert_true(size >= len);
	memset(f, 0, len);
	memset(f, 0xff, 6);
	memcpy(f + 6, "\x52\x54\x00\x6c\xab\x03", 6);
	f[12] = 0x08;
	f[ip] = 0x45;
	f[ip + 2] = (uint8_t)((len - ip) >> 8);
	f[ip + 3] = (uint8_t)(len - ip);
	f[ip + 8] = 64;
	f[ip + 9] = 17;
	memset(f + ip + 16, 0xff, 4);
	f[udp + 1] = 68;
	f[udp + 3] = 67;
	f[udp + 4] = (uint8_t)((len - udp) >> 8);
	f[udp + 5] = (uint8_t)(len - udp);
	f[dhcp] = 1;
	f[dhcp + 1] = 1;
	f[dhcp + 2] = 6;
	memcpy(f + dhcp + 4, &xid, 4);
	memcpy(f + dhcp + 28, "\x52\x54\x00\x6c\xab\x03", 6);
	memcpy(f + dhcp + 236, "\x63\x82\x53\x63\x35\x01\x01\xff", 8);
	return len;
}

static const struct verdict *
verdict_find(const struct verdict_list *list, const char *id)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (strcmp(list->items[i].id, id) == 0)
			return &list->items[i];
	return NULL;
}

/* A model with one unanswered DISCOVER and the given bootpd rule. */
static void
model_with_rule(struct model *m, enum fw_flag listed, enum fw_flag blocked)
{
	struct timeval tv = { 1000, 0 };
	uint8_t frame[400];
	size_t len = discover_frame(frame, sizeof frame, 0x1234);

	model_init(m);
	model_ingest(m, 1, &tv, frame, len);
	model_set_now(m, 1010);
	assert_int_equal(model_count_unanswered(m), 1);
	rule_setup(&m->fw, FW_ON, listed, blocked, FW_NO);
}

static void
test_verdicts(void **unused)
{
	struct verdict_list list;
	const struct verdict *v;
	struct model m;

	model_with_rule(&m, FW_YES, FW_YES);
	verdicts_compute(&m, &list);
	v = verdict_find(&list, "firewall-blocks-dhcp");
	assert_non_null(v);
	assert_int_equal(v->severity, SEVERITY_CRITICAL);
	assert_string_equal(v->fix, "allow-bootpd");
	assert_null(verdict_find(&list, "dhcp-rule-stale"));
	model_free(&m);

	model_with_rule(&m, FW_YES, FW_NO);
	m.fw.flapping = true;
	m.fw.managed = true;
	verdicts_compute(&m, &list);
	assert_null(verdict_find(&list, "firewall-blocks-dhcp"));
	v = verdict_find(&list, "dhcp-rule-stale");
	assert_non_null(v);
	assert_string_equal(v->fix, "readd-bootpd");
	assert_non_null(verdict_find(&list, "firewall-flapping"));
	assert_non_null(verdict_find(&list, "firewall-managed"));
	assert_non_null(verdict_find(&list, "dhcp-unanswered"));
	model_free(&m);

	/* Without a backend the firewall says nothing. */
	model_with_rule(&m, FW_YES, FW_YES);
	m.fw.backend = NULL;
	verdicts_compute(&m, &list);
	assert_null(verdict_find(&list, "firewall-blocks-dhcp"));
	model_free(&m);
}

/* The probe against small stand-in programs, on a real loop. */
struct probe_run {
	char		dir[64];
	char		path[128];
	struct model	m;
	double		elapsed;
};

static void
probe_on_result(void *arg)
{
	ev_break(arg, EVBREAK_ONE);
}

static void
probe_on_guard(struct ev_loop *loop, ev_timer *w, int revents)
{
	ev_break(loop, EVBREAK_ONE);
}

/* Write a shell program, probe it once, keep what the model got. */
static void
probe_once(struct probe_run *pr, const char *body, double timeout)
{
	struct ev_loop *loop = EV_DEFAULT;
	struct fwprobe_config cfg = { pr->path, 10.0, timeout };
	struct fwprobe *p;
	ev_timer guard;
	FILE *f;
	double t0;

	snprintf(pr->dir, sizeof pr->dir, "/tmp/vmnwfw.XXXXXX");
	assert_non_null(mkdtemp(pr->dir));
	snprintf(pr->path, sizeof pr->path, "%s/sfw", pr->dir);
	if (body != NULL) {
		f = fopen(pr->path, "w");
		assert_non_null(f);
		fprintf(f, "#!/bin/sh\n%s\n", body);
		fclose(f);
		chmod(pr->path, 0755);
	}
	model_init(&pr->m);
	p = fwprobe_new(loop, &cfg, &pr->m);
	fwprobe_on_result(p, probe_on_result, loop);
	ev_timer_init(&guard, probe_on_guard, 10.0, 0);
	ev_timer_start(loop, &guard);
	t0 = ev_time();
	fwprobe_start(p);
	if (!fwprobe_has_result(p))
		ev_run(loop, 0);
	pr->elapsed = ev_time() - t0;
	ev_timer_stop(loop, &guard);
	assert_true(fwprobe_has_result(p));
	fwprobe_free(p);
	unlink(pr->path);
	rmdir(pr->dir);
}

static void
test_probe_reads_both_calls(void **unused)
{
	struct probe_run pr;

	probe_once(&pr, "case $1 in\n"
	    "--getglobalstate) printf 'Firewall is enabled. (State = 1)\\n"
	    "Firewall has block all state set to disabled.\\n"
	    "Automatically allow built-in signed software ENABLED.\\n"
	    "Automatically allow downloaded signed software ENABLED.\\n"
	    "Firewall stealth mode is off\\n';;\n"
	    "--listapps) printf 'Total number of apps = 0\\n';;\n"
	    "*) exit 9;;\nesac", 2.0);
	assert_int_equal(pr.m.fw.state, FW_ON);
	assert_true(pr.m.fw.have_reading);
	assert_int_equal(pr.m.fw.reading.subject_listed, FW_NO);
	assert_int_equal(pr.m.fw.reading.allow_builtin, FW_YES);
	assert_int_equal(pr.m.fw.nsamples, 1);
	assert_true(pr.elapsed < 2.0);
	model_free(&pr.m);
}

static void
test_probe_failures_are_unknown(void **unused)
{
	struct probe_run pr;

	probe_once(&pr, NULL, 2.0);
	assert_int_equal(pr.m.fw.state, FW_UNKNOWN);
	assert_non_null(strstr(pr.m.fw.reason, "cannot run"));
	model_free(&pr.m);

	probe_once(&pr, "echo 'no such flag' >&2; exit 3", 2.0);
	assert_non_null(strstr(pr.m.fw.reason, "status 3: no such flag"));
	model_free(&pr.m);

	probe_once(&pr, "kill -SEGV $$", 2.0);
	assert_non_null(strstr(pr.m.fw.reason, "signal 11"));
	model_free(&pr.m);

	probe_once(&pr, "printf 'hello\\033[2J\\n'", 2.0);
	assert_non_null(strstr(pr.m.fw.reason, "(State = N)"));
	assert_null(strchr(pr.m.fw.reason, '\033'));
	model_free(&pr.m);
}

static void
test_probe_hang_and_babble_are_killed(void **unused)
{
	struct probe_run pr;

	probe_once(&pr, "sleep 30", 0.3);
	assert_int_equal(pr.m.fw.state, FW_UNKNOWN);
	assert_non_null(strstr(pr.m.fw.reason, "no answer within 0.3 s"));
	assert_true(pr.elapsed < 1.5);
	model_free(&pr.m);

	probe_once(&pr, "yes 'Firewall is enabled. (State = 1)'", 2.0);
	assert_int_equal(pr.m.fw.state, FW_UNKNOWN);
	assert_non_null(strstr(pr.m.fw.reason, "more than 64 KiB"));
	assert_true(pr.elapsed < 1.5);
	model_free(&pr.m);

	probe_once(&pr, "head -c 100000 /dev/urandom", 2.0);
	assert_int_equal(pr.m.fw.state, FW_UNKNOWN);
	model_free(&pr.m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_globalstate),
		cmocka_unit_test(test_blockall),
		cmocka_unit_test(test_allowsigned),
		cmocka_unit_test(test_stealth_and_logging),
		cmocka_unit_test(test_combined_call),
		cmocka_unit_test(test_app_answers),
		cmocka_unit_test(test_managed_refusal),
		cmocka_unit_test(test_listapps_layouts),
		cmocka_unit_test(test_listapps_without_bootpd),
		cmocka_unit_test(test_listapps_state_variant),
		cmocka_unit_test(test_untrusted_output),
		cmocka_unit_test(test_flap_steady_is_quiet),
		cmocka_unit_test(test_flap_back_on_quickly),
		cmocka_unit_test(test_flap_three_changes),
		cmocka_unit_test(test_flap_unknown_is_not_a_change),
		cmocka_unit_test(test_own_changes_are_told_apart),
		cmocka_unit_test(test_history_is_bounded),
		cmocka_unit_test(test_bootpd_rule),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_probe_reads_both_calls),
		cmocka_unit_test(test_probe_failures_are_unknown),
		cmocka_unit_test(test_probe_hang_and_babble_are_killed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

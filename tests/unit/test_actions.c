/* Units for fixes: argument vectors, nftables plans, outcomes, helper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "actions.h"
#include "firewall.h"
#include "helper.h"
#include "runner.h"

#define SFW	"/usr/libexec/ApplicationFirewall/socketfilterfw"

/* Step i of a plan, formatted as one line. */
static const char *
step(const struct action_plan *p, size_t i)
{
	static char line[2048];

	action_step_format(&p->steps[i], line, sizeof line);
	return line;
}

static void
test_fixed_argv(void **state)
{
	struct action_plan p;

	assert_int_equal(action_plan_fixed(FIX_ALLOW_BOOTPD, SFW, &p), 0);
	assert_int_equal(p.nsteps, 2);
	assert_string_equal(step(&p, 0), SFW " --add /usr/libexec/bootpd");
	assert_string_equal(step(&p, 1),
	    SFW " --unblockapp /usr/libexec/bootpd");
	assert_int_equal(action_plan_fixed(FIX_READD_BOOTPD, SFW, &p), 0);
	assert_int_equal(p.nsteps, 3);
	assert_string_equal(step(&p, 0), SFW " --remove /usr/libexec/bootpd");
	assert_string_equal(p.steps[1].argv[1], "--add");
	assert_string_equal(p.steps[2].argv[1], "--unblockapp");
	assert_int_equal(action_plan_fixed(FIX_FIREWALL_OFF, SFW, &p), 0);
	assert_string_equal(step(&p, 0), SFW " --setglobalstate off");
	assert_int_equal(action_plan_fixed(FIX_FIREWALL_ON, SFW, &p), 0);
	assert_string_equal(step(&p, 0), SFW " --setglobalstate on");
	assert_int_equal(action_plan_fixed(FIX_RESTART_BOOTPD, NULL, &p), 0);
	assert_string_equal(step(&p, 0),
	    "/bin/launchctl kickstart -kp system/com.apple.bootpd");
	assert_int_equal(p.steps[0].argc, 4);
}

static void
test_fixed_refusals(void **state)
{
	struct action_plan p;

	assert_int_equal(action_plan_fixed(FIX_ALLOW_BOOTPD, NULL, &p), -1);
	assert_int_equal(action_plan_fixed(FIX_ALLOW_BOOTPD, "sfw", &p), -1);
	assert_int_equal(action_plan_fixed(FIX_ALLOW_DHCP_ON_BRIDGE, SFW,
	    &p), -1);
	assert_int_equal(action_plan_fixed(99, SFW, &p), -1);
	assert_null(fix_by_name("rm -rf /"));
	assert_int_equal(fix_by_key('B')->id, FIX_ALLOW_BOOTPD);
	assert_int_equal(fix_by_name("firewall-off")->undo, FIX_FIREWALL_ON);
}

static void
test_sudo_prefix(void **state)
{
	struct action_plan p;

	action_plan_fixed(FIX_ALLOW_BOOTPD, SFW, &p);
	assert_int_equal(action_plan_sudo(&p, "/usr/bin/sudo"), 0);
	assert_string_equal(step(&p, 0),
	    "/usr/bin/sudo -- " SFW " --add /usr/libexec/bootpd");
	assert_int_equal(p.steps[1].argc, 5);
}

static const char nft_listing[] =
	"table inet filter { # handle 3\n"
	"\tchain input { # handle 1\n"
	"\t\ttype filter hook input priority filter; policy accept;\n"
	"\t\tiifname \"bridge100\" udp dport 67 counter packets 4 bytes "
	"1312 drop comment \"socketfilterfw-sim\" # handle 2\n"
	"\t\tudp dport 67 reject # handle 3\n"
	"\t\tiifname \"eth0\" udp dport 67 drop # handle 4\n"
	"\t\tiifname \"bridge100\" udp dport 53 drop # handle 5\n"
	"\t\tiifname \"bridge100\" udp dport 67 accept # handle 6\n"
	"\t}\n"
	"}\n"
	"table ip t2 { # handle 9\n"
	"\tchain c2 { # handle 1\n"
	"\t\tiif bridge100 udp dport bootps drop # handle 7\n"
	"\t}\n"
	"}\n";

static void
test_nft_plan(void **state)
{
	struct action_plan p;

	assert_int_equal(action_plan_linux(&p, "bridge100", NULL, NULL,
	    nft_listing, NULL, NULL, "/usr/sbin/nft"), LINUX_FW_NFTABLES);
	assert_int_equal(p.nsteps, 3);
	assert_string_equal(step(&p, 0),
	    "/usr/sbin/nft delete rule inet filter input handle 2");
	assert_string_equal(step(&p, 1),
	    "/usr/sbin/nft delete rule inet filter input handle 3");
	assert_string_equal(step(&p, 2),
	    "/usr/sbin/nft delete rule ip t2 c2 handle 7");
}

static void
test_linux_choice(void **state)
{
	struct action_plan p;

	assert_int_equal(action_plan_linux(&p, "virbr0", "running\n",
	    "Status: active\n", nft_listing, "/usr/bin/firewall-cmd",
	    "/usr/sbin/ufw", "/usr/sbin/nft"), LINUX_FW_FIREWALLD);
	assert_string_equal(step(&p, 0), "/usr/bin/firewall-cmd "
	    "--zone=trusted --change-interface=virbr0");
	assert_int_equal(action_plan_linux(&p, "virbr0", "not running\n",
	    "Status: active\n", NULL, "/usr/bin/firewall-cmd",
	    "/usr/sbin/ufw", NULL), LINUX_FW_UFW);
	assert_string_equal(step(&p, 0), "/usr/sbin/ufw allow in on virbr0 "
	    "to any port 67 proto udp");
	assert_int_equal(action_plan_linux(&p, "virbr0", NULL,
	    "Status: inactive\n", "table inet x {\n}\n", NULL,
	    "/usr/sbin/ufw", "/usr/sbin/nft"), LINUX_FW_NONE);
	assert_int_equal(p.nsteps, 0);
	assert_int_equal(action_plan_linux(&p, "-rf", NULL, NULL, NULL, NULL,
	    NULL, NULL), LINUX_FW_NONE);
	assert_false(action_bridge_valid("br0;reboot"));
	assert_false(action_bridge_valid("a-very-long-interface-name"));
	assert_true(action_bridge_valid("bridge100"));
}

/* A result of n clean steps, each with the given output. */
static void
result(struct action_result *r, size_t n, const char *out, int code)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->nsteps = n;
	for (i = 0; i < n; i++) {
		r->steps[i].ran = true;
		r->steps[i].status = code << 8;
		r->steps[i].outlen = strlen(out);
		memcpy(r->steps[i].out, out, strlen(out));
	}
}

static void
test_outcomes(void **state)
{
	struct action_plan p;
	struct action_result r;
	char why[256];

	action_plan_fixed(FIX_ALLOW_BOOTPD, SFW, &p);
	result(&r, 2, "Firewall settings cannot be modified from command "
	    "line on managed Mac computers.\n", 0);
	assert_int_equal(action_outcome_of(&p, &r, why, sizeof why),
	    OUTCOME_REFUSED);
	result(&r, 1, "socketfilterfw: no\n", 1);
	assert_int_equal(action_outcome_of(&p, &r, why, sizeof why),
	    OUTCOME_FAILED);
	assert_non_null(strstr(why, "status 1"));
	result(&r, 2, "Application at path ( /usr/libexec/bootpd ) added "
	    "to firewall\n", 0);
	assert_int_equal(action_outcome_of(&p, &r, why, sizeof why),
	    OUTCOME_PENDING);
}

static void
test_verify(void **state)
{
	struct firewall fw;

	memset(&fw, 0, sizeof fw);
	fw.state = FW_ON;
	fw.have_reading = true;
	fw.reading.subject_listed = FW_NO;
	assert_int_equal(action_verify(FIX_ALLOW_BOOTPD, &fw),
	    OUTCOME_NO_CHANGE);
	fw.reading.subject_listed = FW_YES;
	fw.reading.subject_blocked = FW_NO;
	assert_int_equal(action_verify(FIX_ALLOW_BOOTPD, &fw), OUTCOME_TOOK);
	assert_int_equal(action_verify(FIX_FIREWALL_OFF, &fw),
	    OUTCOME_NO_CHANGE);
	fw.state = FW_OFF;
	assert_int_equal(action_verify(FIX_FIREWALL_OFF, &fw), OUTCOME_TOOK);
	assert_int_equal(action_verify(FIX_RESTART_BOOTPD, &fw), OUTCOME_RAN);
}

/* The runner: output kept, exit status, a timeout that kills. */
static void
test_runner(void **state)
{
	struct action_step s = { .argc = 3 };
	struct step_result r;

	strcpy(s.argv[0], "/bin/sh");
	strcpy(s.argv[1], "-c");
	strcpy(s.argv[2], "echo hi; echo err >&2; exit 3");
	runner_step(&s, 5, false, &r);
	assert_true(r.ran);
	assert_int_equal(WEXITSTATUS(r.status), 3);
	assert_int_equal(r.outlen, 7);
	strcpy(s.argv[2], "sleep 10");
	runner_step(&s, 0.3, false, &r);
	assert_true(r.timed_out);
	strcpy(s.argv[0], "/nonexistent/program");
	runner_step(&s, 5, false, &r);
	assert_false(r.ran);
}

/* One request to a helper answered in this process. */
static struct helper_reply *
ask(const void *buf, size_t len, bool truncated)
{
	static struct helper_reply reply;
	struct helper_config cfg = { .socketfilterfw = "/bin/true",
	    .timeout = 5 };

	helper_answer(&cfg, buf, len, truncated, &reply);
	return &reply;
}

static void
test_helper_refusals(void **state)
{
	struct helper_request req;
	char garbage[sizeof req];

	memset(garbage, 'A', sizeof garbage);
	assert_int_equal(ask(garbage, sizeof garbage, false)->refused, 1);
	memset(&req, 0, sizeof req);
	req.magic = HELPER_MAGIC;
	req.op = HELPER_OP_PLAN;
	strcpy(req.fix, "allow-bootpd");
	assert_int_equal(ask(&req, sizeof req, false)->refused, 0);
	assert_int_equal(ask(&req, sizeof req - 1, false)->refused, 1);
	assert_int_equal(ask(&req, sizeof req, true)->refused, 1);
	strcpy(req.fix, "/bin/sh");
	assert_int_equal(ask(&req, sizeof req, false)->refused, 1);
	memset(req.fix, 'x', sizeof req.fix);		/* no NUL */
	assert_int_equal(ask(&req, sizeof req, false)->refused, 1);
	strcpy(req.fix, "allow-bootpd");
	strcpy(req.bridge, "br;rm");
	assert_int_equal(ask(&req, sizeof req, false)->refused, 1);
	req.bridge[0] = '\0';
	req.op = 7;
	assert_int_equal(ask(&req, sizeof req, false)->refused, 1);
	req.op = HELPER_OP_RUN;
	req.plan_hash = 1;			/* not what was shown */
	assert_int_equal(ask(&req, sizeof req, false)->refused, 1);
}

/* A real helper over a socketpair: garbage refused, a fix id run. */
static void
test_helper_process(void **state)
{
	static struct helper_reply reply;
	struct helper_config cfg = { .socketfilterfw = "/bin/echo",
	    .timeout = 5 };
	struct action_plan plan;
	char big[4096];
	pid_t pid;
	int fd = helper_spawn(&cfg, &pid), status;

	assert_true(fd >= 0);
	memset(big, 'x', sizeof big);
	assert_int_equal(send(fd, big, sizeof big, 0), sizeof big);
	assert_int_equal(recv(fd, &reply, sizeof reply, 0), sizeof reply);
	assert_int_equal(reply.refused, 1);
	assert_non_null(strstr(reply.why, "wrong size"));
	action_plan_fixed(FIX_FIREWALL_OFF, "/bin/echo", &plan);
	assert_int_equal(helper_send(fd, HELPER_OP_RUN, "firewall-off", "",
	    helper_plan_hash(&plan)), 0);
	assert_int_equal(recv(fd, &reply, sizeof reply, 0), sizeof reply);
	assert_int_equal(reply.refused, 0);
	assert_int_equal(reply.result.nsteps, 1);
	assert_memory_equal(reply.result.steps[0].out,
	    "--setglobalstate off\n", 21);
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_argv),
		cmocka_unit_test(test_fixed_refusals),
		cmocka_unit_test(test_sudo_prefix),
		cmocka_unit_test(test_nft_plan),
		cmocka_unit_test(test_linux_choice),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_runner),
		cmocka_unit_test(test_helper_refusals),
		cmocka_unit_test(test_helper_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

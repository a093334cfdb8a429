/* Command-line parsing: the contract of DESIGN.md and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Parse with messages captured, so tests can check what users see. */
static enum options_result
parse(struct options *opts, int argc, char **argv, char *msg, size_t size)
{
	FILE *out = fmemopen(msg, size, "w");
	enum options_result r;

	memset(msg, 0, size);
	r = options_parse(opts, argc, argv, out, out);
	fclose(out);
	return r;
}

static void
test_defaults(void **state)
{
	char *argv[] = { "vmnetwatch" };
	struct options o;
	char msg[256];

	assert_int_equal(parse(&o, ARGC(argv), argv, msg, sizeof msg),
	    OPTIONS_OK);
	assert_null(o.interface);
	assert_null(o.read_path);
	assert_float_equal(o.poll, 1.0, 0);
	assert_float_equal(o.duration, 5.0, 0);
	assert_float_equal(o.window, 3.0, 0);
	assert_false(o.report);
	assert_false(o.duration_set);
}

static void
test_every_option(void **state)
{
	char *argv[] = { "vmnetwatch", "-i", "bridge100", "-w", "out.pcap",
	    "-l", "leases", "--socketfilterfw", "/tmp/sfw", "--poll", "0.5",
	    "-t", "light", "--report", "--json", "--duration", "2.5",
	    "--window", "4", "--read-only", "--dry-run", "-vv",
	    "--log", "/tmp/log" };
	struct options o;
	char msg[256];

	assert_int_equal(parse(&o, ARGC(argv), argv, msg, sizeof msg),
	    OPTIONS_OK);
	assert_string_equal(o.interface, "bridge100");
	assert_string_equal(o.write_path, "out.pcap");
	assert_string_equal(o.leases_path, "leases");
	assert_string_equal(o.socketfilterfw, "/tmp/sfw");
	assert_string_equal(o.theme, "light");
	assert_string_equal(o.log_path, "/tmp/log");
	assert_float_equal(o.poll, 0.5, 0);
	assert_float_equal(o.duration, 2.5, 0);
	assert_float_equal(o.window, 4, 0);
	assert_true(o.report && o.json && o.read_only && o.dry_run);
	assert_true(o.duration_set);
	assert_int_equal(o.verbose, 2);
}

static void
test_bad_numbers_are_usage_errors(void **state)
{
	char *bad[] = { "-1", "abc", "1e99", "nan", "inf", "", "3s", "0x10" };
	char *argv[] = { "vmnetwatch", "--report", "--duration", NULL };
	struct options o;
	char msg[256];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		argv[3] = bad[i];
		assert_int_equal(parse(&o, ARGC(argv), argv, msg, sizeof msg),
		    OPTIONS_USAGE);
		assert_non_null(strstr(msg, "--duration"));
	}
}

static void
test_too_fast_poll_is_refused(void **state)
{
	char *zero[] = { "vmnetwatch", "--poll", "0" };
	char *tiny[] = { "vmnetwatch", "--poll", "1e-7" };
	char *fine[] = { "vmnetwatch", "--poll", "0.1" };
	struct options o;
	char msg[256];

	assert_int_equal(parse(&o, ARGC(zero), zero, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_int_equal(parse(&o, ARGC(tiny), tiny, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_int_equal(parse(&o, ARGC(fine), fine, msg, sizeof msg),
	    OPTIONS_OK);
}

static void
test_empty_values_are_refused(void **state)
{
	char *iface[] = { "vmnetwatch", "-i", "" };
	char *sfw[] = { "vmnetwatch", "--socketfilterfw", "" };
	struct options o;
	char msg[256];

	assert_int_equal(parse(&o, ARGC(iface), iface, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_non_null(strstr(msg, "empty"));
	assert_int_equal(parse(&o, ARGC(sfw), sfw, msg, sizeof msg),
	    OPTIONS_USAGE);
}

static void
test_conflicts_and_unknowns(void **state)
{
	char *both[] = { "vmnetwatch", "-r", "f.pcap", "-i", "eth0" };
	char *json[] = { "vmnetwatch", "--json" };
	char *unknown[] = { "vmnetwatch", "--frobnicate" };
	char *missing[] = { "vmnetwatch", "-i" };
	char *extra[] = { "vmnetwatch", "stray" };
	struct options o;
	char msg[256];

	assert_int_equal(parse(&o, ARGC(both), both, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_int_equal(parse(&o, ARGC(json), json, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_int_equal(parse(&o, ARGC(unknown), unknown, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_non_null(strstr(msg, "--frobnicate"));
	assert_int_equal(parse(&o, ARGC(missing), missing, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_int_equal(parse(&o, ARGC(extra), extra, msg, sizeof msg),
	    OPTIONS_USAGE);
	assert_non_null(strstr(msg, "stray"));
}

static void
test_help_and_version(void **state)
{
	char *help[] = { "vmnetwatch", "--help" };
	char *version[] = { "vmnetwatch", "-V" };
	struct options o;
	char msg[4096];

	assert_int_equal(parse(&o, ARGC(help), help, msg, sizeof msg),
	    OPTIONS_EXIT);
	assert_non_null(strstr(msg, "--report"));
	assert_non_null(strstr(msg, "--socketfilterfw"));
	assert_int_equal(parse(&o, ARGC(version), version, msg, sizeof msg),
	    OPTIONS_EXIT);
	assert_non_null(strstr(msg, "vmnetwatch "));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_option),
		cmocka_unit_test(test_bad_numbers_are_usage_errors),
		cmocka_unit_test(test_too_fast_poll_is_refused),
		cmocka_unit_test(test_empty_values_are_refused),
		cmocka_unit_test(test_conflicts_and_unknowns),
		cmocka_unit_test(test_help_and_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

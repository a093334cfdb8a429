/* Dropping root: the invoking user for good, and still able to capture. */
#include "config.h"

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
#if defined(__linux__)
#include <arpa/inet.h>
#include <linux/if_ether.h>
#endif

#include <cmocka.h>

#include "privdrop.h"

#define NOBODY	"65534"

enum child_failure {
	CHILD_OK,
	CHILD_DROP_FAILED,
	CHILD_STILL_ROOT,
	CHILD_REGAINED,
	CHILD_NO_CAPTURE,
};

/* In a child, so the test process keeps root: drop, then probe. */
static int
drop_and_probe(void)
{
	char note[256];
	int fd = -1;

	setenv("SUDO_UID", NOBODY, 1);
	setenv("SUDO_GID", NOBODY, 1);
	if (privdrop_to_invoker(note, sizeof note) != 0)
		return CHILD_DROP_FAILED;
	if (getuid() == 0 || geteuid() == 0)
		return CHILD_STILL_ROOT;
	if (setuid(0) == 0 || seteuid(0) == 0)
		return CHILD_REGAINED;
#if defined(__linux__)
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0)
		return CHILD_NO_CAPTURE;
	close(fd);
#endif
	return CHILD_OK;
}

static void
test_drop_keeps_capture_but_not_root(void **state)
{
	int status;
	pid_t pid;

	if (geteuid() != 0) {
		print_message("# not root: nothing to drop here\n");
		return;
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(drop_and_probe());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), CHILD_OK);
}

static void
test_root_without_sudo_stays_root(void **state)
{
	char note[256];

	unsetenv("SUDO_UID");
	unsetenv("SUDO_GID");
	assert_int_equal(privdrop_to_invoker(note, sizeof note), 0);
	assert_true(strlen(note) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drop_keeps_capture_but_not_root),
		cmocka_unit_test(test_root_without_sudo_stays_root),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

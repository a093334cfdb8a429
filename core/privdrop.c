/* Giving up root once the capture is open. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#include "privdrop.h"

/* A positive id from the environment, digits only; 0 when absent. */
static unsigned long
privdrop_env_id(const char *name)
{
	const char *s = getenv(name);
	char *end;
	unsigned long v;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v != (uid_t)v)
		return 0;
	return v;
}

/* Whether any way back to root is still open. */
static int
privdrop_can_regain(void)
{
	return setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0 ||
	    geteuid() == 0 || getuid() == 0;
}

/* The user's own home, for the state directory and the action log. */
static void
privdrop_home(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		setenv("HOME", pw->pw_dir, 1);
}

#if defined(__linux__)
/*
 * Become uid and gid but keep the two capabilities a capture needs, so
 * that a bridge that vanishes and returns can be captured again. Nothing
 * else is kept: no way back to root.
 */
static int
privdrop_switch(uid_t uid, gid_t gid)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	uint32_t keep = (1u << CAP_NET_RAW) | (1u << CAP_NET_ADMIN);

	if (setgroups(1, &gid) != 0 || setgid(gid) != 0 ||
	    prctl(PR_SET_KEEPCAPS, 1L, 0L, 0L, 0L) != 0 ||
	    setresuid(uid, uid, uid) != 0)
		return -1;
	memset(data, 0, sizeof data);
	data[0].permitted = data[0].effective = keep;
	if (syscall(SYS_capset, &hdr, data) != 0)
		return -1;
	return prctl(PR_SET_KEEPCAPS, 0L, 0L, 0L, 0L);
}
#else
/* Become uid and gid; re-attaching a capture then needs access_bpf. */
static int
privdrop_switch(uid_t uid, gid_t gid)
{
	if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
		return -1;
	return 0;
}
#endif

/* Give root up for good, or say why it could not be. */
int
privdrop_to_invoker(char *note, size_t size)
{
	uid_t uid;
	gid_t gid;

	if (geteuid() != 0) {
		snprintf(note, size, "not root: fixes run through sudo");
		return 0;
	}
	uid = (uid_t)privdrop_env_id("SUDO_UID");
	gid = (gid_t)privdrop_env_id("SUDO_GID");
	if (uid == 0) {
		snprintf(note, size, "root without sudo: staying root; "
		    "fixes still go through the helper");
		return 0;
	}
	if (gid == 0)
		gid = (gid_t)uid;
	privdrop_home(uid);
	if (privdrop_switch(uid, gid) != 0) {
		snprintf(note, size, "cannot become uid %lu: %s",
		    (unsigned long)uid, strerror(errno));
		return -1;
	}
	if (privdrop_can_regain()) {
		snprintf(note, size, "root could be regained after dropping "
		    "to uid %lu", (unsigned long)uid);
		return -1;
	}
	snprintf(note, size, "dropped to uid %lu gid %lu; fixes go through "
	    "the helper", (unsigned long)uid, (unsigned long)gid);
	return 0;
}

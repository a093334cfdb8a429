/* Running VM processes and the NICs their command lines give them. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#if defined(__APPLE__)
#include <sys/param.h>
#include <sys/sysctl.h>
#include <sys/wait.h>
#endif

#include "log.h"
#include "model.h"
#include "reconcile.h"
#include "sanitize.h"
#include "util.h"
#include "vms.h"

#define VM_OPT_KEY_MAX	32
#define VM_OPT_VAL_MAX	256
#define VM_NETDEVS_MAX	32
#define VM_ID_MAX	64

/* QEMU's first default MAC; each further NIC without one adds 1. */
static const uint8_t vm_qemu_default_mac[HWADDR_LEN] = {
	0x52, 0x54, 0x00, 0x12, 0x34, 0x56,
};

/* A backend declared by -netdev (or a legacy -net that is not a nic). */
struct vm_netdev {
	char	id[VM_ID_MAX];	/* id=, or vlan number for -net */
	char	type[VM_BACKEND_MAX];
};

/* What a pass over the arguments collects before NICs are made. */
struct vm_parse {
	struct vm		*vm;
	struct vm_netdev	 netdevs[VM_NETDEVS_MAX];
	size_t			 nnetdevs;
	bool			 from_device[VM_NICS_MAX];
	bool			 vfkit;	/* vfkit or krunkit flags */
};

/* One key=value of a QEMU option string, ",," read as a comma. */
struct vm_opt {
	char	key[VM_OPT_KEY_MAX];
	char	val[VM_OPT_VAL_MAX];
};

/* A NIC's properties, from QemuOpts or a JSON object. */
struct vm_nic_props {
	char	head[VM_OPT_VAL_MAX]; /* type, driver or model word */
	char	mac[VM_OPT_VAL_MAX];
	char	netdev[VM_ID_MAX];
	char	id[VM_ID_MAX];
	char	vlan[VM_ID_MAX];
	bool	has_mac, nat, unix_socket, fd;
};

void
vm_table_init(struct vm_table *t)
{
	memset(t, 0, sizeof *t);
}

void
vm_table_free(struct vm_table *t)
{
	free(t->items);
	vm_table_init(t);
}

void
vm_table_clear(struct vm_table *t)
{
	t->count = 0;
	t->dropped = 0;
	t->error[0] = '\0';
}

/* Room for one more VM, or NULL (and a count) past VMS_MAX. */
static struct vm *
vm_table_add(struct vm_table *t)
{
	if (t->count == VMS_MAX) {
		t->dropped++;
		return NULL;
	}
	if (t->count == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->items = xrealloc(t->items, t->cap * sizeof *t->items);
	}
	return &t->items[t->count];
}

static const char *
vm_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

bool
vm_program_known(const char *argv0)
{
	const char *b = vm_basename(argv0);

	return strncmp(b, "qemu-system-", 12) == 0 ||
	    strcmp(b, "QEMULauncher") == 0 || strcmp(b, "vfkit") == 0 ||
	    strcmp(b, "krunkit") == 0;
}

/* Copy what fits of src into dst, always NUL-terminated. */
static void
vm_copy(char *dst, size_t dstsz, const char *src)
{
	size_t n = strnlen(src, dstsz - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * The next element of a QemuOpts string at *cursor. The first element
 * without '=' is the implied key's value (implied may be NULL); later
 * bare words are flags set to "on". Returns false at the end.
 */
static bool
vm_opt_next(const char **cursor, const char *implied, bool first,
    struct vm_opt *o)
{
	const char *p = *cursor;
	char elem[VM_OPT_VAL_MAX + VM_OPT_KEY_MAX];
	size_t n = 0;
	char *eq;

	if (*p == '\0')
		return false;
	for (; *p != '\0'; p++) {
		if (*p == ',' && p[1] == ',')
			p++;
		else if (*p == ',')
			break;
		if (n + 1 < sizeof elem)
			elem[n++] = *p;
	}
	elem[n] = '\0';
	*cursor = *p == ',' ? p + 1 : p;
	eq = strchr(elem, '=');
	if (eq == NULL && first && implied != NULL) {
		vm_copy(o->key, sizeof o->key, implied);
		vm_copy(o->val, sizeof o->val, elem);
	} else if (eq == NULL) {
		vm_copy(o->key, sizeof o->key, elem);
		vm_copy(o->val, sizeof o->val, "on");
	} else {
		*eq = '\0';
		vm_copy(o->key, sizeof o->key, elem);
		vm_copy(o->val, sizeof o->val, eq + 1);
	}
	return true;
}

/* Copy a property the caller may care about into props. */
static void
vm_props_set(struct vm_nic_props *p, const char *key, const char *val)
{
	if (strcmp(key, "mac") == 0 || strcmp(key, "macaddr") == 0) {
		snprintf(p->mac, sizeof p->mac, "%s", val);
		p->has_mac = true;
	} else if (strcmp(key, "netdev") == 0) {
		snprintf(p->netdev, sizeof p->netdev, "%s", val);
	} else if (strcmp(key, "id") == 0 || strcmp(key, "name") == 0) {
		snprintf(p->id, sizeof p->id, "%s", val);
	} else if (strcmp(key, "vlan") == 0) {
		snprintf(p->vlan, sizeof p->vlan, "%s", val);
	} else if (strcmp(key, "nat") == 0) {
		p->nat = true;
	} else if (strcmp(key, "unixSocketPath") == 0) {
		p->unix_socket = true;
	} else if (strcmp(key, "fd") == 0) {
		p->fd = true;
	}
}

/* A JSON object option ({"driver":...} or {"type":...}) into props. */
static int
vm_props_json(struct vm_nic_props *p, const char *s, const char *headkey)
{
	json_t *root, *v;
	const char *key;

	root = json_loads(s, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return -1;
	}
	json_object_foreach(root, key, v) {
		if (!json_is_string(v))
			continue;
		if (strcmp(key, headkey) == 0)
			snprintf(p->head, sizeof p->head, "%s",
			    json_string_value(v));
		else
			vm_props_set(p, key, json_string_value(v));
	}
	json_decref(root);
	return 0;
}

/* An option value in either syntax; implied names its first word. */
static int
vm_props_parse(struct vm_nic_props *p, const char *s, const char *implied,
    const char *headkey)
{
	struct vm_opt o;
	bool first = true;

	memset(p, 0, sizeof *p);
	if (s[0] == '{')
		return vm_props_json(p, s, headkey);
	while (vm_opt_next(&s, implied, first, &o)) {
		if (strcmp(o.key, implied) == 0)
			vm_copy(p->head, sizeof p->head, o.val);
		else
			vm_props_set(p, o.key, o.val);
		first = false;
	}
	return 0;
}

/*
 * A MAC as QEMU reads it: six groups of hex, ':' or '-'. The legacy
 * -net nic,macaddr= also takes an integer (decimal, 0x hex or octal)
 * for the last three bytes; 0 there means "none". Returns 1 for a MAC,
 * 0 for none, -1 for nonsense.
 */
static int
vm_mac_parse(const char *s, bool legacy, uint8_t mac[HWADDR_LEN])
{
	char *end;
	long v;

	if (hwaddr_parse_mac(s, strlen(s), mac) == 0)
		return 1;
	if (!legacy || s[0] == '\0' || s[0] == '-')
		return -1;
	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || *end != '\0' || v < 0 || v > 0xffffff)
		return -1;
	if (v == 0)
		return 0;
	memset(mac, 0, HWADDR_LEN);
	mac[3] = (uint8_t)(v >> 16);
	mac[4] = (uint8_t)(v >> 8);
	mac[5] = (uint8_t)v;
	return 1;
}

static const char *
vm_netdev_type(const struct vm_parse *ps, const char *id)
{
	size_t i;

	for (i = 0; i < ps->nnetdevs; i++)
		if (strcmp(ps->netdevs[i].id, id) == 0)
			return ps->netdevs[i].type;
	return "";
}

static void
vm_netdev_add(struct vm_parse *ps, const char *id, const char *type)
{
	struct vm_netdev *n;

	if (ps->nnetdevs == VM_NETDEVS_MAX)
		return;
	n = &ps->netdevs[ps->nnetdevs++];
	vm_copy(n->id, sizeof n->id, id);
	vm_copy(n->type, sizeof n->type, type);
}

/* Record a NIC; backend names where its packets go. */
static void
vm_nic_add(struct vm_parse *ps, const struct vm_nic_props *p,
    const char *backend, bool legacy, bool device)
{
	struct vm *vm = ps->vm;
	struct vm_nic *nic;

	if (vm->nnics == VM_NICS_MAX) {
		vm->nics_dropped++;
		return;
	}
	ps->from_device[vm->nnics] = device;
	nic = &vm->nics[vm->nnics++];
	memset(nic, 0, sizeof *nic);
	sanitize_str(nic->backend, sizeof nic->backend, backend);
	if (p->has_mac && vm_mac_parse(p->mac, legacy, nic->mac) == 1)
		nic->has_mac = true;
}

/* Whether a -device driver is a network card. */
static bool
vm_driver_is_nic(const struct vm_nic_props *p)
{
	static const char *const nics[] = {
		"virtio-net", "e1000", "rtl8139", "vmxnet3", "ne2k",
		"pcnet", "i8255", "usb-net", "sungem", "spapr-vlan", NULL,
	};
	size_t i;

	if (p->netdev[0] != '\0' || p->has_mac)
		return true;
	for (i = 0; nics[i] != NULL; i++)
		if (strncmp(p->head, nics[i], strlen(nics[i])) == 0)
			return true;
	return false;
}

/* -netdev TYPE,id=ID and legacy -net TYPE (not nic): the backends. */
static void
vm_collect_backend(struct vm_parse *ps, const char *opt, const char *val)
{
	struct vm_nic_props p;

	if (strcmp(opt, "-netdev") == 0) {
		if (vm_props_parse(&p, val, "type", "type") == 0)
			vm_netdev_add(ps, p.id, p.head);
	} else if (strcmp(opt, "-net") == 0) {
		if (vm_props_parse(&p, val, "type", "type") == 0 &&
		    strcmp(p.head, "nic") != 0)
			vm_netdev_add(ps, p.vlan[0] ? p.vlan : "0", p.head);
	}
}

/* The backend of a legacy -net nic: netdev=, else its vlan's -net. */
static const char *
vm_legacy_backend(const struct vm_parse *ps, const struct vm_nic_props *p)
{
	if (p->netdev[0] != '\0')
		return vm_netdev_type(ps, p->netdev);
	return vm_netdev_type(ps, p->vlan[0] ? p->vlan : "0");
}

/* vfkit and krunkit: --device virtio-net,nat|unixSocketPath=|fd=,mac= */
static void
vm_collect_vfkit(struct vm_parse *ps, const char *val)
{
	struct vm_nic_props p;
	const char *backend;

	if (vm_props_parse(&p, val, "type", "type") != 0 ||
	    strcmp(p.head, "virtio-net") != 0)
		return;
	backend = p.nat ? "nat" : p.unix_socket ? "unix-socket" :
	    p.fd ? "fd" : "";
	vm_nic_add(ps, &p, backend, false, false);
}

/* One option that may define a NIC, in command-line order. */
static void
vm_collect_nic(struct vm_parse *ps, const char *opt, const char *val)
{
	struct vm_nic_props p;

	if (ps->vfkit) {
		if (strcmp(opt, "-device") == 0)
			vm_collect_vfkit(ps, val);
		return;
	}
	if (strcmp(opt, "-nic") == 0) {
		if (vm_props_parse(&p, val, "type", "type") == 0 &&
		    strcmp(p.head, "none") != 0)
			vm_nic_add(ps, &p, p.head, false, false);
	} else if (strcmp(opt, "-device") == 0) {
		if (vm_props_parse(&p, val, "driver", "driver") == 0 &&
		    vm_driver_is_nic(&p))
			vm_nic_add(ps, &p, vm_netdev_type(ps, p.netdev),
			    false, true);
	} else if (strcmp(opt, "-net") == 0) {
		if (vm_props_parse(&p, val, "type", "type") == 0 &&
		    strcmp(p.head, "nic") == 0)
			vm_nic_add(ps, &p, vm_legacy_backend(ps, &p), true,
			    false);
	}
}

/* -name NAME or -name guest=NAME,debug-threads=on */
static void
vm_collect_name(struct vm *vm, const char *val)
{
	struct vm_opt o;
	bool first = true;

	while (vm_opt_next(&val, "guest", first, &o)) {
		if (strcmp(o.key, "guest") == 0)
			sanitize_str(vm->name, sizeof vm->name, o.val);
		first = false;
	}
}

/*
 * QEMU creates -nic and -net NICs before -device ones, and each NIC
 * without a MAC takes the next default: 52:54:00:12:34:56, :57, ...
 */
static void
vm_assign_defaults(struct vm_parse *ps)
{
	struct vm *vm = ps->vm;
	unsigned next = 0, pass;
	size_t i;

	if (ps->vfkit)
		return;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < vm->nnics; i++) {
			if (vm->nics[i].has_mac ||
			    ps->from_device[i] != (pass == 1))
				continue;
			memcpy(vm->nics[i].mac, vm_qemu_default_mac,
			    HWADDR_LEN);
			vm->nics[i].mac[5] += (uint8_t)next++;
			vm->nics[i].has_mac = true;
			vm->nics[i].default_mac = true;
		}
	}
}

/*
 * "--device=VALUE" or "-device VALUE"; "--x" is QEMU's "-x" too. An
 * option followed by another one is a flag (-no-reboot, -S).
 */
static bool
vm_option_split(char *const *argv, int argc, int *i, char *opt,
    size_t optsz, const char **val)
{
	const char *a = argv[*i], *eq;

	if (a[0] != '-' || a[1] == '\0')
		return false;
	if (a[1] == '-')
		a++;
	eq = strchr(a, '=');
	if (eq != NULL && argv[*i][1] == '-') {
		snprintf(opt, optsz, "%.*s", (int)(eq - a), a);
		*val = eq + 1;
		return true;
	}
	if (*i + 1 >= argc || argv[*i + 1][0] == '-')
		return false;
	snprintf(opt, optsz, "%s", a);
	*val = argv[++*i];
	return true;
}

/* Walk the arguments once per pass: backends first, then NICs. */
static void
vm_walk(struct vm_parse *ps, int argc, char *const *argv, int pass)
{
	char opt[32];
	const char *val;
	int i;

	for (i = 1; i < argc; i++) {
		if (!vm_option_split(argv, argc, &i, opt, sizeof opt, &val))
			continue;
		if (pass == 0) {
			vm_collect_backend(ps, opt, val);
			if (strcmp(opt, "-name") == 0)
				vm_collect_name(ps->vm, val);
		} else {
			vm_collect_nic(ps, opt, val);
		}
	}
}

int
vm_parse_argv(struct vm *vm, int pid, int argc, char *const *argv)
{
	struct vm_parse ps;
	const char *base;

	if (argc < 1 || !vm_program_known(argv[0]))
		return -1;
	memset(vm, 0, sizeof *vm);
	memset(&ps, 0, sizeof ps);
	ps.vm = vm;
	vm->pid = pid;
	base = vm_basename(argv[0]);
	ps.vfkit = strcmp(base, "vfkit") == 0 || strcmp(base, "krunkit") == 0;
	sanitize_str(vm->program, sizeof vm->program, base);
	vm_walk(&ps, argc, argv, 0);
	vm_walk(&ps, argc, argv, 1);
	vm_assign_defaults(&ps);
	snprintf(vm->label, sizeof vm->label, "%s",
	    vm->name[0] ? vm->name : vm->program);
	return 0;
}

/* Split NUL-separated strings into argv (pointers into buf). */
static int
vm_split_nul(const char *buf, size_t len, char **argv, int max)
{
	size_t pos = 0;
	const char *nul;
	int argc = 0;

	while (pos < len && argc < max) {
		nul = memchr(buf + pos, '\0', len - pos);
		if (nul == NULL)
			break;
		argv[argc++] = (char *)buf + pos;
		pos = (size_t)(nul - buf) + 1;
	}
	return argc;
}

int
vm_parse_cmdline(struct vm *vm, int pid, const char *buf, size_t len)
{
	char **argv;
	size_t n = 0, i;
	int argc, rc;

	if (len == 0 || buf[len - 1] != '\0')
		return -1;
	for (i = 0; i < len; i++)
		n += buf[i] == '\0';
	if (n > VM_ARGS_MAX)
		n = VM_ARGS_MAX;
	argv = xcalloc(n, sizeof *argv);
	argc = vm_split_nul(buf, len, argv, (int)n);
	rc = vm_parse_argv(vm, pid, argc, argv);
	free(argv);
	return rc;
}

int
vm_parse_procargs2(struct vm *vm, int pid, const char *buf, size_t len)
{
	char **argv;
	const char *nul;
	size_t pos = sizeof(int);
	int argc, n, rc;

	if (len < pos)
		return -1;
	memcpy(&argc, buf, sizeof argc);
	if (argc < 1 || argc > VM_ARGS_MAX ||
	    (nul = memchr(buf + pos, '\0', len - pos)) == NULL)
		return -1;
	pos = (size_t)(nul - buf);
	while (pos < len && buf[pos] == '\0')
		pos++;
	argv = xcalloc((size_t)argc, sizeof *argv);
	n = vm_split_nul(buf + pos, len - pos, argv, argc);
	rc = n == argc ? vm_parse_argv(vm, pid, argc, argv) : -1;
	free(argv);
	return rc;
}

/* One "PID COMMAND" line of ps; argv[0] may hold blanks. */
static int
vm_parse_ps_line(struct vm *vm, char *line)
{
	char **argv, *p = line, *end, *dash, *save = NULL;
	long pid;
	int argc = 0, rc;

	while (*p == ' ' || *p == '\t')
		p++;
	pid = strtol(p, &end, 10);
	if (end == p || pid <= 0 || (*end != ' ' && *end != '\t'))
		return -1;
	for (p = end; *p == ' ' || *p == '\t'; p++)
		;
	argv = xcalloc(VM_ARGS_MAX, sizeof *argv);
	dash = strstr(p, " -");
	argv[argc++] = p;
	if (dash != NULL) {
		*dash = '\0';
		for (p = strtok_r(dash + 1, " \t", &save); p != NULL &&
		    argc < VM_ARGS_MAX; p = strtok_r(NULL, " \t", &save))
			argv[argc++] = p;
	}
	rc = vm_parse_argv(vm, (int)pid, argc, argv);
	free(argv);
	return rc;
}

/* Keep a parsed VM, or count it past VMS_MAX. */
static void
vm_table_keep(struct vm_table *t, const struct vm *vm)
{
	struct vm *dst = vm_table_add(t);

	if (dst == NULL)
		return;
	*dst = *vm;
	t->count++;
}

size_t
vm_table_parse_ps(struct vm_table *t, const char *out, size_t len)
{
	char *copy = xcalloc(1, len + 1), *line, *next;
	struct vm vm;
	size_t added = 0;

	memcpy(copy, out, len);
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strlen(line) > VM_CMDLINE_MAX ||
		    vm_parse_ps_line(&vm, line) != 0)
			continue;
		vm_table_keep(t, &vm);
		added++;
	}
	free(copy);
	return added;
}

/* Read the rest of a command line after its first chunk; NUL-ended. */
static char *
vm_read_rest(int fd, const char *first, size_t n, size_t *len)
{
	char *buf = xcalloc(1, VM_CMDLINE_MAX + 1);
	ssize_t got;

	memcpy(buf, first, n);
	while (n < VM_CMDLINE_MAX &&
	    (got = read(fd, buf + n, VM_CMDLINE_MAX - n)) > 0)
		n += (size_t)got;
	if (n > 0 && buf[n - 1] != '\0')
		buf[n++] = '\0';
	*len = n;
	return buf;
}

#if defined(__linux__)
/*
 * Linux: /proc/PID/cmdline holds the exact argv. Only its first chunk is
 * read for processes that are not VMs, which keeps a scan cheap.
 */
static void
vm_scan_pid(struct vm_table *t, const char *pid)
{
	char path[64], first[4096], *buf;
	struct vm vm;
	ssize_t n;
	size_t len;
	int fd;

	snprintf(path, sizeof path, "/proc/%s/cmdline", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, first, sizeof first);
	if (n <= 0 || memchr(first, '\0', (size_t)n) == NULL ||
	    !vm_program_known(first)) {
		close(fd);
		return;
	}
	buf = vm_read_rest(fd, first, (size_t)n, &len);
	close(fd);
	if (vm_parse_cmdline(&vm, atoi(pid), buf, len) == 0)
		vm_table_keep(t, &vm);
	free(buf);
}

static int
vm_scan_host(struct vm_table *t)
{
	struct dirent *de;
	DIR *d;

	if ((d = opendir("/proc")) == NULL) {
		snprintf(t->error, sizeof t->error, "cannot read /proc: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (isdigit((unsigned char)de->d_name[0]))
			vm_scan_pid(t, de->d_name);
	closedir(d);
	return 0;
}
#elif defined(__APPLE__)
/* macOS: the exact argv of one process, when we may read it. */
static int
vm_scan_procargs(struct vm_table *t, pid_t pid)
{
	int mib[3] = { CTL_KERN, KERN_PROCARGS2, (int)pid };
	size_t len = VM_CMDLINE_MAX;
	char *buf = xcalloc(1, len);
	struct vm vm;
	int rc = -1;

	if (sysctl(mib, 3, buf, &len, NULL, 0) == 0) {
		rc = 0;
		if (vm_parse_procargs2(&vm, (int)pid, buf, len) == 0)
			vm_table_keep(t, &vm);
	}
	free(buf);
	return rc;
}

/* `ps` for the VM processes whose argv the kernel would not give us. */
static void
vm_scan_ps(struct vm_table *t)
{
	char *argv[] = { "/bin/ps", "-ww", "-ax", "-o", "pid=,command=",
	    NULL };
	char chunk[65536], *out = NULL;
	size_t len = 0;
	ssize_t n;
	int fds[2], status;
	pid_t child;

	if (pipe(fds) != 0)
		return;
	if ((child = fork()) == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (child > 0 && (n = read(fds[0], chunk, sizeof chunk)) > 0 &&
	    len < VM_CMDLINE_MAX * 16) {
		out = xrealloc(out, len + (size_t)n);
		memcpy(out + len, chunk, (size_t)n);
		len += (size_t)n;
	}
	close(fds[0]);
	if (child > 0)
		waitpid(child, &status, 0);
	if (out != NULL)
		vm_table_parse_ps(t, out, len);
	free(out);
}

static int
vm_scan_host(struct vm_table *t)
{
	int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_ALL, 0 };
	struct kinfo_proc *procs;
	size_t len = 0, i, n;
	bool refused = false;
	char comm[MAXCOMLEN + 1];

	if (sysctl(mib, 4, NULL, &len, NULL, 0) != 0)
		return -1;
	len += len / 4;
	procs = xcalloc(1, len);
	if (sysctl(mib, 4, procs, &len, NULL, 0) != 0) {
		free(procs);
		return -1;
	}
	n = len / sizeof *procs;
	for (i = 0; i < n; i++) {
		snprintf(comm, sizeof comm, "%s", procs[i].kp_proc.p_comm);
		if (!vm_program_known(comm))
			continue;
		if (vm_scan_procargs(t, procs[i].kp_proc.p_pid) != 0)
			refused = true;
	}
	free(procs);
	if (refused) {
		vm_table_clear(t);
		vm_scan_ps(t);
	}
	return 0;
}
#else
static int
vm_scan_host(struct vm_table *t)
{
	snprintf(t->error, sizeof t->error, "no process table reader for "
	    "this system");
	return -1;
}
#endif

int
vm_table_scan(struct vm_table *t)
{
	struct timespec a, b;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &a);
	vm_table_clear(t);
	rc = vm_scan_host(t);
	clock_gettime(CLOCK_MONOTONIC, &b);
	t->scan_ms = (b.tv_sec - a.tv_sec) * 1e3 +
	    (b.tv_nsec - a.tv_nsec) / 1e6;
	t->scanned_at = now_seconds();
	t->scans++;
	return rc;
}

struct vm_scan {
	struct ev_loop	*loop;
	struct model	*m;
	ev_timer	 timer;
	struct vm_table	 fresh;
	uint64_t	 seen;	/* model generation rows were made at */
};

/* Whether two scans found the same processes with the same NICs. */
static bool
vm_table_same(const struct vm_table *a, const struct vm_table *b)
{
	size_t i;

	if (a->count != b->count || strcmp(a->error, b->error) != 0)
		return false;
	for (i = 0; i < a->count; i++)
		if (a->items[i].pid != b->items[i].pid ||
		    a->items[i].nnics != b->items[i].nnics ||
		    strcmp(a->items[i].name, b->items[i].name) != 0 ||
		    memcmp(a->items[i].nics, b->items[i].nics,
		    a->items[i].nnics * sizeof a->items[i].nics[0]) != 0)
			return false;
	return true;
}

/* Rows follow the feed too: remake them when the model moved on. */
static void
vm_scan_reconcile(struct vm_scan *s)
{
	reconcile_model(s->m);
	model_touch(s->m);
	s->seen = s->m->generation;
}

/* Scan; only a change (VMs, or the feed) costs a reconcile and a redraw. */
static void
vm_scan_run(struct vm_scan *s)
{
	struct vm_table *cur = &s->m->vms, tmp;

	vm_table_scan(&s->fresh);
	if (cur->scans > 0 && vm_table_same(cur, &s->fresh)) {
		cur->scanned_at = s->fresh.scanned_at;
		cur->scan_ms = s->fresh.scan_ms;
		cur->scans++;
		if (s->m->generation != s->seen)
			vm_scan_reconcile(s);
		return;
	}
	s->fresh.scans = cur->scans + 1;
	tmp = *cur;
	*cur = s->fresh;
	s->fresh = tmp;
	log_msg(2, "vms: %zu VM processes (scan %.2f ms)", cur->count,
	    cur->scan_ms);
	vm_scan_reconcile(s);
}

static void
vm_scan_on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	vm_scan_run(w->data);
}

struct vm_scan *
vm_scan_new(struct ev_loop *loop, struct model *m, double interval)
{
	struct vm_scan *s = xcalloc(1, sizeof *s);

	s->loop = loop;
	s->m = m;
	vm_table_init(&s->fresh);
	ev_init(&s->timer, vm_scan_on_timer);
	s->timer.repeat = interval > 0 ? interval : VM_SCAN_INTERVAL;
	s->timer.data = s;
	return s;
}

void
vm_scan_start(struct vm_scan *s)
{
	vm_scan_run(s);
	ev_timer_again(s->loop, &s->timer);
}

void
vm_scan_free(struct vm_scan *s)
{
	if (s == NULL)
		return;
	ev_timer_stop(s->loop, &s->timer);
	vm_table_free(&s->fresh);
	free(s);
}

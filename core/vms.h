/* Running VM processes and the NICs their command lines give them. */
#ifndef VMNW_VMS_H
#define VMNW_VMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ev.h>

#include "hwaddr.h"

/*
 * Bounds: at most VMS_MAX processes and VM_NICS_MAX NICs each are kept
 * (more are counted), a command line is read up to VM_CMDLINE_MAX bytes
 * and up to VM_ARGS_MAX arguments.
 */
#define VMS_MAX		4096
#define VM_NICS_MAX	16
#define VM_CMDLINE_MAX	(256u << 10)
#define VM_ARGS_MAX	4096
#define VM_NAME_MAX	128
#define VM_PROGRAM_MAX	64
#define VM_BACKEND_MAX	32
#define VM_SCAN_INTERVAL 2.0	/* seconds between scans */

struct vm_nic {
	uint8_t		mac[HWADDR_LEN];
	bool		has_mac;	/* given, or QEMU's default */
	bool		default_mac; /* none given: QEMU picked one */
	char		backend[VM_BACKEND_MAX];	/* empty: unknown */
};

struct vm {
	int		pid;
	char		name[VM_NAME_MAX]; /* from -name; may be empty */
	char		label[VM_NAME_MAX]; /* -name, lease, or program */
	char		program[VM_PROGRAM_MAX]; /* argv[0]'s base name */
	struct vm_nic	nics[VM_NICS_MAX];
	size_t		nnics;
	size_t		nics_dropped;
};

struct vm_table {
	struct vm	*items;
	size_t		 count, cap;
	size_t		 dropped;		/* past VMS_MAX */
	double		 scanned_at;	/* wall clock, last scan */
	double		 scan_ms;		/* what it cost */
	unsigned long	 scans;
	char		 error[256];	/* why the last scan failed */
};

void vm_table_init(struct vm_table *t);
void vm_table_free(struct vm_table *t);
void vm_table_clear(struct vm_table *t);

/* Whether argv[0] names a VM program: qemu-system-*, QEMULauncher, ... */
bool vm_program_known(const char *argv0);

/*
 * Fill vm from one process's arguments. Returns 0 when argv is a VM
 * program's, -1 otherwise.
 */
int vm_parse_argv(struct vm *vm, int pid, int argc, char *const *argv);

/* The same from /proc/PID/cmdline's NUL-separated bytes. */
int vm_parse_cmdline(struct vm *vm, int pid, const char *buf, size_t len);

/* The same from macOS's KERN_PROCARGS2 buffer (argc, exec path, argv). */
int vm_parse_procargs2(struct vm *vm, int pid, const char *buf,
    size_t len);

/*
 * Add the VMs found in the output of `ps -ww -o pid=,command=`. Such
 * output has lost the argument boundaries: argv[0] runs to the first
 * " -", the rest is split at blanks. Returns the number added.
 */
size_t vm_table_parse_ps(struct vm_table *t, const char *out, size_t len);

/* Scan this host's process table into t (cleared first). */
int vm_table_scan(struct vm_table *t);

/* Rescan on a timer and keep the model's table up to date. */
struct model;
struct vm_scan;
struct vm_scan *vm_scan_new(struct ev_loop *loop, struct model *m,
    double interval);
void vm_scan_start(struct vm_scan *s);
void vm_scan_free(struct vm_scan *s);

#endif

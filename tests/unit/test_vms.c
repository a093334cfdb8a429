/* VM command lines: every tool's NIC syntax, as the research quotes it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vms.h"

#define ARGC(a)	((int)(sizeof(a) / sizeof((a)[0])))

static struct vm vm;

/* Whether NIC i has mac (as text) and backend. */
static void
check_nic(size_t i, const char *mac, const char *backend, bool dflt)
{
	uint8_t want[6];

	assert_true(i < vm.nnics);
	assert_int_equal(hwaddr_parse_mac(mac, strlen(mac), want), 0);
	assert_true(vm.nics[i].has_mac);
	assert_memory_equal(vm.nics[i].mac, want, 6);
	assert_string_equal(vm.nics[i].backend, backend);
	assert_int_equal(vm.nics[i].default_mac, dflt);
}

static int
parse(int argc, char *const *argv)
{
	return vm_parse_argv(&vm, 4242, argc, argv);
}

/* Multipass on macOS: -nic vmnet-shared, a path with a blank. */
static void
test_multipass_macos(void **state)
{
	char *argv[] = {
	    "/Library/Application Support/com.canonical.multipass/bin/"
	    "qemu-system-aarch64", "-nic",
	    "vmnet-shared,model=virtio-net-pci,mac=52:54:00:e2:30:dd",
	    "-nic", "vmnet-bridged,ifname=en0,model=virtio-net-pci,"
	    "mac=52:54:00:e2:30:de" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_string_equal(vm.program, "qemu-system-aarch64");
	assert_int_equal(vm.nnics, 2);
	check_nic(0, "52:54:00:e2:30:dd", "vmnet-shared", false);
	check_nic(1, "52:54:00:e2:30:de", "vmnet-bridged", false);
	assert_string_equal(vm.label, "qemu-system-aarch64");
}

/* Multipass on Linux: -nic tap and -nic bridge. */
static void
test_multipass_linux(void **state)
{
	char *argv[] = { "qemu-system-x86_64", "--enable-kvm", "-cpu", "host",
	    "-nic", "tap,ifname=tap-87be9fde67e,script=no,downscript=no,"
	    "model=virtio-net-pci,mac=52:54:00:c1:a3:0e",
	    "-nic", "bridge,br=br0,model=virtio-net-pci,mac=52:54:00:c1:a3:0f,"
	    "helper=./bridge_helper", "-qmp", "stdio" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 2);
	check_nic(0, "52:54:00:c1:a3:0e", "tap", false);
	check_nic(1, "52:54:00:c1:a3:0f", "bridge", false);
}

/* Lima: user net0 and a stream socket_vmnet net1, dotted keys. */
static void
test_lima(void **state)
{
	char *argv[] = { "qemu-system-aarch64", "-netdev",
	    "user,id=net0,net=192.168.5.0/24,dhcpstart=192.168.5.15,"
	    "hostfwd=tcp:127.0.0.1:60022-:22",
	    "-device", "virtio-net-pci,netdev=net0,mac=52:55:55:12:34:01",
	    "-netdev", "stream,id=net1,server=off,addr.type=unix,"
	    "addr.path=/private/var/run/lima/socket_vmnet.shared,"
	    "reconnect-ms=500",
	    "-device", "virtio-net-pci,netdev=net1,mac=52:55:55:12:34:02" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 2);
	check_nic(0, "52:55:55:12:34:01", "user", false);
	check_nic(1, "52:55:55:12:34:02", "stream", false);
}

/* minikube qemu2: -device before its -netdev socket,fd=3. */
static void
test_minikube(void **state)
{
	char *argv[] = { "qemu-system-aarch64", "-device",
	    "virtio-net-pci,netdev=net0,mac=be:3e:4c:9a:0b:11", "-netdev",
	    "socket,id=net0,fd=3", "-daemonize", "disk.qcow2" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 1);
	check_nic(0, "be:3e:4c:9a:0b:11", "socket", false);
}

/* socket_vmnet's README example has no mac=: QEMU's default MAC. */
static void
test_socket_vmnet_default_mac(void **state)
{
	char *argv[] = { "qemu-system-x86_64", "-device",
	    "virtio-net-pci,netdev=net0", "-netdev", "socket,id=net0,fd=3" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 1);
	check_nic(0, "52:54:00:12:34:56", "socket", true);
}

/* -nic NICs are made before -device ones; each default adds one. */
static void
test_default_mac_order(void **state)
{
	char *argv[] = { "qemu-system-x86_64", "-device",
	    "e1000,netdev=a", "-netdev", "user,id=a", "-nic", "user",
	    "-nic", "tap,mac=52:54:00:aa:bb:cc", "-nic", "none" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 3);
	check_nic(0, "52:54:00:12:34:57", "user", true);
	check_nic(1, "52:54:00:12:34:56", "user", true);
	check_nic(2, "52:54:00:aa:bb:cc", "tap", false);
}

/* UTM: QEMULauncher, mac= before netdev=, upper case; legacy -net nic. */
static void
test_utm(void **state)
{
	char *argv[] = { "/Applications/UTM.app/Contents/XPCServices/"
	    "QEMUHelper.xpc/Contents/MacOS/QEMULauncher.app/Contents/MacOS/"
	    "QEMULauncher", "-L", "/x", "-device",
	    "virtio-net-pci,mac=CE:B0:CC:DB:F0:CC,netdev=net0", "-netdev",
	    "vmnet-shared,id=net0", "-netdev", "vmnet-host,id=net1",
	    "-net", "nic,macaddr=CE:B0:CC:DB:F0:CD,netdev=net1,model=sunhme" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_string_equal(vm.program, "QEMULauncher");
	assert_int_equal(vm.nnics, 2);
	check_nic(0, "ce:b0:cc:db:f0:cc", "vmnet-shared", false);
	check_nic(1, "ce:b0:cc:db:f0:cd", "vmnet-host", false);
}

/* libvirt's QemuOpts generation, and its JSON one. */
static void
test_libvirt(void **state)
{
	char *opts[] = { "/usr/bin/qemu-system-x86_64", "-name",
	    "guest=vm1,debug-threads=on", "-netdev",
	    "tap,fd=26,id=hostnet0,vhost=on,vhostfd=28", "-device",
	    "virtio-net-pci,netdev=hostnet0,id=net0,mac=00:11:22:33:44:55,"
	    "bus=pci.0,addr=0x3" };
	char *json[] = { "/usr/bin/qemu-system-x86_64", "-name",
	    "guest=web,debug-threads=on", "-netdev",
	    "{\"type\":\"tap\",\"fd\":\"34\",\"vhost\":true,\"vhostfd\":\"38\","
	    "\"id\":\"hostnet0\"}", "-device",
	    "{\"driver\":\"virtio-net-pci\",\"netdev\":\"hostnet0\",\"id\":"
	    "\"net0\",\"mac\":\"52:54:00:7a:e8:17\",\"bus\":\"pci.1\","
	    "\"addr\":\"0x0\"}", "-device",
	    "{\"driver\":\"virtio-blk-pci\",\"id\":\"disk0\"}" };

	assert_int_equal(parse(ARGC(opts), opts), 0);
	assert_string_equal(vm.name, "vm1");
	check_nic(0, "00:11:22:33:44:55", "tap", false);
	assert_int_equal(parse(ARGC(json), json), 0);
	assert_string_equal(vm.name, "web");
	assert_string_equal(vm.label, "web");
	assert_int_equal(vm.nnics, 1);
	check_nic(0, "52:54:00:7a:e8:17", "tap", false);
}

/* Old libvirt: -net nic,macaddr=,vlan=0 with -net tap on vlan 0. */
static void
test_legacy_net(void **state)
{
	char *argv[] = { "qemu-system-x86_64", "-net",
	    "nic,macaddr=52:54:00:5d:1:2,vlan=0,model=virtio", "-net",
	    "tap,fd=17,vlan=0,name=hostnet0", "-net", "nic,macaddr=0x123457",
	    "-net", "nic,macaddr=0", "-net", "nic,macaddr=1193046" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 4);
	check_nic(0, "52:54:00:5d:01:02", "tap", false);
	check_nic(1, "00:00:00:12:34:57", "tap", false);
	check_nic(2, "52:54:00:12:34:56", "tap", true);
	check_nic(3, "00:00:00:12:34:56", "tap", false);
}

/* vfkit: nat, unixSocketPath (podman), fd (vmnet-helper); krunkit. */
static void
test_vfkit(void **state)
{
	char *argv[] = { "/opt/homebrew/bin/vfkit", "--cpus", "2",
	    "--device", "virtio-net,nat,mac=52:54:00:70:2b:71",
	    "--device", "virtio-net,unixSocketPath=/var/folders/x/"
	    "podman-machine-default-gvproxy.sock,mac=5a:94:ef:e4:0c:ee",
	    "--device=virtio-net,fd=4,mac=52:54:00:70:2b:72",
	    "--device", "virtio-blk,path=/x.img",
	    "--device", "virtio-net,nat" };
	char *krun[] = { "krunkit", "--device",
	    "virtio-net,unixSocketPath=/tmp/s.sock,mac=5a:94:ef:e4:0c:ef" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_int_equal(vm.nnics, 4);
	check_nic(0, "52:54:00:70:2b:71", "nat", false);
	check_nic(1, "5a:94:ef:e4:0c:ee", "unix-socket", false);
	check_nic(2, "52:54:00:70:2b:72", "fd", false);
	assert_false(vm.nics[3].has_mac);
	assert_false(vm.nics[3].default_mac);
	assert_int_equal(parse(ARGC(krun), krun), 0);
	check_nic(0, "5a:94:ef:e4:0c:ef", "unix-socket", false);
}

/* Dashes, ",," escapes, -name forms, and a MAC QEMU would refuse. */
static void
test_syntax_corners(void **state)
{
	char *argv[] = { "qemu-system-x86_64", "-name", "lab,,one",
	    "-netdev", "stream,id=n1,addr.path=/tmp/a,,mac=1,,b",
	    "-device", "virtio-net-pci,netdev=n1,mac=52-54-00-0A-0b-0C",
	    "--nic", "user,mac=nonsense" };
	char *plain[] = { "qemu-system-riscv64", "-name", "solo" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_string_equal(vm.name, "lab,one");
	assert_int_equal(vm.nnics, 2);
	check_nic(0, "52:54:00:0a:0b:0c", "stream", false);
	check_nic(1, "52:54:00:12:34:56", "user", true);
	assert_int_equal(parse(ARGC(plain), plain), 0);
	assert_string_equal(vm.name, "solo");
	assert_int_equal(vm.nnics, 0);
}

/* LXD passes NICs over QMP: none in argv. Not VMs: other programs. */
static void
test_lxd_and_others(void **state)
{
	char *lxd[] = { "qemu-system-x86_64", "-S", "-name", "c1", "-uuid",
	    "x", "-daemonize", "-nodefaults", "-readconfig",
	    "/var/snap/lxd/common/lxd/logs/c1/qemu.conf" };
	char *bash[] = { "/bin/bash", "-c", "qemu-system-x86_64 -nic user" };
	char *limactl[] = { "limactl", "hostagent" };

	assert_int_equal(parse(ARGC(lxd), lxd), 0);
	assert_int_equal(vm.nnics, 0);
	assert_int_equal(parse(ARGC(bash), bash), -1);
	assert_int_equal(parse(ARGC(limactl), limactl), -1);
	assert_int_equal(parse(0, bash), -1);
}

/* The lab's own /proc/PID/cmdline (vm-lab.md), NULs and all. */
static void
test_cmdline(void **state)
{
	static const char g2[] = "qemu-system-x86_64\0-name\0g2\0-accel\0tcg"
	    "\0-m\0128\0-append\0console=ttyS0 panic=-1 quiet lab.name=g2\0"
	    "-no-reboot\0-netdev\0tap,id=n0,ifname=tap-g2,script=no,"
	    "downscript=no\0-device\0virtio-net-pci,netdev=n0,"
	    "mac=52:54:00:01:8f:ab\0";
	static const char ipnetns[] = "ip\0netns\0exec\0host\0"
	    "qemu-system-x86_64\0-accel\0tcg\0";

	assert_int_equal(vm_parse_cmdline(&vm, 7, g2, sizeof g2 - 1), 0);
	assert_int_equal(vm.pid, 7);
	assert_string_equal(vm.name, "g2");
	check_nic(0, "52:54:00:01:8f:ab", "tap", false);
	assert_int_equal(vm_parse_cmdline(&vm, 7, ipnetns,
	    sizeof ipnetns - 1), -1);
	assert_int_equal(vm_parse_cmdline(&vm, 7, g2, 5), -1);
	assert_int_equal(vm_parse_cmdline(&vm, 7, g2, 0), -1);
}

/* macOS KERN_PROCARGS2: argc, exec path, padding, then argv. */
static void
test_procargs2(void **state)
{
	char buf[256];
	int argc = 3;
	size_t n = 0;
	static const char rest[] = "/usr/local/bin/qemu-system-aarch64\0\0\0"
	    "qemu-system-aarch64\0-nic\0vmnet-shared,mac=52:54:00:e2:30:dd\0"
	    "PATH=/usr/bin\0";

	memcpy(buf, &argc, sizeof argc);
	n = sizeof argc;
	memcpy(buf + n, rest, sizeof rest);
	n += sizeof rest;
	assert_int_equal(vm_parse_procargs2(&vm, 9, buf, n), 0);
	check_nic(0, "52:54:00:e2:30:dd", "vmnet-shared", false);
	argc = 9;
	memcpy(buf, &argc, sizeof argc);
	assert_int_equal(vm_parse_procargs2(&vm, 9, buf, n), -1);
	assert_int_equal(vm_parse_procargs2(&vm, 9, buf, 2), -1);
}

/* The ps fallback: argv[0] keeps its blank, other lines are skipped. */
static void
test_ps(void **state)
{
	static const char out[] =
	    "    1 /sbin/launchd\n"
	    "  812 /Library/Application Support/com.canonical.multipass/bin/"
	    "qemu-system-aarch64 -nic vmnet-shared,model=virtio-net-pci,"
	    "mac=52:54:00:e2:30:dd -name primary\n"
	    "  901 /opt/homebrew/bin/vfkit --device virtio-net,nat,"
	    "mac=52:54:00:70:2b:71\n"
	    "junk\n"
	    "  902 qemu-system-x86_64";
	struct vm_table t;

	vm_table_init(&t);
	assert_int_equal(vm_table_parse_ps(&t, out, sizeof out - 1), 3);
	assert_int_equal(t.items[0].pid, 812);
	assert_string_equal(t.items[0].name, "primary");
	assert_int_equal(t.items[0].nnics, 1);
	assert_int_equal(t.items[0].nics[0].mac[4], 0x30);
	assert_int_equal(t.items[1].pid, 901);
	assert_string_equal(t.items[1].program, "vfkit");
	assert_int_equal(t.items[2].nnics, 0);
	vm_table_free(&t);
}

/* The real process table: a scan works and is cheap. */
static void
test_scan(void **state)
{
	struct vm_table t;

	vm_table_init(&t);
#if defined(__linux__)
	assert_int_equal(vm_table_scan(&t), 0);
	assert_true(t.scan_ms < 1000);
#endif
	vm_table_free(&t);
}

/* Argument text reaches names only through the sanitiser. */
static void
test_hostile_name(void **state)
{
	char *argv[] = { "qemu-system-x86_64", "-name",
	    "guest=\x1b]0;pwned\x07,debug-threads=on" };

	assert_int_equal(parse(ARGC(argv), argv), 0);
	assert_null(strchr(vm.name, 0x1b));
	assert_null(strchr(vm.name, 0x07));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multipass_macos),
		cmocka_unit_test(test_multipass_linux),
		cmocka_unit_test(test_lima),
		cmocka_unit_test(test_minikube),
		cmocka_unit_test(test_socket_vmnet_default_mac),
		cmocka_unit_test(test_default_mac_order),
		cmocka_unit_test(test_utm),
		cmocka_unit_test(test_libvirt),
		cmocka_unit_test(test_legacy_net),
		cmocka_unit_test(test_vfkit),
		cmocka_unit_test(test_syntax_corners),
		cmocka_unit_test(test_lxd_and_others),
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_procargs2),
		cmocka_unit_test(test_ps),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_hostile_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

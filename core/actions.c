/* Fixes: fixed argument vectors, what they change, and how they went. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actions.h"
#include "firewall.h"

#define ACTION_LAUNCHCTL	"/bin/launchctl"
#define ACTION_BOOTPD_LABEL	"system/com.apple.bootpd"
#define ACTION_WORD_MAX		64	/* an nft word we care about */

const struct fix_def fix_table[FIX_COUNT] = {
	{ FIX_ALLOW_BOOTPD, "allow-bootpd", 'B', "allow bootpd",
	  "adds bootpd to the Application Firewall and allows its incoming "
	  "connections", FIX_NEEDS_SOCKETFILTERFW, -1 },
	{ FIX_READD_BOOTPD, "readd-bootpd", 'R', "re-add bootpd",
	  "removes bootpd's firewall rule, adds it again and allows it "
	  "(a stale rule, socket_vmnet#62)", FIX_NEEDS_SOCKETFILTERFW, -1 },
	{ FIX_FIREWALL_OFF, "firewall-off", 'F', "firewall off",
	  "switches the Application Firewall off for every program; "
	  "O switches it back on", FIX_NEEDS_SOCKETFILTERFW,
	  FIX_FIREWALL_ON },
	{ FIX_FIREWALL_ON, "firewall-on", 'O', "firewall on",
	  "switches the Application Firewall on", FIX_NEEDS_SOCKETFILTERFW,
	  -1 },
	{ FIX_RESTART_BOOTPD, "restart-bootpd", 'K', "restart bootpd",
	  "makes launchd stop bootpd and start it again",
	  FIX_NEEDS_LAUNCHCTL, -1 },
	{ FIX_ALLOW_DHCP_ON_BRIDGE, "allow-dhcp-on-bridge", 'A', "allow DHCP",
	  "lets DHCP requests on the bridge reach its DHCP server, in "
	  "whichever firewall drops them", FIX_NEEDS_LINUX_FIREWALL, -1 },
};

/* A fix by its DESIGN.md id; NULL for anything else. */
const struct fix_def *
fix_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < FIX_COUNT; i++)
		if (strcmp(fix_table[i].name, name) == 0)
			return &fix_table[i];
	return NULL;
}

/* The fix a default key applies, or NULL. */
const struct fix_def *
fix_by_key(int key)
{
	size_t i;

	for (i = 0; i < FIX_COUNT; i++)
		if (fix_table[i].key == key)
			return &fix_table[i];
	return NULL;
}

/* Append one command; -1 when a word or the plan has no room. */
static int
action_plan_add(struct action_plan *plan, const char *first, ...)
{
	struct action_step *step;
	const char *word;
	va_list ap;
	int rc = 0;

	if (plan->nsteps == ACTION_STEPS)
		return -1;
	step = &plan->steps[plan->nsteps];
	memset(step, 0, sizeof *step);
	va_start(ap, first);
	for (word = first; word != NULL; word = va_arg(ap, const char *)) {
		if (step->argc + 1 >= ACTION_ARGS ||
		    strlen(word) >= ACTION_ARG_MAX) {
			rc = -1;
			break;
		}
		strcpy(step->argv[step->argc++], word);
	}
	va_end(ap);
	if (rc == 0)
		plan->nsteps++;
	return rc;
}

/* An empty plan for fix. */
static void
action_plan_init(struct action_plan *plan, int fix)
{
	memset(plan, 0, sizeof *plan);
	plan->fix = fix;
}

/* The socketfilterfw commands of each firewall fix. */
static int
action_plan_sfw(int fix, const char *sfw, struct action_plan *p)
{
	const char *b = FIREWALL_BOOTPD;

	switch (fix) {
	case FIX_READD_BOOTPD:
		if (action_plan_add(p, sfw, "--remove", b, NULL) != 0)
			return -1;
		/* FALLTHROUGH */
	case FIX_ALLOW_BOOTPD:
		return action_plan_add(p, sfw, "--add", b, NULL) != 0 ||
		    action_plan_add(p, sfw, "--unblockapp", b, NULL) != 0 ?
		    -1 : 0;
	case FIX_FIREWALL_OFF:
		return action_plan_add(p, sfw, "--setglobalstate", "off",
		    NULL);
	case FIX_FIREWALL_ON:
		return action_plan_add(p, sfw, "--setglobalstate", "on",
		    NULL);
	}
	return -1;
}

/* The fixed commands of the macOS fixes. */
int
action_plan_fixed(int fix, const char *socketfilterfw,
    struct action_plan *plan)
{
	action_plan_init(plan, fix);
	if (fix == FIX_RESTART_BOOTPD)
		return action_plan_add(plan, ACTION_LAUNCHCTL, "kickstart",
		    "-kp", ACTION_BOOTPD_LABEL, NULL);
	if (fix < 0 || fix >= FIX_COUNT || fix_table[fix].needs !=
	    FIX_NEEDS_SOCKETFILTERFW || socketfilterfw == NULL ||
	    socketfilterfw[0] != '/')
		return -1;
	return action_plan_sfw(fix, socketfilterfw, plan);
}

/* Only names an interface can have reach argv or the helper. */
bool
action_bridge_valid(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || s[0] == '-')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (i + 1 >= ACTION_BRIDGE_MAX || !(isalnum((unsigned char)s[i])
		    || s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/* The next space-separated word of a line: a cursor and what is left. */
static size_t
action_word(const char **cur, const char *end, char *dst, size_t size)
{
	const char *p = *cur;
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (p < end && *p != ' ' && *p != '\t') {
		if (n + 1 < size)
			dst[n++] = *p;
		p++;
	}
	dst[n] = '\0';
	*cur = p;
	return n;
}

/* What the rule lines of nft -a list ruleset are inside of. */
struct nft_scope {
	char	family[ACTION_WORD_MAX];
	char	table[ACTION_WORD_MAX];
	char	chain[ACTION_WORD_MAX];
};

/* A rule's facts: whether it drops DHCP on the bridge, and its handle. */
struct nft_rule {
	bool	udp, dport67, drop, iif_other, iif_ours;
	char	handle[ACTION_WORD_MAX];
};

/* A table or chain line moves the scope; a rule line gives facts. */
static void
action_nft_words(const char *line, const char *end, const char *bridge,
    struct nft_scope *sc, struct nft_rule *r)
{
	char w[ACTION_WORD_MAX], prev[ACTION_WORD_MAX] = "", quoted[80];
	const char *cur = line;

	memset(r, 0, sizeof *r);
	action_word(&cur, end, w, sizeof w);
	if (strcmp(w, "table") == 0) {
		action_word(&cur, end, sc->family, sizeof sc->family);
		action_word(&cur, end, sc->table, sizeof sc->table);
		sc->chain[0] = '\0';
		return;
	}
	if (strcmp(w, "chain") == 0) {
		action_word(&cur, end, sc->chain, sizeof sc->chain);
		return;
	}
	snprintf(quoted, sizeof quoted, "\"%s\"", bridge);
	for (; w[0] != '\0'; action_word(&cur, end, w, sizeof w)) {
		if (strcmp(prev, "handle") == 0)
			snprintf(r->handle, sizeof r->handle, "%s", w);
		else if (strcmp(prev, "iifname") == 0 ||
		    strcmp(prev, "iif") == 0)
			*(strcmp(w, quoted) == 0 || strcmp(w, bridge) == 0 ?
			    &r->iif_ours : &r->iif_other) = true;
		else if (strcmp(prev, "dport") == 0)
			r->dport67 = strcmp(w, "67") == 0 ||
			    strcmp(w, "bootps") == 0;
		if (strcmp(w, "udp") == 0)
			r->udp = true;
		if (strcmp(w, "drop") == 0 || strcmp(w, "reject") == 0)
			r->drop = true;
		snprintf(prev, sizeof prev, "%s", w);
	}
}

/* A name nft gave that we may pass back as one argument. */
static bool
action_nft_name_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-' && s[i] != '.')
			return false;
	return i > 0;
}

/* One rule line: delete it when it drops udp/67 from the bridge. */
static void
action_nft_rule(struct action_plan *plan, const struct nft_scope *sc,
    const struct nft_rule *r, const char *nft)
{
	if (!r->udp || !r->dport67 || !r->drop || r->iif_other ||
	    r->handle[0] == '\0' || sc->chain[0] == '\0')
		return;
	if (!action_nft_name_ok(sc->family) || !action_nft_name_ok(sc->table)
	    || !action_nft_name_ok(sc->chain) ||
	    strspn(r->handle, "0123456789") != strlen(r->handle))
		return;
	action_plan_add(plan, nft, "delete", "rule", sc->family, sc->table,
	    sc->chain, "handle", r->handle, NULL);
}

/* Every rule of the listing that keeps DHCP from the bridge's server. */
static void
action_nft_scan(struct action_plan *plan, const char *out,
    const char *bridge, const char *nft)
{
	struct nft_scope sc;
	struct nft_rule r;
	const char *line = out, *end;

	memset(&sc, 0, sizeof sc);
	while (*line != '\0') {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		action_nft_words(line, end, bridge, &sc, &r);
		action_nft_rule(plan, &sc, &r, nft);
		line = *end == '\n' ? end + 1 : end;
	}
}

/* Whether output starts with word, after blanks, as a whole line. */
static bool
action_says(const char *out, const char *word)
{
	size_t n = strlen(word);

	if (out == NULL)
		return false;
	while (*out == ' ' || *out == '\t')
		out++;
	return strncmp(out, word, n) == 0 && (out[n] == '\0' ||
	    out[n] == '\n' || out[n] == ' ');
}

/* The firewalld and ufw commands of the LXD and Multipass docs. */
static enum linux_fw
action_plan_named(struct action_plan *plan, const char *bridge,
    bool firewalld, const char *firewall_cmd, const char *ufw)
{
	char zone[ACTION_ARG_MAX];

	snprintf(zone, sizeof zone, "--change-interface=%s", bridge);
	if (firewalld) {
		action_plan_add(plan, firewall_cmd, "--zone=trusted", zone,
		    NULL);
		action_plan_add(plan, firewall_cmd, "--permanent",
		    "--zone=trusted", zone, NULL);
		snprintf(plan->note, sizeof plan->note, "firewalld runs: "
		    "put %s in the trusted zone, now and after reboots",
		    bridge);
		return LINUX_FW_FIREWALLD;
	}
	action_plan_add(plan, ufw, "allow", "in", "on", bridge, "to", "any",
	    "port", "67", "proto", "udp", NULL);
	snprintf(plan->note, sizeof plan->note, "ufw is active: allow "
	    "udp/67 in on %s", bridge);
	return LINUX_FW_UFW;
}

/* The first firewall in charge decides the commands. */
enum linux_fw
action_plan_linux(struct action_plan *plan, const char *bridge,
    const char *firewalld_out, const char *ufw_out, const char *nft_out,
    const char *firewall_cmd, const char *ufw, const char *nft)
{
	action_plan_init(plan, FIX_ALLOW_DHCP_ON_BRIDGE);
	if (!action_bridge_valid(bridge)) {
		snprintf(plan->note, sizeof plan->note, "no bridge to fix");
		return LINUX_FW_NONE;
	}
	if (firewall_cmd != NULL && action_says(firewalld_out, "running"))
		return action_plan_named(plan, bridge, true, firewall_cmd,
		    ufw);
	if (ufw != NULL && action_says(ufw_out, "Status: active"))
		return action_plan_named(plan, bridge, false, firewall_cmd,
		    ufw);
	if (nft != NULL && nft_out != NULL)
		action_nft_scan(plan, nft_out, bridge, nft);
	if (plan->nsteps > 0) {
		snprintf(plan->note, sizeof plan->note, "nftables: delete "
		    "the %zu rule%s dropping udp/67 on %s", plan->nsteps,
		    plan->nsteps == 1 ? "" : "s", bridge);
		return LINUX_FW_NFTABLES;
	}
	snprintf(plan->note, sizeof plan->note, "no firewall rule found "
	    "that drops DHCP on %s", bridge);
	return LINUX_FW_NONE;
}

/* Run every step as root through sudo, argv intact. */
int
action_plan_sudo(struct action_plan *plan, const char *sudo)
{
	struct action_step *s;
	size_t i;

	for (i = 0; i < plan->nsteps; i++) {
		s = &plan->steps[i];
		if (s->argc + 2 >= ACTION_ARGS)
			return -1;
		memmove(s->argv[2], s->argv[0], s->argc * ACTION_ARG_MAX);
		snprintf(s->argv[0], ACTION_ARG_MAX, "%s", sudo);
		snprintf(s->argv[1], ACTION_ARG_MAX, "--");
		s->argc += 2;
	}
	return 0;
}

/* A word as a shell would need it to mean the same; display only. */
static void
action_word_format(const char *w, char *dst, size_t size)
{
	if (w[0] != '\0' && strspn(w, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") == strlen(w))
		snprintf(dst, size, "%s", w);
	else
		snprintf(dst, size, "'%s'", w);
}

/* For the dialog and the log: what exactly runs. */
void
action_step_format(const struct action_step *step, char *dst, size_t size)
{
	char word[ACTION_ARG_MAX + 2];
	size_t i, used = 0;

	dst[0] = '\0';
	for (i = 0; i < step->argc && used + 1 < size; i++) {
		action_word_format(step->argv[i], word, sizeof word);
		used += snprintf(dst + used, size - used, "%s%s",
		    i > 0 ? " " : "", word);
	}
}

/* The first line of a command's output, raw, for a reason. */
static void
action_first_line(const struct step_result *s, char *dst, size_t size)
{
	size_t n = 0;

	while (n < s->outlen && s->out[n] != '\n' && n + 1 < size)
		n++;
	memcpy(dst, s->out, n);
	dst[n] = '\0';
}

/* Why one command did not run to a clean exit; 0 when it did. */
static int
action_step_failed(const struct step_result *s, size_t i, char *why,
    size_t size)
{
	char line[120];

	action_first_line(s, line, sizeof line);
	if (!s->ran)
		snprintf(why, size, "command %zu could not start: %s", i + 1,
		    strerror(s->start_errno));
	else if (s->timed_out)
		snprintf(why, size, "command %zu gave no answer in time; "
		    "killed", i + 1);
	else if (WIFSIGNALED(s->status))
		snprintf(why, size, "command %zu died of signal %d", i + 1,
		    WTERMSIG(s->status));
	else if (WIFEXITED(s->status) && WEXITSTATUS(s->status) != 0)
		snprintf(why, size, "command %zu exited with status %d%s%s",
		    i + 1, WEXITSTATUS(s->status), line[0] ? ": " : "", line);
	else
		return 0;
	return -1;
}

/* The commands' own word: refusal first, since it exits 0. */
enum action_outcome
action_outcome_of(const struct action_plan *plan,
    const struct action_result *res, char *why, size_t size)
{
	struct fw_reading r;
	size_t i;

	why[0] = '\0';
	firewall_reading_init(&r);
	for (i = 0; i < res->nsteps; i++)
		firewall_parse(&r, res->steps[i].out, res->steps[i].outlen,
		    FIREWALL_BOOTPD);
	if (r.managed) {
		snprintf(why, size, "socketfilterfw: settings cannot be "
		    "modified from the command line on a managed Mac");
		return OUTCOME_REFUSED;
	}
	for (i = 0; i < res->nsteps; i++)
		if (action_step_failed(&res->steps[i], i, why, size) != 0)
			return OUTCOME_FAILED;
	if (res->nsteps < plan->nsteps) {
		snprintf(why, size, "stopped after %zu of %zu commands",
		    res->nsteps, plan->nsteps);
		return OUTCOME_FAILED;
	}
	return OUTCOME_PENDING;
}

/* bootpd listed and allowed, or nothing filtering it at all. */
static bool
action_bootpd_allowed(const struct firewall *fw)
{
	const struct fw_reading *r = &fw->reading;

	if (fw->state == FW_OFF)
		return true;
	return fw->have_reading && r->subject_listed == FW_YES &&
	    r->subject_blocked == FW_NO;
}

/* What the re-probe says about the fix that just ran. */
enum action_outcome
action_verify(int fix, const struct firewall *fw)
{
	bool took;

	switch (fix) {
	case FIX_ALLOW_BOOTPD:
	case FIX_READD_BOOTPD:
		took = action_bootpd_allowed(fw);
		break;
	case FIX_FIREWALL_OFF:
		took = fw->state == FW_OFF;
		break;
	case FIX_FIREWALL_ON:
		took = fw->state == FW_ON || fw->state == FW_BLOCK_ALL;
		break;
	default:
		return OUTCOME_RAN;
	}
	return took ? OUTCOME_TOOK : OUTCOME_NO_CHANGE;
}

/* The plain words the Actions pane and the log use. */
const char *
action_outcome_name(enum action_outcome o)
{
	switch (o) {
	case OUTCOME_PENDING:	return "ran; waiting for the re-probe";
	case OUTCOME_DRY_RUN:	return "dry run: nothing ran";
	case OUTCOME_TOOK:	return "took";
	case OUTCOME_NO_CHANGE:
		return "printed success but changed nothing";
	case OUTCOME_REFUSED:	return "refused by management";
	case OUTCOME_FAILED:	return "failed";
	case OUTCOME_RAN:	return "ran; nothing to check it against";
	case OUTCOME_UNCONFIRMED: return "ran; the re-probe did not answer";
	}
	return "unknown";
}

/* Fixed folders only: a privileged run never trusts PATH. */
const char *
action_find_program(const char *prog, char *dst, size_t size)
{
	static const char *const dirs[] = {
		"/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin",
		"/usr/local/bin", NULL,
	};
	size_t i;

	for (i = 0; dirs[i] != NULL; i++) {
		snprintf(dst, size, "%s/%s", dirs[i], prog);
		if (access(dst, X_OK) == 0)
			return dst;
	}
	return NULL;
}

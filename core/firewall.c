/* The macOS Application Firewall as socketfilterfw reports it. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "firewall.h"
#include "sanitize.h"

/* One line of output, trimmed, with a cursor for the matchers. */
struct fw_line {
	char	text[FIREWALL_LINE_MAX];
	size_t	len;
};

/* Parser state that lives across lines: the --listapps entry pending. */
struct fw_parser {
	struct fw_reading	*r;
	const char		*subject;
	bool			 entry_open; /* an entry awaits its state */
	bool			 entry_subject;
};

void
firewall_reading_init(struct fw_reading *r)
{
	memset(r, 0, sizeof *r);
}

/* Case-insensitive: the tool's wording changed case between releases. */
static bool
fw_has(const struct fw_line *l, const char *needle)
{
	return strcasestr(l->text, needle) != NULL;
}

/* Read an unsigned decimal at *p, advancing it; -1 when none is there. */
static int
fw_number(const char **p, unsigned *out)
{
	const char *s = *p;
	unsigned v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > 100000)
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	*out = v;
	*p = s;
	return 0;
}

/* "... (State = N)": the one number that says off, on or block-all. */
static bool
fw_match_state(struct fw_parser *p, const struct fw_line *l)
{
	const char *s = strcasestr(l->text, "(State");
	unsigned n;

	if (s == NULL) {
		if (fw_has(l, "already disabled"))
			p->r->state = FW_OFF;
		return fw_has(l, "already disabled");
	}
	s += strlen("(State");
	while (*s == ' ')
		s++;
	if (*s++ != '=' || fw_number(&s, &n) != 0)
		return false;
	if (n == 0)
		p->r->state = FW_OFF;
	else if (n == 1)
		p->r->state = FW_ON;
	else if (n == 2)
		p->r->state = FW_BLOCK_ALL;
	return n <= 2;
}

/* ENABLED/DISABLED in any case; "disabled" is tested first. */
static enum fw_flag
fw_enabled_word(const struct fw_line *l)
{
	if (fw_has(l, "disabled"))
		return FW_NO;
	if (fw_has(l, "enabled"))
		return FW_YES;
	return FW_UNSEEN;
}

/* --getblockall and --setblockall in their three wordings. */
static bool
fw_match_block_all(struct fw_parser *p, const struct fw_line *l)
{
	enum fw_flag f;

	if (!fw_has(l, "block all") && !fw_has(l, "blocking all"))
		return false;
	f = fw_enabled_word(l);
	if (f == FW_UNSEEN && (fw_has(l, "blocking all") ||
	    fw_has(l, "block all non-essential")))
		f = FW_YES;
	if (f == FW_UNSEEN)
		return false;
	p->r->block_all = f;
	return true;
}

/* The two allow-signed lines, in either word order. */
static bool
fw_match_allow_signed(struct fw_parser *p, const struct fw_line *l)
{
	enum fw_flag f;

	if (!fw_has(l, "automatically allow"))
		return false;
	f = fw_enabled_word(l);
	if (f == FW_UNSEEN)
		return false;
	if (fw_has(l, "built-in"))
		p->r->allow_builtin = f;
	else if (fw_has(l, "downloaded"))
		p->r->allow_downloaded = f;
	else
		return false;
	return true;
}

/* "Stealth mode enabled" (<=14), "Firewall stealth mode is on" (15+). */
static bool
fw_match_stealth(struct fw_parser *p, const struct fw_line *l)
{
	if (!fw_has(l, "stealth mode"))
		return false;
	if (fw_has(l, "disabled") || fw_has(l, "mode is off"))
		p->r->stealth = FW_NO;
	else if (fw_has(l, "enabled") || fw_has(l, "mode is on"))
		p->r->stealth = FW_YES;
	else
		return false;
	return true;
}

/* The refusal every write gets on a managed Mac (with exit status 0). */
static bool
fw_match_managed(struct fw_parser *p, const struct fw_line *l)
{
	if (!fw_has(l, "cannot be modified") && !fw_has(l, "managed mac"))
		return false;
	p->r->managed = true;
	return true;
}

/* Logging lines, gone in 15.4: understood, not used. */
static bool
fw_match_logging(struct fw_parser *p, const struct fw_line *l)
{
	return fw_has(l, "log mode is") || fw_has(l, "log option is");
}

/* "ALF: total number of apps = N " or "Total number of apps = N". */
static bool
fw_match_list_header(struct fw_parser *p, const struct fw_line *l)
{
	const char *s = strcasestr(l->text, "total number of apps");
	unsigned n;

	if (s == NULL)
		return false;
	s += strlen("total number of apps");
	while (*s == ' ')
		s++;
	if (*s++ != '=' || fw_number(&s, &n) != 0)
		return false;
	p->r->list_seen = true;
	p->r->list_declared = n;
	p->entry_open = false;
	return true;
}

/* Whether a listed path or name is the subject (bootpd). */
static bool
fw_is_subject(const struct fw_parser *p, const char *name, size_t len)
{
	const char *base = strrchr(p->subject, '/');
	size_t slen = strlen(p->subject);

	base = base != NULL ? base + 1 : p->subject;
	if (len == slen && memcmp(name, p->subject, len) == 0)
		return true;
	return len == strlen(base) && memcmp(name, base, len) == 0;
}

/* "N : /path" (15+) or "N :  /path" (<=14); the path may hold spaces. */
static bool
fw_match_entry(struct fw_parser *p, const struct fw_line *l)
{
	const char *s = l->text;
	unsigned n;

	if (fw_number(&s, &n) != 0)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s++ != ':' || (*s != ' ' && *s != '\t'))
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return false;
	p->r->list_parsed++;
	p->entry_open = true;
	p->entry_subject = fw_is_subject(p, s, strlen(s));
	if (p->entry_subject)
		p->r->subject_listed = FW_YES;
	return true;
}

/* "( Allow incoming connections )" or "(Block incoming connections)". */
static bool
fw_match_entry_state(struct fw_parser *p, const struct fw_line *l)
{
	const char *s = l->text + 1;
	enum fw_flag blocked;

	if (l->text[0] != '(' || !fw_has(l, "incoming connections"))
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (strcasestr(s, "allow") == s)
		blocked = FW_NO;
	else if (strcasestr(s, "block") == s)
		blocked = FW_YES;
	else
		return false;
	if (p->entry_open && p->entry_subject)
		p->r->subject_blocked = blocked;
	p->entry_open = false;
	return true;
}

/* "name (state: N)", an early 15 layout: 1 allows, 4 blocks. */
static bool
fw_match_entry_variant(struct fw_parser *p, const struct fw_line *l)
{
	const char *s = strcasestr(l->text, " (state:");
	unsigned n;

	if (s == NULL || s == l->text || l->text[l->len - 1] != ')')
		return false;
	if (strcasestr(s + strlen(" (state:"), ")") !=
	    l->text + l->len - 1)
		return false;
	s += strlen(" (state:");
	if (fw_number(&s, &n) != 0 || *s != ')')
		return false;
	p->r->list_parsed++;
	p->entry_open = false;
	if (!fw_is_subject(p, l->text, (size_t)(strcasestr(l->text,
	    " (state:") - l->text)))
		return true;
	p->r->subject_listed = FW_YES;
	p->r->subject_blocked = n == 1 ? FW_NO : n == 4 ? FW_YES : FW_UNSEEN;
	return true;
}

/* Answers about one application: --add, --remove, --(un)block(app). */
static bool
fw_match_app(struct fw_parser *p, const struct fw_line *l)
{
	struct fw_reading *r = p->r;

	if (fw_has(l, "not part of the firewall")) {
		r->app_listed = FW_NO;
	} else if (fw_has(l, "already a part of the firewall") ||
	    fw_has(l, "added to firewall")) {
		r->app_listed = FW_YES;
	} else if (fw_has(l, "removed from firewall")) {
		r->app_listed = FW_NO;
	} else if (fw_has(l, "permitted")) {
		r->app_listed = FW_YES;
		r->app_blocked = FW_NO;
	} else if (fw_has(l, "blocked")) {
		r->app_listed = FW_YES;
		r->app_blocked = FW_YES;
	} else {
		return false;
	}
	return true;
}

/* The matchers, most specific first. */
static bool (*const fw_matchers[])(struct fw_parser *,
    const struct fw_line *) = {
	fw_match_managed,
	fw_match_state,
	fw_match_list_header,
	fw_match_allow_signed,
	fw_match_stealth,
	fw_match_block_all,
	fw_match_logging,
	fw_match_entry,
	fw_match_entry_state,
	fw_match_entry_variant,
	fw_match_app,
};

/* Copy one raw line, trimmed; -1 for binary junk or an empty line. */
static int
fw_line_load(struct fw_line *l, const char *src, size_t len)
{
	size_t i;

	while (len > 0 && (src[len - 1] == ' ' || src[len - 1] == '\t' ||
	    src[len - 1] == '\r'))
		len--;
	while (len > 0 && (*src == ' ' || *src == '\t')) {
		src++;
		len--;
	}
	if (len == 0 || len >= sizeof l->text)
		return -1;
	for (i = 0; i < len; i++)
		if (((unsigned char)src[i] < 0x20 && src[i] != '\t') ||
		    src[i] == 0x7f)
			return -1;
	memcpy(l->text, src, len);
	l->text[len] = '\0';
	l->len = len;
	return 0;
}

static void
fw_parse_line(struct fw_parser *p, const char *src, size_t len)
{
	struct fw_line l;
	size_t i;

	p->r->lines++;
	if (fw_line_load(&l, src, len) != 0) {
		p->r->skipped++;
		return;
	}
	for (i = 0; i < sizeof fw_matchers / sizeof fw_matchers[0]; i++)
		if (fw_matchers[i](p, &l)) {
			p->r->known++;
			return;
		}
	if (p->r->first_unknown[0] == '\0')
		snprintf(p->r->first_unknown, sizeof p->r->first_unknown,
		    "%.*s", (int)sizeof p->r->first_unknown - 1, l.text);
}

/* A complete list without the subject says it is not listed. */
static void
fw_parse_finish(struct fw_parser *p)
{
	struct fw_reading *r = p->r;

	if (r->list_seen && r->subject_listed == FW_UNSEEN &&
	    r->list_parsed >= r->list_declared)
		r->subject_listed = FW_NO;
}

int
firewall_parse(struct fw_reading *r, const char *buf, size_t len,
    const char *subject)
{
	struct fw_parser p = { r, subject, false, false };
	const char *nl;
	unsigned before = r->known;
	size_t n;

	while (len > 0) {
		nl = memchr(buf, '\n', len);
		n = nl != NULL ? (size_t)(nl - buf) : len;
		fw_parse_line(&p, buf, n);
		if (nl == NULL)
			break;
		buf += n + 1;
		len -= n + 1;
	}
	fw_parse_finish(&p);
	return r->known > before ? 0 : -1;
}

const struct fw_sample *
firewall_sample_at(const struct firewall *fw, size_t i)
{
	size_t oldest = (fw->sample_head + FIREWALL_SAMPLES - fw->nsamples) %
	    FIREWALL_SAMPLES;

	if (i >= fw->nsamples)
		return NULL;
	return &fw->samples[(oldest + i) % FIREWALL_SAMPLES];
}

const struct fw_change *
firewall_change_at(const struct firewall *fw, size_t i)
{
	size_t oldest = (fw->log_head + FIREWALL_CHANGES - fw->nlog) %
	    FIREWALL_CHANGES;

	if (i >= fw->nlog)
		return NULL;
	return &fw->log[(oldest + i) % FIREWALL_CHANGES];
}

static bool
fw_state_is_on(enum fw_state s)
{
	return s == FW_ON || s == FW_BLOCK_ALL;
}

void
firewall_note_own(struct firewall *fw, double t, enum fw_state state)
{
	size_t i, slot = 0;

	for (i = 0; i < FIREWALL_OWN; i++) {
		if (!fw->own[i].pending) {
			slot = i;
			break;
		}
		if (fw->own[i].t < fw->own[slot].t)
			slot = i;
	}
	fw->own[slot].t = t;
	fw->own[slot].to = state;
	fw->own[slot].pending = true;
}

/* Whether a change to state at time t is one we made; consumes it. */
static bool
fw_own_claim(struct firewall *fw, double t, enum fw_state state)
{
	size_t i;

	for (i = 0; i < FIREWALL_OWN; i++) {
		if (!fw->own[i].pending)
			continue;
		if (t - fw->own[i].t > FIREWALL_OWN_SLACK) {
			fw->own[i].pending = false;
			continue;
		}
		if (fw->own[i].to == state && t >= fw->own[i].t - 1.0) {
			fw->own[i].pending = false;
			return true;
		}
	}
	return false;
}

static void
fw_log_change(struct firewall *fw, double t, enum fw_state to)
{
	struct fw_change *c = &fw->log[fw->log_head];

	c->t = t;
	c->from = fw->known;
	c->to = to;
	c->ours = fw_own_claim(fw, t, to);
	fw->log_head = (fw->log_head + 1) % FIREWALL_CHANGES;
	if (fw->nlog < FIREWALL_CHANGES)
		fw->nlog++;
	fw->changes++;
}

void
firewall_sample(struct firewall *fw, double t, enum fw_state state,
    const char *reason)
{
	fw->samples[fw->sample_head].t = t;
	fw->samples[fw->sample_head].state = state;
	fw->sample_head = (fw->sample_head + 1) % FIREWALL_SAMPLES;
	if (fw->nsamples < FIREWALL_SAMPLES)
		fw->nsamples++;
	if (fw->nsamples == 1 || state != fw->state)
		fw->since = t;
	fw->state = state;
	fw->updated = t;
	fw->reason[0] = '\0';
	if (state == FW_UNKNOWN && reason != NULL)
		sanitize_str(fw->reason, sizeof fw->reason, reason);

	if (state != FW_UNKNOWN) {
		if (fw->known != FW_UNKNOWN && state != fw->known)
			fw_log_change(fw, t, state);
		fw->known = state;
	}
	fw->flapping = firewall_flapping(fw, t);
}

unsigned
firewall_recent_changes(const struct firewall *fw, double now,
    unsigned *ours)
{
	const struct fw_change *c;
	unsigned n = 0, mine = 0;
	size_t i;

	for (i = 0; (c = firewall_change_at(fw, i)) != NULL; i++) {
		if (c->t <= now - FIREWALL_FLAP_WINDOW || c->t > now)
			continue;
		n++;
		if (c->ours)
			mine++;
	}
	if (ours != NULL)
		*ours = mine;
	return n;
}

/* Switched off, then back on within FIREWALL_FLAP_RETURN, recently. */
static bool
fw_came_back(const struct firewall *fw, double now)
{
	const struct fw_change *c, *prev = NULL;
	size_t i;

	for (i = 0; (c = firewall_change_at(fw, i)) != NULL; prev = c, i++) {
		if (prev == NULL || c->t <= now - FIREWALL_FLAP_WINDOW ||
		    c->t > now)
			continue;
		if (prev->to == FW_OFF && fw_state_is_on(c->to) &&
		    c->t - prev->t <= FIREWALL_FLAP_RETURN)
			return true;
	}
	return false;
}

bool
firewall_flapping(const struct firewall *fw, double now)
{
	return firewall_recent_changes(fw, now, NULL) >=
	    FIREWALL_FLAP_CHANGES || fw_came_back(fw, now);
}

/* What the rule itself says about the subject, firewall state aside. */
static enum fw_flag
fw_rule_allows(const struct fw_reading *r)
{
	if (r->subject_listed == FW_YES)
		return r->subject_blocked == FW_YES ? FW_NO :
		    r->subject_blocked == FW_NO ? FW_YES : FW_UNSEEN;
	if (r->subject_listed == FW_NO)
		return r->allow_builtin;
	return FW_UNSEEN;
}

void
firewall_rule(const struct firewall *fw, size_t unanswered,
    struct fw_rule *rule)
{
	const struct fw_reading *r = &fw->reading;

	memset(rule, 0, sizeof *rule);
	rule->subject = FIREWALL_BOOTPD;
	rule->verdict = FW_RULE_UNKNOWN;
	if (fw->backend == NULL || !fw->have_reading)
		return;
	rule->listed = r->subject_listed;
	rule->allow_builtin = r->allow_builtin;
	rule->allowed = fw_rule_allows(r);

	if (fw->state == FW_OFF)
		rule->verdict = FW_RULE_FIREWALL_OFF;
	else if (fw->state == FW_UNKNOWN || rule->allowed == FW_UNSEEN)
		rule->verdict = FW_RULE_UNKNOWN;
	else if (rule->allowed == FW_NO)
		rule->verdict = FW_RULE_BLOCKED;
	else if (unanswered > 0)
		rule->verdict = FW_RULE_STALE;
	else
		rule->verdict = rule->listed == FW_YES ? FW_RULE_ALLOWED :
		    FW_RULE_IMPLICIT;
}

const char *
firewall_state_name(enum fw_state state)
{
	switch (state) {
	case FW_UNKNOWN:	return "unknown";
	case FW_OFF:		return "off";
	case FW_ON:		return "on";
	case FW_BLOCK_ALL:	return "block-all";
	}
	return "unknown";
}

const char *
firewall_rule_verdict_name(enum fw_rule_verdict v)
{
	switch (v) {
	case FW_RULE_UNKNOWN:		return "unknown";
	case FW_RULE_FIREWALL_OFF:	return "firewall-off";
	case FW_RULE_ALLOWED:		return "allowed";
	case FW_RULE_IMPLICIT:		return "implicitly-allowed";
	case FW_RULE_BLOCKED:		return "blocked";
	case FW_RULE_STALE:		return "stale";
	}
	return "unknown";
}

char
firewall_state_char(enum fw_state state)
{
	switch (state) {
	case FW_UNKNOWN:	return '?';
	case FW_OFF:		return '_';
	case FW_ON:		return '#';
	case FW_BLOCK_ALL:	return 'B';
	}
	return '?';
}

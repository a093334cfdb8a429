/* The macOS Application Firewall as socketfilterfw reports it. */
#ifndef VMNW_FIREWALL_H
#define VMNW_FIREWALL_H

#include <stdbool.h>
#include <stddef.h>

#define FIREWALL_LINE_MAX	1024	/* longer lines are skipped */
#define FIREWALL_PATH_MAX	256
#define FIREWALL_REASON_MAX	256
#define FIREWALL_SAMPLES	120	/* the timeline: 2 min at 1 s */
#define FIREWALL_CHANGES	32	/* transitions kept for flaps */
#define FIREWALL_OWN		8	/* our own recent switches */
#define FIREWALL_FLAP_WINDOW	600.0	/* seconds */
#define FIREWALL_FLAP_CHANGES	3	/* changes in the window */
#define FIREWALL_FLAP_RETURN	30.0 /* back on this soon after off */
#define FIREWALL_OWN_SLACK	15.0 /* our switch shows up this late */
#define FIREWALL_BOOTPD		"/usr/libexec/bootpd"

/* Zero is "unknown" so that a zeroed struct firewall is valid. */
enum fw_state {
	FW_UNKNOWN,
	FW_OFF,
	FW_ON,
	FW_BLOCK_ALL,
};

/* A yes/no answer that the output may not have given. */
enum fw_flag {
	FW_UNSEEN,
	FW_NO,
	FW_YES,
};

/*
 * What one or more socketfilterfw outputs said. Flags stay FW_UNSEEN when
 * no line spoke of them, so readings of several calls can be merged.
 */
struct fw_reading {
	enum fw_state	state;		/* from "(State = N)" */
	enum fw_flag	block_all;
	enum fw_flag	allow_builtin;	/* built-in signed software */
	enum fw_flag	allow_downloaded;
	enum fw_flag	stealth;
	enum fw_flag	app_listed; /* from --add, --remove, --unblock.. */
	enum fw_flag	app_blocked; /* "...is permitted" / "is blocked" */
	bool		managed;	/* the managed-Mac refusal */

	bool		list_seen;	/* a --listapps header */
	unsigned	list_declared;	/* N of "number of apps = N" */
	unsigned	list_parsed;	/* entries found */
	enum fw_flag	subject_listed;	/* the subject in the list */
	enum fw_flag	subject_blocked;

	unsigned	lines, known, skipped;
	char		first_unknown[FIREWALL_REASON_MAX];	/* raw */
};

/* One poll's answer; the timeline is a ring of these. */
struct fw_sample {
	double		t;
	enum fw_state	state;
};

/* A transition between two known states. */
struct fw_change {
	double		t;
	enum fw_state	from, to;
	bool		ours;		/* we switched it (a fix) */
};

/* A switch that we made, waiting to be seen by a poll. */
struct fw_own {
	double		t;
	enum fw_state	to;
	bool		pending;
};

/* What the bootpd rule amounts to, against the DHCP feed. */
enum fw_rule_verdict {
	FW_RULE_UNKNOWN,
	FW_RULE_FIREWALL_OFF,	/* nothing filters bootpd */
	FW_RULE_ALLOWED,	/* listed and allowed */
	FW_RULE_IMPLICIT,	/* unlisted, built-in signed allowed */
	FW_RULE_BLOCKED,	/* listed blocked, or unlisted unsigned */
	FW_RULE_STALE,	/* says allowed, yet DHCP goes unanswered */
};

struct fw_rule {
	const char		*subject;
	enum fw_flag		 listed;
	enum fw_flag		 allowed; /* effectively, firewall on */
	enum fw_flag		 allow_builtin;
	enum fw_rule_verdict	 verdict;
};

/*
 * The firewall part of the model. Zeroed, it means "no backend": state
 * unknown, no samples.
 */
struct firewall {
	const char		*backend; /* "socketfilterfw", or NULL */
	enum fw_state		 state;	/* of the newest sample */
	char	 reason[FIREWALL_REASON_MAX]; /* sanitized */
	double			 since;	/* the state began */
	double			 updated;	/* the newest sample */
	unsigned		 changes;	/* between known states */
	bool			 flapping; /* as of the newest sample */
	struct fw_reading	 reading;	/* the newest complete one */
	bool			 have_reading;
	bool			 managed; /* a refusal was ever seen */

	struct fw_sample	 samples[FIREWALL_SAMPLES];
	size_t			 nsamples, sample_head;	/* ring */
	struct fw_change	 log[FIREWALL_CHANGES];
	size_t			 nlog, log_head;	/* ring */
	struct fw_own		 own[FIREWALL_OWN];
	enum fw_state		 known;	/* last known state */

	unsigned long		 probes, failures;
	double			 last_ms; /* the newest probe's cost */
};

/*
 * Parse len bytes of socketfilterfw output (any flags, either macOS
 * generation) into r, adding to what r already holds. subject is the
 * program whose rule matters (FIREWALL_BOOTPD). Returns 0 when at least
 * one line was understood, -1 otherwise.
 */
int firewall_parse(struct fw_reading *r, const char *buf, size_t len,
    const char *subject);
void firewall_reading_init(struct fw_reading *r);

/* Add a poll's result at time t; an unknown one carries a raw reason. */
void firewall_sample(struct firewall *fw, double t, enum fw_state state,
    const char *reason);

/* Record that we ourselves switched the firewall to state at time t. */
void firewall_note_own(struct firewall *fw, double t, enum fw_state state);

/* Whether the history shows flapping at time now. */
bool firewall_flapping(const struct firewall *fw, double now);

/* Changes in the window ending at now, and how many were ours. */
unsigned firewall_recent_changes(const struct firewall *fw, double now,
    unsigned *ours);

/* The i-th sample, oldest first, or NULL. */
const struct fw_sample *firewall_sample_at(const struct firewall *fw,
    size_t i);
const struct fw_change *firewall_change_at(const struct firewall *fw,
    size_t i);

/* The bootpd rule, weighed against the count of unanswered requests. */
void firewall_rule(const struct firewall *fw, size_t unanswered,
    struct fw_rule *rule);

const char *firewall_state_name(enum fw_state state);

/* One character per sample for timelines: _ off, # on, B, ? unknown. */
char firewall_state_char(enum fw_state state);
const char *firewall_rule_verdict_name(enum fw_rule_verdict v);

#endif

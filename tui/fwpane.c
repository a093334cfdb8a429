/* The firewall pane: state and since when, a timeline, the bootpd rule. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "firewall.h"
#include "model.h"
#include "ui.h"

#define FWPANE_ROWS	3

/* Nothing to show without a firewall backend (Linux, for now). */
int
fwpane_height(const struct ui *ui, int avail)
{
	if (ui->m->fw.backend == NULL)
		return 0;
	return avail > FWPANE_ROWS + 4 ? FWPANE_ROWS : 0;
}

/* Off is fine for DHCP, block-all and flapping are not. */
static enum theme_role
fwpane_state_role(const struct firewall *fw)
{
	if (fw->flapping)
		return THEME_CRITICAL;
	switch (fw->state) {
	case FW_OFF:		return THEME_OK;
	case FW_ON:		return THEME_NORMAL;
	case FW_BLOCK_ALL:	return THEME_CRITICAL;
	case FW_UNKNOWN:	break;
	}
	return THEME_WARNING;
}

/* The state in capitals, the way it stands out in the title. */
static void
fwpane_upper(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; src[i] != '\0' && i + 1 < size; i++)
		dst[i] = src[i] >= 'a' && src[i] <= 'z' ? src[i] - 'a' + 'A' :
		    src[i];
	dst[i] = '\0';
}

/* "Firewall ON since 16:02:11, 4 changes, FLAPPING" or why unknown. */
static void
fwpane_title_draw(const struct ui *ui, const struct pane_area *a)
{
	const struct firewall *fw = &ui->m->fw;
	char state[64], rest[FIREWALL_REASON_MAX + 96], since[32];
	int x = a->x;

	x += draw_text(a->y, x, a->w, " Firewall  ", THEME_TITLE);
	fwpane_upper(state, sizeof state, firewall_state_name(fw->state));
	x += draw_text(a->y, x, a->w - (x - a->x), state,
	    fwpane_state_role(fw));
	if (fw->state == FW_UNKNOWN) {
		snprintf(rest, sizeof rest, "  %s", fw->reason[0] ?
		    fw->reason : "waiting for the first probe");
	} else {
		draw_format_time(since, sizeof since, fw->since);
		since[8] = '\0';	/* seconds are enough here */
		snprintf(rest, sizeof rest, "  since %s, %u change%s%s",
		    since, fw->changes, fw->changes == 1 ? "" : "s",
		    fw->flapping ? ", FLAPPING: something keeps switching "
		    "it back" : "");
	}
	x += draw_text(a->y, x, a->w - (x - a->x), rest, fw->flapping ?
	    THEME_CRITICAL : THEME_TITLE);
	draw_fill(a->y, x, a->w - (x - a->x), THEME_TITLE);
}

/* A sample as one cell: a bar in UTF-8 locales, a letter otherwise. */
static const char *
fwpane_sample_glyph(enum fw_state state, bool utf8, char *ascii,
    enum theme_role *role)
{
	*role = state == FW_ON ? THEME_TIMELINE_ON : state == FW_OFF ?
	    THEME_TIMELINE_OFF : state == FW_BLOCK_ALL ? THEME_CRITICAL :
	    THEME_MUTED;
	if (utf8 && state == FW_ON)
		return "\u2588";
	if (utf8 && state == FW_OFF)
		return "\u2581";
	ascii[0] = firewall_state_char(state);
	ascii[1] = '\0';
	return ascii;
}

/* One cell a sample, newest at the right, as many as fit. */
static void
fwpane_timeline_draw(const struct ui *ui, const struct pane_area *a, int y)
{
	const struct firewall *fw = &ui->m->fw;
	const struct fw_sample *s;
	enum theme_role role;
	bool utf8 = draw_utf8();
	char ascii[2];
	const char *glyph;
	int x, room = a->w - 30;
	size_t i, first;

	x = a->x + draw_text(y, a->x, a->w, "  samples ", THEME_MUTED);
	if (room <= 0)
		return;
	first = fw->nsamples > (size_t)room ? fw->nsamples - room : 0;
	for (i = first; (s = firewall_sample_at(fw, i)) != NULL; i++) {
		glyph = fwpane_sample_glyph(s->state, utf8, ascii, &role);
		x += draw_text(y, x, 1, glyph, role);
	}
	draw_text(y, x, a->w - (x - a->x), utf8 ?
	    "  (\u2588 on, \u2581 off, B block-all, ? unknown)" :
	    "  (# on, _ off, B block-all, ? unknown)", THEME_MUTED);
}

/* A yes/no/unknown flag in words. */
static const char *
fwpane_flag(enum fw_flag f, const char *yes, const char *no)
{
	return f == FW_YES ? yes : f == FW_NO ? no : "?";
}

/* The DHCP server's rule and what it amounts to against the feed. */
static void
fwpane_rule_draw(const struct ui *ui, const struct pane_area *a, int y)
{
	struct fw_rule rule;
	char text[256];
	enum theme_role role = THEME_NORMAL;

	firewall_rule(&ui->m->fw, model_count_unanswered(ui->m), &rule);
	snprintf(text, sizeof text, "  bootpd rule: %s, %s; allow built-in "
	    "signed: %s -> %s", fwpane_flag(rule.listed, "listed",
	    "not listed"), fwpane_flag(rule.allowed, "allowed", "blocked"),
	    fwpane_flag(rule.allow_builtin, "on", "off"),
	    firewall_rule_verdict_name(rule.verdict));
	if (rule.verdict == FW_RULE_BLOCKED || rule.verdict == FW_RULE_STALE)
		role = THEME_CRITICAL;
	draw_text(y, a->x, a->w, text, role);
}

/* Title, timeline and rule, as many as the rows allow. */
void
fwpane_draw(struct ui *ui, const struct pane_area *a)
{
	fwpane_title_draw(ui, a);
	if (a->h > 1)
		fwpane_timeline_draw(ui, a, a->y + 1);
	if (a->h > 2)
		fwpane_rule_draw(ui, a, a->y + 2);
}

/* Lease files: bootpd's, dnsmasq's and libvirt's, told from the content. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "leases.h"
#include "sanitize.h"
#include "util.h"

#define LEASES_DURATION_MAX	1e9	/* below: a length, not a date */
#define ARPHRD_ETHERNET		1

/* One line of a file: where it starts, how long, whether '\n' ended it. */
struct lease_line {
	const char	*s;
	size_t		 len;
	bool		 terminated;
	bool		 too_long;
};

/* A cursor over a buffer and what is left of it. */
struct lease_cursor {
	const char	*buf;
	size_t		 pos, len;
};

void
lease_table_init(struct lease_table *t)
{
	memset(t, 0, sizeof *t);
}

void
lease_table_free(struct lease_table *t)
{
	free(t->items);
	lease_table_init(t);
}

void
lease_table_clear(struct lease_table *t)
{
	t->count = 0;
	t->dropped = 0;
	t->bad_lines = 0;
	t->error[0] = '\0';
	t->format = LEASE_FORMAT_EMPTY;
}

/* Room for one more entry, or NULL (and a count) past LEASES_MAX. */
static struct lease *
lease_table_add(struct lease_table *t)
{
	struct lease *l;

	if (t->count == LEASES_MAX) {
		t->dropped++;
		return NULL;
	}
	if (t->count == t->cap) {
		t->cap = t->cap == 0 ? 64 : t->cap * 2;
		if (t->cap > LEASES_MAX)
			t->cap = LEASES_MAX;
		t->items = xrealloc(t->items, t->cap * sizeof *t->items);
	}
	l = &t->items[t->count++];
	memset(l, 0, sizeof *l);
	l->hw_type = -1;
	l->order = (unsigned)(t->count - 1);
	return l;
}

/* The next line, without its "\r\n", blanks trimmed at both ends. */
static bool
lease_next_line(struct lease_cursor *c, struct lease_line *line)
{
	const char *start, *nl;
	size_t left;

	if (c->pos >= c->len)
		return false;
	start = c->buf + c->pos;
	left = c->len - c->pos;
	nl = memchr(start, '\n', left);
	line->terminated = nl != NULL;
	line->len = nl != NULL ? (size_t)(nl - start) : left;
	c->pos += line->len + (nl != NULL);
	line->too_long = line->len > LEASES_LINE_MAX;
	line->s = start;
	while (line->len > 0 && (line->s[0] == ' ' || line->s[0] == '\t')) {
		line->s++;
		line->len--;
	}
	while (line->len > 0 && (line->s[line->len - 1] == ' ' ||
	    line->s[line->len - 1] == '\t' || line->s[line->len - 1] == '\r'))
		line->len--;
	return true;
}

static bool
lease_line_is(const struct lease_line *line, const char *word)
{
	size_t n = strlen(word);

	return line->len == n && memcmp(line->s, word, n) == 0;
}

static bool
lease_line_starts(const struct lease_line *line, const char *word)
{
	size_t n = strlen(word);

	return line->len >= n && memcmp(line->s, word, n) == 0;
}

/* ISC dhcpd: "lease 10.0.0.5 {" blocks and its own header keywords. */
static bool
lease_looks_isc(const char *buf, size_t len)
{
	struct lease_cursor c = { buf, 0, len };
	struct lease_line line;

	while (lease_next_line(&c, &line)) {
		if (lease_line_starts(&line, "authoring-byte-order") ||
		    lease_line_starts(&line, "server-duid ") ||
		    (lease_line_starts(&line, "lease ") && line.len > 0 &&
		    line.s[line.len - 1] == '{'))
			return true;
	}
	return false;
}

/* A bootpd property: a bare key, or key=value; keys are plain words. */
static bool
lease_bootpd_key_line(const struct lease_line *line)
{
	size_t i;
	char ch;

	for (i = 0; i < line->len && line->s[i] != '='; i++) {
		ch = line->s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
		    ch == '.'))
			return false;
	}
	return i > 0;
}

/*
 * bootpd opens each entry with a lone '{' and follows with key=value
 * lines; a JSON object may open with a lone '{' too, but its members
 * start with a quote. Past the first line: is the next one a property?
 */
static bool
lease_looks_bootpd(struct lease_cursor *c)
{
	struct lease_line line;

	while (lease_next_line(c, &line)) {
		if (line.len > 0)
			return lease_bootpd_key_line(&line);
	}
	return true;
}

/*
 * dnsmasq: "duid ..." or an expiry in decimal, then a blank. Lines too
 * long to be leases are skipped here as the parser skips them.
 */
static bool
lease_looks_dnsmasq(struct lease_cursor *c, struct lease_line line)
{
	size_t i = 0;

	while (line.too_long || line.len == 0) {
		if (!lease_next_line(c, &line))
			return false;
	}
	if (lease_line_starts(&line, "duid "))
		return true;
	while (i < line.len && line.s[i] >= '0' && line.s[i] <= '9')
		i++;
	return i > 0 && i < line.len && (line.s[i] == ' ' ||
	    line.s[i] == '\t');
}

enum lease_format
lease_format_detect(const char *buf, size_t len)
{
	struct lease_cursor c = { buf, 0, len };
	struct lease_line line = { NULL, 0, false, false };

	while (lease_next_line(&c, &line) && line.len == 0)
		;
	if (line.len == 0)
		return LEASE_FORMAT_EMPTY;
	if ((line.s[0] == '#' || line.s[0] == 'a' || line.s[0] == 'l' ||
	    line.s[0] == 's') && lease_looks_isc(buf, len))
		return LEASE_FORMAT_ISC;
	if (line.s[0] == '[')
		return LEASE_FORMAT_LIBVIRT;
	if (lease_line_is(&line, "{"))
		return lease_looks_bootpd(&c) ? LEASE_FORMAT_BOOTPD :
		    LEASE_FORMAT_UNKNOWN;
	if (lease_looks_dnsmasq(&c, line))
		return LEASE_FORMAT_DNSMASQ;
	return LEASE_FORMAT_UNKNOWN;
}

/* A hex number of at most digits characters; -1 when it is not one. */
static long long
lease_parse_hexnum(const char *s, size_t len, size_t digits)
{
	long long v = 0;
	size_t i;
	char ch;

	if (len == 0 || len > digits)
		return -1;
	for (i = 0; i < len; i++) {
		ch = s[i];
		if (ch >= '0' && ch <= '9')
			v = v * 16 + (ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v = v * 16 + (ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v = v * 16 + (ch - 'A' + 10);
		else
			return -1;
	}
	return v;
}

/* A decimal number of at most 19 digits; -1 when it is not one. */
static long long
lease_parse_decimal(const char *s, size_t len)
{
	long long v = 0;
	size_t i;

	if (len == 0 || len > 19)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* bootpd's "<type>,<hex>:<hex>..." with one-digit groups allowed. */
static int
lease_parse_typed(const char *s, size_t len, int *type, uint8_t *out,
    size_t max)
{
	const char *comma = memchr(s, ',', len);
	long long t;
	size_t tlen;

	if (comma == NULL)
		return -1;
	tlen = (size_t)(comma - s);
	if ((t = lease_parse_hexnum(s, tlen, 2)) < 0)
		return -1;
	*type = (int)t;
	return hwaddr_parse_hex(comma + 1, len - tlen - 1, ':', out, max);
}

static void
lease_set_name(struct lease *l, const char *s, size_t len)
{
	sanitize_bytes(l->name, sizeof l->name, (const uint8_t *)s, len);
}

/* hw_address: the MAC when the type is Ethernet and six bytes follow. */
static void
lease_bootpd_hw(struct lease *l, const char *v, size_t len)
{
	uint8_t b[LEASE_ID_MAX];
	int type, n;

	n = lease_parse_typed(v, len, &type, b, sizeof b);
	if (n < 0)
		return;
	l->hw_type = type;
	l->has_mac = type == ARPHRD_ETHERNET && n == HWADDR_LEN;
	if (l->has_mac)
		memcpy(l->mac, b, HWADDR_LEN);
}

/* identifier: stored as option 61 is, the type byte first. */
static void
lease_bootpd_id(struct lease *l, const char *v, size_t len)
{
	int type, n;

	n = lease_parse_typed(v, len, &type, l->id + 1, sizeof l->id - 1);
	if (n < 0)
		return;
	l->id[0] = (uint8_t)type;
	l->id_len = (size_t)n + 1;
}

/* One "key=value" line inside a bootpd entry; unknown keys are kept out. */
static void
lease_bootpd_property(struct lease *l, const struct lease_line *line)
{
	const char *eq = memchr(line->s, '=', line->len);
	size_t klen, vlen;
	const char *v;
	long long t;

	if (eq == NULL)
		return;
	klen = (size_t)(eq - line->s);
	v = eq + 1;
	vlen = line->len - klen - 1;
	if (klen == 4 && memcmp(line->s, "name", 4) == 0)
		lease_set_name(l, v, vlen);
	else if (klen == 10 && memcmp(line->s, "ip_address", 10) == 0)
		hwaddr_parse_ipv4(v, vlen, &l->ip);
	else if (klen == 10 && memcmp(line->s, "hw_address", 10) == 0)
		lease_bootpd_hw(l, v, vlen);
	else if (klen == 10 && memcmp(line->s, "identifier", 10) == 0)
		lease_bootpd_id(l, v, vlen);
	else if (klen == 5 && memcmp(line->s, "lease", 5) == 0 &&
	    vlen > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') &&
	    (t = lease_parse_hexnum(v + 2, vlen - 2, 15)) >= 0) {
		l->expires = (double)t;
		l->has_expiry = true;
	}
}

/* An entry without hw_address may still name its MAC in identifier. */
static void
lease_bootpd_finish(struct lease *l)
{
	if (l->has_mac || l->hw_type >= 0 || l->id_len != HWADDR_LEN + 1 ||
	    l->id[0] != ARPHRD_ETHERNET)
		return;
	l->has_mac = true;
	l->hw_type = ARPHRD_ETHERNET;
	memcpy(l->mac, l->id + 1, HWADDR_LEN);
}

/* Copy a finished entry into the table, numbered in file order. */
static void
lease_table_keep(struct lease_table *t, const struct lease *l)
{
	struct lease *dst = lease_table_add(t);
	unsigned order;

	if (dst == NULL)
		return;
	order = dst->order;
	*dst = *l;
	dst->order = order;
}

enum lease_parse_result
lease_parse_bootpd(struct lease_table *t, const char *buf, size_t len)
{
	struct lease_cursor c = { buf, 0, len };
	struct lease_line line;
	struct lease cur;
	bool inside = false;

	t->format = LEASE_FORMAT_BOOTPD;
	while (lease_next_line(&c, &line)) {
		if (line.too_long) {
			t->bad_lines++;
		} else if (lease_line_is(&line, "{")) {
			if (inside)
				t->bad_lines++;
			memset(&cur, 0, sizeof cur);
			cur.hw_type = -1;
			inside = true;
		} else if (lease_line_is(&line, "}")) {
			if (inside && cur.ip != 0) {
				lease_bootpd_finish(&cur);
				lease_table_keep(t, &cur);
			}
			else
				t->bad_lines++;
			inside = false;
		} else if (inside) {
			lease_bootpd_property(&cur, &line);
		} else if (line.len > 0) {
			t->bad_lines++;
		}
	}
	if (inside) {
		snprintf(t->error, sizeof t->error, "the last entry has no "
		    "closing brace: the file was cut while being written");
		return LEASE_PARSE_PARTIAL;
	}
	return LEASE_PARSE_OK;
}

/* Split a line at blanks into at most max words; returns the count. */
static size_t
lease_split_words(const struct lease_line *line, const char **w,
    size_t *wlen, size_t max)
{
	size_t n = 0, pos = 0, start;

	while (pos < line->len && n < max) {
		while (pos < line->len && (line->s[pos] == ' ' ||
		    line->s[pos] == '\t'))
			pos++;
		if (pos == line->len)
			break;
		start = pos;
		while (pos < line->len && line->s[pos] != ' ' &&
		    line->s[pos] != '\t')
			pos++;
		w[n] = line->s + start;
		wlen[n++] = pos - start;
	}
	return n;
}

/* dnsmasq's hardware field: "52:54:..." or "<type>-<hex>:<hex>...". */
static int
lease_dnsmasq_hw(struct lease *l, const char *s, size_t len)
{
	uint8_t b[LEASE_ID_MAX];
	long long type = ARPHRD_ETHERNET;
	int n = 0;

	if (len >= 3 && s[2] == '-') {
		if ((type = lease_parse_hexnum(s, 2, 2)) < 0)
			return -1;
		s += 3;
		len -= 3;
	}
	if (len > 0 && (n = hwaddr_parse_hex(s, len, ':', b, sizeof b)) < 0)
		return -1;
	l->hw_type = (int)type;
	l->has_mac = type == ARPHRD_ETHERNET && n == HWADDR_LEN;
	if (l->has_mac)
		memcpy(l->mac, b, HWADDR_LEN);
	return 0;
}

/* Epoch seconds; 0 is infinite; forks write a remaining length. */
static void
lease_dnsmasq_expiry(struct lease *l, long long v, double now)
{
	if (v == 0)
		return;
	l->has_expiry = true;
	l->expires = v < LEASES_DURATION_MAX ? now + (double)v : (double)v;
}

/* One IPv4 lease line; IPv6 and "duid" lines are not ours to count. */
static void
lease_dnsmasq_line(struct lease_table *t, const struct lease_line *line,
    double now)
{
	const char *w[6];
	size_t wl[6], n;
	struct lease cur;
	long long exp;
	int idn;

	n = lease_split_words(line, w, wl, 6);
	if (n == 0 || (wl[0] == 4 && memcmp(w[0], "duid", 4) == 0))
		return;
	if (n >= 3 && memchr(w[2], ':', wl[2]) != NULL)
		return;
	memset(&cur, 0, sizeof cur);
	cur.hw_type = -1;
	if (n < 4 || (exp = lease_parse_decimal(w[0], wl[0])) < 0 ||
	    lease_dnsmasq_hw(&cur, w[1], wl[1]) != 0 ||
	    hwaddr_parse_ipv4(w[2], wl[2], &cur.ip) != 0) {
		t->bad_lines++;
		return;
	}
	lease_dnsmasq_expiry(&cur, exp, now);
	if (!(wl[3] == 1 && w[3][0] == '*'))
		lease_set_name(&cur, w[3], wl[3]);
	if (n >= 5 && !(wl[4] == 1 && w[4][0] == '*') &&
	    (idn = hwaddr_parse_hex(w[4], wl[4], ':', cur.id,
	    sizeof cur.id)) > 0)
		cur.id_len = (size_t)idn;
	lease_table_keep(t, &cur);
}

enum lease_parse_result
lease_parse_dnsmasq(struct lease_table *t, const char *buf, size_t len,
    double now)
{
	struct lease_cursor c = { buf, 0, len };
	struct lease_line line;

	t->format = LEASE_FORMAT_DNSMASQ;
	while (lease_next_line(&c, &line)) {
		if (!line.terminated && line.len > 0) {
			snprintf(t->error, sizeof t->error, "the last line is "
			    "cut short: the file was being rewritten");
			return LEASE_PARSE_PARTIAL;
		}
		if (line.too_long)
			t->bad_lines++;
		else
			lease_dnsmasq_line(t, &line, now);
	}
	return LEASE_PARSE_OK;
}

/* A string member of a JSON object, with its length; NULL when absent. */
static const char *
lease_json_str(json_t *obj, const char *key, size_t *len)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		return NULL;
	*len = json_string_length(v);
	return json_string_value(v);
}

/* One object of libvirt's array; IPv6 entries are left out. */
static void
lease_libvirt_entry(struct lease_table *t, json_t *obj)
{
	struct lease cur;
	const char *s;
	size_t len;
	json_t *exp;
	int n;

	memset(&cur, 0, sizeof cur);
	cur.hw_type = -1;
	s = lease_json_str(obj, "ip-address", &len);
	if (s != NULL && memchr(s, ':', len) != NULL)
		return;
	if (s == NULL || hwaddr_parse_ipv4(s, len, &cur.ip) != 0) {
		t->bad_lines++;
		return;
	}
	s = lease_json_str(obj, "mac-address", &len);
	if (s != NULL && hwaddr_parse_mac(s, len, cur.mac) == 0) {
		cur.has_mac = true;
		cur.hw_type = ARPHRD_ETHERNET;
	}
	if ((s = lease_json_str(obj, "hostname", &len)) != NULL)
		lease_set_name(&cur, s, len);
	if ((s = lease_json_str(obj, "client-id", &len)) != NULL &&
	    (n = hwaddr_parse_hex(s, len, ':', cur.id, sizeof cur.id)) > 0)
		cur.id_len = (size_t)n;
	exp = json_object_get(obj, "expiry-time");
	if (json_is_number(exp) && json_number_value(exp) > 0) {
		cur.expires = json_number_value(exp);
		cur.has_expiry = true;
	}
	lease_table_keep(t, &cur);
}

/* JSON's name for what a document is, to say what was found instead. */
static const char *
lease_json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:	return "an object";
	case JSON_ARRAY:	return "an array";
	case JSON_STRING:	return "a string";
	case JSON_INTEGER:
	case JSON_REAL:		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:	return "a boolean";
	case JSON_NULL:		return "null";
	}
	return "something else";
}

/* Whether an array element is one of libvirt's lease objects at all. */
static bool
lease_libvirt_shaped(json_t *obj)
{
	return json_is_object(obj) &&
	    (json_object_get(obj, "ip-address") != NULL ||
	    json_object_get(obj, "mac-address") != NULL);
}

/*
 * libvirt writes an array of lease objects; an empty one is a network
 * without leases. Anything else is some other program's JSON.
 */
static bool
lease_libvirt_array(struct lease_table *t, json_t *root)
{
	json_t *obj;
	size_t i;

	if (!json_is_array(root)) {
		snprintf(t->error, sizeof t->error, "JSON, but not libvirt's "
		    "status array of leases: the document is %s",
		    lease_json_kind(root));
		return false;
	}
	json_array_foreach(root, i, obj) {
		if (lease_libvirt_shaped(obj))
			return true;
	}
	if (json_array_size(root) == 0)
		return true;
	snprintf(t->error, sizeof t->error, "JSON, but not libvirt's status "
	    "array of leases: no entry (of %zu) has an ip-address or a "
	    "mac-address", json_array_size(root));
	return false;
}

enum lease_parse_result
lease_parse_libvirt(struct lease_table *t, const char *buf, size_t len)
{
	json_error_t err;
	json_t *root, *obj;
	size_t i;

	t->format = LEASE_FORMAT_LIBVIRT;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &err);
	if (root == NULL) {
		snprintf(t->error, sizeof t->error, "not valid JSON at line "
		    "%d: %s", err.line, err.text);
		return (size_t)err.position >= len ? LEASE_PARSE_PARTIAL :
		    LEASE_PARSE_ERROR;
	}
	if (!lease_libvirt_array(t, root)) {
		json_decref(root);
		t->format = LEASE_FORMAT_UNKNOWN;
		return LEASE_PARSE_FOREIGN;
	}
	json_array_foreach(root, i, obj) {
		if (json_is_object(obj))
			lease_libvirt_entry(t, obj);
		else
			t->bad_lines++;
	}
	json_decref(root);
	return LEASE_PARSE_OK;
}

/* Why a file is not read: JSON of another shape, or no format we know. */
static void
lease_unknown_why(struct lease_table *t, const char *buf, size_t len)
{
	json_t *root = json_loadb(buf, len, JSON_DECODE_ANY, NULL);

	if (root != NULL) {
		lease_libvirt_array(t, root);
		json_decref(root);
		return;
	}
	snprintf(t->error, sizeof t->error, "not a lease file format that "
	    "vmnetwatch reads (bootpd, dnsmasq, libvirt JSON)");
}

enum lease_parse_result
lease_table_parse(struct lease_table *t, const char *buf, size_t len,
    double now)
{
	lease_table_clear(t);
	t->format = lease_format_detect(buf, len);
	switch (t->format) {
	case LEASE_FORMAT_EMPTY:
		return LEASE_PARSE_OK;
	case LEASE_FORMAT_BOOTPD:
		return lease_parse_bootpd(t, buf, len);
	case LEASE_FORMAT_DNSMASQ:
		return lease_parse_dnsmasq(t, buf, len, now);
	case LEASE_FORMAT_LIBVIRT:
		return lease_parse_libvirt(t, buf, len);
	case LEASE_FORMAT_ISC:
		snprintf(t->error, sizeof t->error, "this is an ISC dhcpd "
		    "lease file, not one that bootpd, dnsmasq or libvirt "
		    "writes");
		return LEASE_PARSE_FOREIGN;
	case LEASE_FORMAT_UNKNOWN:
		break;
	}
	lease_unknown_why(t, buf, len);
	return LEASE_PARSE_FOREIGN;
}

/* Only a regular file of a bounded size is read; say which test failed. */
static int
lease_file_refuse(int fd, const char *path, struct stat *st, char *why,
    size_t whysz)
{
	if (fstat(fd, st) != 0) {
		snprintf(why, whysz, "cannot stat %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		snprintf(why, whysz, "%s is not a regular file", path);
		return -1;
	}
	if (st->st_size > (off_t)LEASES_FILE_MAX) {
		snprintf(why, whysz, "%s is larger than %u MiB (%.0f MB)", path,
		    LEASES_FILE_MAX >> 20, (double)st->st_size / 1e6);
		return -1;
	}
	return 0;
}

/* The whole file into a buffer, refusing one past LEASES_FILE_MAX. */
static char *
lease_file_slurp(const char *path, size_t *len, char *why, size_t whysz)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t got = 0;
	int fd;

	/* Non-blocking: opening a FIFO must not wait for a writer. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		snprintf(why, whysz, "cannot open %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (lease_file_refuse(fd, path, &st, why, whysz) != 0) {
		close(fd);
		return NULL;
	}
	buf = xcalloc(1, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	*len = got;
	return buf;
}

enum lease_parse_result
lease_file_read(struct lease_table *t, const char *path, double now,
    char *why, size_t whysz)
{
	struct lease_table fresh;
	enum lease_parse_result r;
	size_t len = 0;
	char *buf;

	if ((buf = lease_file_slurp(path, &len, why, whysz)) == NULL)
		return LEASE_PARSE_ERROR;
	lease_table_init(&fresh);
	r = lease_table_parse(&fresh, buf, len, now);
	free(buf);
	snprintf(why, whysz, "%s", fresh.error);
	if (r != LEASE_PARSE_OK && !(r == LEASE_PARSE_PARTIAL &&
	    t->count == 0)) {
		lease_table_free(&fresh);
		return r;
	}
	lease_table_free(t);
	*t = fresh;
	return r;
}

bool
lease_is_expired(const struct lease *l, double now)
{
	return l->has_expiry && l->expires <= now;
}

#if defined(__APPLE__)
const char *
lease_default_path(const char *bridge)
{
	return "/var/db/dhcpd_leases";
}
#else
/* Linux: which tool owns a bridge, and where its dnsmasq keeps leases. */
static const struct {
	const char	*bridge;
	const char	*path;
} lease_linux_paths[] = {
	{ "mpqemubr0",
	  "/var/snap/multipass/common/data/multipassd/network/"
	  "dnsmasq.leases" },
	{ "lxdbr0",
	  "/var/snap/lxd/common/lxd/networks/lxdbr0/dnsmasq.leases" },
	{ "lxdbr0", "/var/lib/lxd/networks/lxdbr0/dnsmasq.leases" },
	{ "incusbr0", "/var/lib/incus/networks/incusbr0/dnsmasq.leases" },
	{ "virbr0", "/var/lib/libvirt/dnsmasq/virbr0.status" },
};

/* A candidate for the bridge (any bridge when none is named). */
static bool
lease_path_fits(size_t i, const char *bridge)
{
	return bridge == NULL || bridge[0] == '\0' ||
	    strcmp(bridge, lease_linux_paths[i].bridge) == 0;
}

const char *
lease_default_path(const char *bridge)
{
	static char libvirt[LEASES_PATH_MAX];
	size_t i, n = sizeof lease_linux_paths / sizeof lease_linux_paths[0];

	for (i = 0; i < n; i++)
		if (lease_path_fits(i, bridge) &&
		    access(lease_linux_paths[i].path, F_OK) == 0)
			return lease_linux_paths[i].path;
	if (bridge == NULL || bridge[0] == '\0')
		return NULL;
	for (i = 0; i < n; i++)
		if (lease_path_fits(i, bridge))
			return lease_linux_paths[i].path;
	if (strncmp(bridge, "virbr", 5) == 0 && strlen(bridge) < 32) {
		snprintf(libvirt, sizeof libvirt,
		    "/var/lib/libvirt/dnsmasq/%s.status", bridge);
		return libvirt;
	}
	return NULL;
}
#endif

const char *
lease_format_name(enum lease_format f)
{
	switch (f) {
	case LEASE_FORMAT_EMPTY:	return "empty";
	case LEASE_FORMAT_BOOTPD:	return "bootpd";
	case LEASE_FORMAT_DNSMASQ:	return "dnsmasq";
	case LEASE_FORMAT_LIBVIRT:	return "libvirt";
	case LEASE_FORMAT_ISC:		return "isc-dhcpd";
	case LEASE_FORMAT_UNKNOWN:	return "unknown";
	}
	return "unknown";
}

const char *
lease_file_state_name(enum lease_file_state s)
{
	switch (s) {
	case LEASE_FILE_NONE:	return "none";
	case LEASE_FILE_ABSENT:	return "absent";
	case LEASE_FILE_OK:	return "ok";
	case LEASE_FILE_STALE:	return "stale";
	}
	return "unknown";
}

void
lease_state_init(struct lease_state *s)
{
	memset(s, 0, sizeof *s);
	lease_table_init(&s->table);
}

void
lease_state_free(struct lease_state *s)
{
	lease_table_free(&s->table);
	lease_state_init(s);
}
